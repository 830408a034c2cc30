"""Measuring one child process: wall time, CPU of its whole process tree and peak RSS, via os.wait4.

os.wait4 is the system call /usr/bin/time uses: wall = elapsed time, CPU = user + sys of the child
and every process it waited for (worker pools, the pandoc processes of a loop), RSS = the largest
peak resident set of any single one of them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.paths import ROOT


@dataclass
class Run:
    wall: float = 0.0  # seconds
    cpu: float = 0.0  # user + sys seconds, the child and everything it waited for
    rss_kb: int = 0  # peak resident set of the largest single process
    rc: int = 0
    failed: int = 0  # inputs that failed (a peer's file, one of our manuscripts)
    total: int = 0
    timed_out: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def broken(self) -> bool:
        """The whole command failed (not just some inputs): its numbers mean nothing."""
        return self.timed_out or (self.total > 0 and self.failed >= self.total) or self.rc not in (0, 1)


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def measure(cmd: list[str], log: Path, timeout: float, cwd: Path = ROOT) -> Run:
    """Run `cmd` once; stdout and stderr go to log.out / log.err."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log.with_suffix(".out"), "wb") as out, open(log.with_suffix(".err"), "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, start_new_session=True)
        timed_out = threading.Event()

        def expire() -> None:
            timed_out.set()
            _kill_group(proc)

        timer = threading.Timer(timeout, expire)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            _kill_group(proc)
            proc.wait()
            raise
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    _kill_group(proc)  # a stray worker left behind must not run into the next measurement
    return Run(
        wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode, timed_out=timed_out.is_set()
    )


def best_of(times: int, once: Callable[[], Run]) -> Run:
    """Run `once()` `times` times; keep the run with the lowest wall time (failures last)."""
    runs = [once() for _ in range(times)]
    return min(runs, key=lambda r: (r.broken, r.wall))
