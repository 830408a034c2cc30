"""Write output files whole or not at all: a temporary file beside the target, renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from glob import escape as glob_escape
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `target`, on failure it vanishes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def remove_leftovers(target: Path) -> None:
    """Delete the temporary files a writer killed mid-way left beside `target` (atomic_path's
    clean-up never ran in a process that died)."""
    for leftover in target.parent.glob(f".{glob_escape(target.name)}.*.part"):
        leftover.unlink(missing_ok=True)


def remove_stale_parts(folder: Path, names: set[str]) -> int:
    """Delete the temporary files left in `folder` beside any of the files `names` by a process
    killed mid-write (SIGKILL, a power cut), in one listing of the folder; returns how many.

    Called before a batch writes these files again, so each leftover is its own. (Two builds
    writing the same guide into one folder at once would race anyway.)"""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        # atomic_path's names: "." + target name + "." + mkstemp's random letters + ".part"
        name = entry.name
        if name.startswith(".") and name.endswith(".part") and name[1:-5].rpartition(".")[0] in names:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                removed += 1
    return removed


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)
