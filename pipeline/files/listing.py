"""Which files exist, from one listing of each folder rather than a stat of each file.

The shelf asks, for each of a library's guides, whether its cover, PDF and handout are there:
300 stats for 100 guides, in the tail of a batch after the workers are done; three listings
answer them all. For a moment's view of folders nothing else is writing to.
"""

from __future__ import annotations

import os
from pathlib import Path


class Listing:
    """Answers `is_file` from the first listing of each folder asked about."""

    def __init__(self) -> None:
        self._folders: dict[Path, frozenset[str]] = {}

    def is_file(self, path: Path) -> bool:
        """What path.is_file() says: a regular file, or a link to one."""
        names = self._folders.get(path.parent)
        if names is None:
            names = self._folders[path.parent] = files_in(path.parent)
        return path.name in names


def files_in(folder: Path) -> frozenset[str]:
    """The names of the regular files (or links to them) in `folder`; none when it cannot be read."""
    names = set()
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    if entry.is_file():
                        names.add(entry.name)
                except OSError:  # as Path.is_file: a file that cannot be looked at is not there
                    continue
    except OSError:
        return frozenset()
    return frozenset(names)
