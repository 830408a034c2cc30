"""`python -m pipeline`: the command line (see pipeline/cli/)."""

import atexit
import contextlib
import gc
import os
import signal
import sys

if __name__ == "__main__":  # the program, not an import: start-up runs with the collector paused
    from pipeline.cli import start_up

    start_up.pause()

from pipeline.files import pattern_cache

# Before anything else is imported: most of the regular expressions a run compiles are compiled
# while modules load (see pattern_cache).
pattern_cache.install()

from pipeline.cli.main import main  # noqa: E402

_received: list[int] = []


def exit_now(status: int) -> None:
    """End the program as sys.exit would, without tearing down its modules one object at a time.

    Once main() has returned, what the interpreter's shutdown still does that matters is waiting
    for other threads, the exit handlers (atexit: logging, temporary folders, coverage) and
    flushing stdout and stderr; the rest is freeing some 400 modules' objects the kernel frees
    at once anyway, about 8 ms of every run. So with no other thread alive, those run here and
    the process ends; otherwise, or if writing stdout fails (a closed pipe), sys.exit as before.
    Only for `python -m pipeline` itself: run by runpy inside another program (a test's probe of
    what a run imported), the program goes on after SystemExit.
    """
    threading = sys.modules.get("threading")  # not imported: no thread was started through it
    if threading is not None and threading.active_count() != 1:
        sys.exit(status)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: the interpreter's own report and status
        sys.exit(status)
    atexit._run_exitfuncs()  # the handlers sys.exit would run, in the same order
    with contextlib.suppress(OSError, ValueError):  # what they printed
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(status)


def _stop_like_ctrl_c(signum: int, frame: object) -> None:
    # SIGTERM (a cancelled CI job, `kill`, `timeout`, a service manager) would end Python without
    # running `finally`, leaving a .part file for each output being written; as an interrupt it
    # takes the Ctrl-C path instead, which stops the workers, removes what they left half-written,
    # records what was finished and keeps the previous outputs.
    _received.append(signum)
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop_like_ctrl_c)
    status = main()
    # Everything is written: a signal from here on just ends the process, without a traceback.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when started ignoring it
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    if status == 130 and signal.SIGTERM in _received:
        status = 128 + signal.SIGTERM  # 143: what `timeout` and service managers expect
    # Every output is written and closed by now. Freezing what is left spares the interpreter's
    # last garbage collection over all of it (20 ms of a 200 ms single-guide build); exit handlers
    # and the flushing of stdout and stderr still run.
    gc.freeze()
    if sys.modules["__main__"].__dict__ is globals():  # the process's own program, not runpy's guest
        exit_now(status)
    sys.exit(status)
