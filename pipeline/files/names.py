"""File names as they can be printed and published: ones not in UTF-8 are shown, never encoded."""

from __future__ import annotations

import os
from pathlib import Path


def shown_path(path: str | Path) -> str:
    """A path as it can be printed: the bytes of a name that is not UTF-8 as \\x escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def utf8_name(path: Path) -> bool:
    """Whether the name can go into a feed, a page or a URL.

    A name that is not UTF-8 (a Latin-1 file copied in) decodes to lone surrogates, which no
    encoder takes: `quote`, `json.dumps(...).encode()` and lxml all raise on them.
    """
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
