"""The folders the command line writes into, and OS errors told in one line."""

from __future__ import annotations

from pathlib import Path

from pipeline.files.names import shown_path
from pipeline.model.diagnostics import UsageError


def output_folder(value: str | Path, option: str = "--out") -> Path:
    """The output folder, refused (exit 2) when it, or a folder it would be made in, is a file.

    Checked before any work: otherwise every manuscript failed on its own with the same error.
    """
    path = Path(value)
    for existing in (path, *path.parents):
        if existing.exists() or existing.is_symlink():
            if not existing.is_dir():
                what = "is a file" if existing == path else f"lies in {existing}, which is a file"
                raise UsageError(f"{option} {shown_path(path)} {what}, not a folder")
            break
    return path


def built_folder(value: str | Path) -> Path:
    """The output folder a shelf command reads: it must exist and be a folder (exit 2 otherwise)."""
    path = output_folder(value)
    if not path.is_dir():
        raise UsageError(f"{shown_path(path)}: no such folder; build some guides first")
    return path


def os_error_line(exc: OSError) -> str:
    """ "<file>: <cause>", the file and the reason the system gave, with no traceback."""
    cause = exc.strerror or type(exc).__name__
    names = [shown_path(name) for name in (exc.filename, exc.filename2) if isinstance(name, str | bytes)]
    return f"{' -> '.join(names)}: {cause}" if names else cause
