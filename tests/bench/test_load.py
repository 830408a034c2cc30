"""How busy the machine was (bench/load.py): the bench's own CPU is not counted as other work."""

from __future__ import annotations

import os
import subprocess
import sys

from bench.load import BUSY_CORES, Meter, Usage, machine_cpu, own_cpu

BURN = "import time\nend = time.process_time() + 0.5\nwhile time.process_time() < end: pass"


def test_the_benchmarks_own_children_are_not_other_processes() -> None:
    meter = Meter("burn")
    spent = own_cpu()
    # A reaped child burns about half a second of CPU: the machine's CPU grows by that, ours too.
    subprocess.run(
        [sys.executable, "-c", BURN],
        check=True,
    )
    usage = meter.stop()
    assert own_cpu() - spent >= 0.45
    assert usage.case == "burn" and usage.wall >= 0.45
    # Other processes may run meanwhile (the machine is shared), but never more than all its cores.
    assert usage.others is not None and 0 <= usage.others <= (os.cpu_count() or 1)
    assert machine_cpu() is not None


def test_busy_from_a_quarter_of_a_core_and_said_in_the_note() -> None:
    quiet = Usage("watch", 5.0, BUSY_CORES / 2, 0.5, 0.6)
    busy = Usage("dask", 30.0, 1.2, 2.0, 3.1)
    unknown = Usage("side", 1.0, None, -1.0, -1.0)
    assert not quiet.busy and busy.busy and not unknown.busy
    assert "1.20 cores" in busy.note() and "2.00 before, 3.10 after" in busy.note()
    assert "n/a" in unknown.note()
