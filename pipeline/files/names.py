"""File names as they can be printed and published, and OS errors told in one line naming them."""

from __future__ import annotations

import os
import re
from pathlib import Path

# What a file name may hold but a one-line message may not print: controls (a newline splits the
# line, ESC starts a terminal command that recolours or retitles the terminal), the line and
# paragraph separators, and the bidi overrides and isolates that show "gpj.exe" as "exe.jpg".
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def shown_path(path: str | Path) -> str:
    """A path (or a line naming one) as it can be printed on one line: bytes of a name not in UTF-8
    as \\x escapes, and controls, line separators and bidi overrides as \\x or \\u escapes."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), text)


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

    Bidi overrides and isolates are left out and other controls become "_": an output named
    "x\u202egpj" + ".epub" shows as "xbupe.jpg" wherever the file is listed, and a newline in a name
    no URL route matches (the shelf could list that guide but not serve it).
    """
    try:
        stem.encode("utf-8")
    except UnicodeEncodeError:
        stem = os.fsencode(stem).decode("cp1252", "replace")
    if _UNPRINTABLE.search(stem):
        stem = _UNPRINTABLE.sub(lambda found: "" if found.group() in _BIDI else "_", stem)
    return stem


def os_error_line(exc: OSError) -> str:
    """ "<file>: <cause>", the file and the reason the system gave, with no traceback."""
    cause = exc.strerror or type(exc).__name__
    names = [shown_path(name) for name in (exc.filename, exc.filename2) if isinstance(name, str | bytes)]
    return f"{' -> '.join(names)}: {cause}" if names else cause
