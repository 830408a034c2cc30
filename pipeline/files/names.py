"""File names as they can be printed and published, and OS errors told in one line naming them."""

from __future__ import annotations

import os
from pathlib import Path


def shown_path(path: str | Path) -> str:
    """A path (or a line naming one) as it can be printed: bytes of a name not in UTF-8 as \\x escapes."""
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


def utf8_stem(stem: str) -> str:
    """A file stem that can name outputs, feeds and identifiers, whatever the source name's bytes.

    A UTF-8 name is kept as it is. One that is not was almost always written by a system using a
    Windows code page (a zip made on Windows, an old USB stick), so its bytes are read as
    Windows-1252: "caf\\xe9" becomes "café" rather than a name no encoder takes. The five bytes that
    code page leaves undefined become U+FFFD.
    """
    try:
        stem.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(stem).decode("cp1252", "replace")
    return stem


def os_error_line(exc: OSError) -> str:
    """ "<file>: <cause>", the file and the reason the system gave, with no traceback."""
    cause = exc.strerror or type(exc).__name__
    names = [shown_path(name) for name in (exc.filename, exc.filename2) if isinstance(name, str | bytes)]
    return f"{' -> '.join(names)}: {cause}" if names else cause
