"""Whether the machine was busy with other work during a case: the CPU the whole machine spent
(/proc/stat) minus the CPU the benchmark itself spent (this process and every child it reaped,
getrusage), over the case's wall time. The 1-minute load average is kept beside it, though it lags
and counts the benchmark's own previous case."""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass
from pathlib import Path

BUSY_CORES = 0.25  # other processes using a quarter of a core on average: wall times suffer


def machine_cpu() -> float | None:
    """Seconds every core spent not idle since boot (user, nice, system, irq, softirq, steal)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    except (OSError, ValueError, IndexError):
        return None
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def loadavg() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return -1.0


@dataclass
class Usage:
    case: str
    wall: float
    others: float | None  # cores used by other processes, on average over the case
    load_before: float
    load_after: float

    @property
    def busy(self) -> bool:
        return self.others is not None and self.others >= BUSY_CORES

    def note(self) -> str:
        others = "n/a" if self.others is None else f"{self.others:.2f} cores"
        return (
            f"other processes used {others} on average over {self.wall:.0f} s; "
            f"load (1 min) {self.load_before:.2f} before, {self.load_after:.2f} after"
        )


class Meter:
    """Started before a case, `stop()`ped after it."""

    def __init__(self, case: str) -> None:
        self.case = case
        self.start = (time.perf_counter(), machine_cpu(), own_cpu(), loadavg())

    def stop(self) -> Usage:
        wall0, machine0, own0, load0 = self.start
        wall, machine = time.perf_counter() - wall0, machine_cpu()
        others = None
        if machine is not None and machine0 is not None and wall > 0:
            # Children still running (the watch or cluster process stopped late) are counted by
            # getrusage only once reaped: every case reaps its own before it ends.
            others = max(0.0, (machine - machine0) - (own_cpu() - own0)) / wall
        return Usage(self.case, wall, others, load0, loadavg())
