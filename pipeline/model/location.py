"""Where a piece of a manuscript came from: a file and a 1-based line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class SourceLocation:
    """A manuscript's file and a 1-based line in it."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        # Always path:line, even for whole-file problems (line 1): editors and CI problem
        # matchers parse exactly that shape.
        return f"{self.path}:{max(self.line, 1)}"
