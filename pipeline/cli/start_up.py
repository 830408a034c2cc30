"""The program's imports made with the garbage collector paused, then frozen.

A build imports some 380 modules before its work, and their functions, classes and tables live as
long as the process. While they pile up, every 700 new objects start a young collection that looks
over the newest of them again (some 60 in a one-guide EPUB build, 6-10 ms of about 200). So
`python -m pipeline` pauses the collector first thing (`pause`), a command's start-up modules are
imported (`import_start_up`), and then what exists is frozen (`gc.freeze`: never looked over again)
and collection resumes as usual for the work. Only the program pauses: a test or a library that
calls `main()` in its own process keeps its collector as it is, and nothing is frozen there.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterable


class _State:
    paused = False  # pause() stopped the collector and nothing has resumed it yet


def pause() -> None:
    """Stop collecting until `resume`; called by `python -m pipeline` before its first import."""
    if gc.isenabled():
        gc.disable()
        _State.paused = True


def resume() -> None:
    """Freeze what start-up made and collect again; nothing unless `pause` stopped the collector."""
    if _State.paused:
        _State.paused = False
        gc.freeze()
        gc.enable()


def import_start_up(modules: Iterable[str]) -> None:
    """Import the modules a command's run needs before its work (its `START_UP`), then `resume`.
    Every command goes through here before it runs, so none runs with the collector paused."""
    try:
        for name in modules:
            importlib.import_module(name)
    finally:
        resume()
