"""The folders the command line writes into: refused early when they are files."""

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
