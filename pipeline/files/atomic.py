"""Write output files whole or not at all: a temporary file beside the target, renamed into place."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator
from glob import escape as glob_escape
from pathlib import Path

# Temporary names: this process's id and a count, unique among live processes; a leftover of a
# dead process with the same id is stepped over (O_EXCL). Cheaper than mkstemp's random letters.
_COUNT = itertools.count()


def _create_temporary(target: Path) -> str:
    """Create the empty temporary file beside `target` (its folder too, the first time)."""
    made_folder = False
    while True:
        name = f"{target.parent}{os.sep}.{target.name}.{os.getpid()}_{next(_COUNT)}.part"
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except (FileNotFoundError, NotADirectoryError):
            # No folder yet: made (or found made: another worker may make it between this open
            # and the check, as a batch's first guides start together), then one more try. A file
            # where the folder must be fails here, and the error names that file, not ours.
            if made_folder:
                raise
            target.parent.mkdir(parents=True, exist_ok=True)
            made_folder = True
            continue
        try:
            os.fchmod(fd, 0o644)  # whatever the umask: outputs are for others to read
        finally:
            os.close(fd)
        return name


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `target`, on failure it vanishes."""
    name = _create_temporary(target)
    try:
        yield Path(name)
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


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
