"""What a batch is asked for and what it hands back: BuildOptions, the Outcome of one manuscript,
and where each format's output goes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.files.names import utf8_stem
from pipeline.model.diagnostics import Diagnostic

FORMATS = ("epub", "pdf", "handout", "html")
_FOLDERS = {
    "epub": ("epub", ".epub"),
    "pdf": ("pdf", ".pdf"),
    "handout": ("handouts", ".pdf"),
    "html": ("html", ".html"),
}


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How a batch builds: formats, output folder, paper, theme, workers, cache, language."""

    formats: tuple[str, ...] = ("epub", "pdf")
    out_dir: Path = Path("output")
    paper: str = "a4"
    theme_dir: Path | None = None
    print_marks: bool = False
    pdf_variant: str | None = "pdf/ua-1"
    auto_glossary: bool = True
    jobs: int | None = None  # worker processes; None means one per core
    use_cache: bool = True
    default_language: str = "en"  # for manuscripts that do not say
    publisher: str = "Study Guide Pipeline"
    # Workers hand back the shelf's entry for each EPUB they write (and copy its cover to
    # out_dir/covers), so the catalogue written after the batch reads nothing back. The command
    # line asks for it.
    shelf: bool = False

    def settings(self) -> str:
        """The options an output's bytes depend on, for the cache key."""
        return json.dumps(
            [
                self.paper,
                self.print_marks,
                self.pdf_variant,
                self.auto_glossary,
                self.default_language,
                self.publisher,
            ]
        )


@dataclass(slots=True)
class Outcome:
    """What happened to one manuscript."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: bool = False
    seconds: float = 0.0
    cached: bool = False  # nothing changed since the last build: nothing was rebuilt
    shelf: list[dict] = field(default_factory=list)  # the shelf's record of a new EPUB (catalog.py)
    # For the build cache, all taken in the process that built the guide: the digest of the
    # manuscript's bytes it read, of each image beside it the outputs embed (taken before the
    # writers read them), and of each output as written.
    source_digest: str = ""
    deps: dict[Path, str] = field(default_factory=dict)
    written: dict[Path, str] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        errors = [d.message for d in self.diagnostics if d.severity == "error"]
        return errors[0] if errors else ""


def output_path(out_dir: Path, fmt: str, stem: str) -> Path:
    return output_folder(out_dir, fmt) / output_name(fmt, stem)


def output_folder(out_dir: Path, fmt: str) -> Path:
    """The folder `output_path` puts a format's outputs in."""
    return out_dir / _FOLDERS[fmt][0]


def output_name(fmt: str, stem: str) -> str:
    """The file name `output_path` gives a manuscript's output (no path made: a batch's planning
    names every output of a thousand guides)."""
    return f"{utf8_stem(stem)}{_FOLDERS[fmt][1]}"
