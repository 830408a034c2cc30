"""Imports WeasyPrint without the library search that costs a sixth of a second in every process.

WeasyPrint loads Pango, HarfBuzz and fontconfig through cffi, trying several names for each
("libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0", "libgobject-2.0.so.0", ...). For every name the
dynamic loader does not know, cffi asks `ctypes.util.find_library`, which on Linux runs ldconfig,
then gcc and ld: about 200 processes and 0.17 s, once in every process that prints (the search
behind Kozea/WeasyPrint#1125, "Why is weasyprint exec'ing gcc?"). Each list also holds the
library's soname, which the loader finds on its own, so on Linux the search is skipped while
WeasyPrint loads; if that import fails (a system whose libraries go by other names), it is imported
again the usual way, search included.
"""

from __future__ import annotations

import contextlib
import io
import sys


def load_weasyprint() -> None:
    """Import WeasyPrint once in this process, the fast way where it works."""
    if "weasyprint" in sys.modules:
        return
    if sys.platform.startswith("linux"):
        import ctypes.util

        search = ctypes.util.find_library
        ctypes.util.find_library = _not_searched
        try:
            # On failure WeasyPrint prints its installation help before raising; the usual import
            # below prints it again if the failure was real.
            with contextlib.redirect_stdout(io.StringIO()):
                import weasyprint
            return
        except OSError:
            _forget_weasyprint()
        finally:
            ctypes.util.find_library = search
    import weasyprint  # noqa: F401


def _not_searched(name: str) -> None:
    return None


def _forget_weasyprint() -> None:
    """Drop what a failed import left, so the next one starts clean."""
    for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
        del sys.modules[name]
