"""The user's cache folder for things that are costly to make and cheap to check: compiled templates,
parsed language files. `~/.cache/study-guide-pipeline/<kind>` (or under `$XDG_CACHE_HOME`), readable
by its user only; `STUDY_GUIDE_TEMPLATE_CACHE=0` turns every such cache off."""

from __future__ import annotations

import contextlib
import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Set to 0 to make everything afresh in every process (the name predates the language cache).
CACHE_SWITCH = "STUDY_GUIDE_TEMPLATE_CACHE"


def user_cache_folder(kind: str) -> Path | None:
    """The folder for one kind of cached thing, made if need be; None when caching is off or the
    folder cannot be written (the caller then makes the thing afresh, as it would the first time)."""
    if os.environ.get(CACHE_SWITCH, "1") == "0":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "study-guide-pipeline" / kind
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    if not os.access(folder, os.W_OK | os.X_OK):
        return None
    return folder


def cached_marshal(kind: str, name: str, make: Callable[[], Any], fits: Callable[[Any], bool]) -> Any:
    """`make()`, kept in the cache folder of `kind` as `name` in marshal's format (plain data only:
    the name must hold a key of everything the value is made from, the Python version among them,
    as marshal's format is that version's). An entry that cannot be read or that `fits` refuses is
    only a miss: the value is made again and the entry rewritten, atomically (a process reading it
    meanwhile sees the old entry or the new one, never half of one)."""
    folder = user_cache_folder(kind)
    cached = folder / name if folder else None
    if cached is not None:
        with contextlib.suppress(Exception):  # a damaged entry: make it again
            found = marshal.loads(cached.read_bytes())
            if fits(found):
                return found
    made = make()
    if cached is not None:
        with contextlib.suppress(OSError):
            part = cached.with_name(f"{cached.name}.{os.getpid()}.part")
            part.write_bytes(marshal.dumps(made))
            part.replace(cached)
    return made
