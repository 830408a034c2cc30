"""Compiled regular expressions kept between runs, as Python keeps .pyc files for modules.

CPython compiles a regular expression in pure Python (re._parser, re._compiler) before handing the
result to its C engine. The ~280 patterns a one-guide build meets (ours, markdown-it-py's, Jinja's
lexer, Pillow's, ebooklib's) cost every process about 30 ms of its ~200: as much as the guide's own
work. What the compiler hands over (`_sre.compile`'s arguments: the op codes, the flags, the group
names) is plain data. It is kept in the user's cache folder under a name holding the interpreter's
version and the engine's MAGIC; a pattern met again goes straight to `_sre.compile`.

Installed first thing by `python -m pipeline` (pipeline/__main__.py), for the whole process, since
most of those patterns are compiled while modules are imported. Only on the interpreter versions
whose compiler was read for this (SUPPORTED); anywhere else, and on any doubt (a damaged file, an
argument the engine refuses), re's own compiler does the work: the cache only saves time. Worker
processes leave through os._exit and never write it: the file holds what the main process met.
"""

from __future__ import annotations

import _sre
import atexit
import contextlib
import marshal
import os
import re
import sys
from pathlib import Path
from re import _compiler, _parser
from typing import Any, ClassVar

# re._compiler.compile's body, copied below, is this version's.
SUPPORTED = {(3, 11)}
# New patterns a process records at most (a long `watch` meets new names with every save).
MAX_PATTERNS = 3000

Key = tuple[str | bytes, int]


class _Cache:
    """The patterns known from earlier runs, those this run used, and those it compiled."""

    known: ClassVar[dict[Key, tuple[Any, ...]]] = {}
    used: ClassVar[set[Key]] = set()
    new: ClassVar[dict[Key, tuple[Any, ...]]] = {}
    path: ClassVar[Path | None] = None
    original: ClassVar[Any] = None


def install() -> None:
    """Serve re's compilations from the cache for the rest of this process (once)."""
    if _Cache.original is not None or sys.version_info[:2] not in SUPPORTED:
        return
    from pipeline.files.user_cache import user_cache_folder

    folder = user_cache_folder("patterns")
    if folder is None:
        return
    version = ".".join(map(str, sys.version_info[:3]))
    _Cache.path = folder / f"{sys.implementation.cache_tag}-{version}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"
    with contextlib.suppress(Exception):  # absent or damaged: compiled afresh, then written again
        found = marshal.loads(_Cache.path.read_bytes())
        if isinstance(found, dict):
            _Cache.known = found
    _Cache.original = _compiler.compile
    _compiler.compile = _compile
    atexit.register(_save)


def _compile(p: Any, flags: int = 0) -> re.Pattern:
    """re._compiler.compile, with the engine's arguments kept for a pattern given as text."""
    if not isinstance(p, str | bytes) or flags & re.DEBUG:
        return _Cache.original(p, flags)
    key = (p, int(flags))
    known = _Cache.known.get(key)
    if known is not None:
        try:
            compiled = _sre.compile(p, *known)
        except Exception:  # not what this engine takes after all: compile it as re would
            _Cache.known.pop(key, None)
        else:
            _Cache.used.add(key)
            return compiled
    parsed = _parser.parse(p, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # The op codes are ints of a named subclass, which marshal does not write: plain ints.
    code = [int(op) for op in code]
    arguments = (
        int(flags | parsed.state.flags),
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    compiled = _sre.compile(p, *arguments)
    if len(_Cache.new) < MAX_PATTERNS:
        _Cache.new[key] = arguments
    return compiled


def _save() -> None:
    """Write the patterns this run used and compiled, atomically, when it compiled any. Patterns
    the run did not use are dropped, so the file holds one run's worth (~280 patterns, ~220 KB,
    read in ~4 ms): patterns made from a guide's names, or from a set's order (markdown-it-py joins
    its terminator characters from a set, so their order changes from process to process), would
    otherwise pile up run after run."""
    if not _Cache.new or _Cache.path is None:
        return
    kept = {key: _Cache.known[key] for key in _Cache.used if key in _Cache.known}
    kept.update(_Cache.new)
    with contextlib.suppress(Exception):  # a full disk, a read-only home: next time, maybe
        part = _Cache.path.with_name(f"{_Cache.path.name}.{os.getpid()}.part")
        part.write_bytes(marshal.dumps(kept))
        part.replace(_Cache.path)
