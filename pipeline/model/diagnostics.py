"""Diagnostics (`path:line: severity[CODE]: message`) and the errors that stop one manuscript."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pipeline.model.location import SourceLocation

Severity = Literal["warning", "error"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about a manuscript: its code, severity, message and where it is."""

    code: str
    severity: Severity
    message: str
    location: SourceLocation

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}[{self.code}]: {self.message}"


class Report:
    """Collects diagnostics for one manuscript; shared by every stage that reads it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[Diagnostic] = []

    def warn(self, code: str, message: str, line: int = 1) -> None:
        self.items.append(Diagnostic(code, "warning", message, SourceLocation(self.path, line)))

    def error(self, code: str, message: str, line: int = 1) -> GuideError:
        """Record an error and return the exception that stops this manuscript."""
        diagnostic = Diagnostic(code, "error", message, SourceLocation(self.path, line))
        earlier = tuple(self.items)
        self.items.append(diagnostic)
        return GuideError(diagnostic, earlier)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]


class PipelineError(Exception):
    """Base of the errors the command line turns into messages instead of tracebacks."""


class GuideError(PipelineError):
    """One manuscript cannot become a guide; the rest of the batch goes on."""

    def __init__(self, diagnostic: Diagnostic, earlier: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic
        self.earlier = earlier  # the warnings that came before the error often explain it

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [*self.earlier, self.diagnostic]


class UsageError(PipelineError):
    """The command line was asked for something it cannot do (exit code 2)."""
