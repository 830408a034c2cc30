"""`python -m pipeline`: the command line (see pipeline/cli/)."""

import gc
import signal
import sys

from pipeline.cli.main import main


def _stop_like_ctrl_c(signum: int, frame: object) -> None:
    # SIGTERM (a cancelled CI job, `kill`, `timeout`, a service manager) would end Python without
    # running `finally`, leaving a .part file for each output being written; as an interrupt it
    # takes the Ctrl-C path instead, which removes them and keeps the previous outputs.
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop_like_ctrl_c)
    status = main()
    # Every output is written and closed by now. Freezing what is left spares the interpreter's
    # last garbage collection over all of it (20 ms of a 200 ms single-guide build); exit handlers
    # and the flushing of stdout and stderr still run.
    gc.freeze()
    sys.exit(status)
