"""Case l, Dask: our build with `--scheduler` on a local cluster of 2 worker processes (one thread
each), beside `--jobs 2` on the same set, and the cluster's start-up apart.

The cluster runs in a child process of its own (`bench/run.py _cluster STATUS`): its scheduler,
its nannies and, below them, the worker processes. They are not children of the measured build,
so os.wait4 cannot count their CPU; it is read from /proc/PID/stat (user + sys, fields 14-15) of
the cluster process and every process below it, just before and just after each build.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.formatting import mb, secs
from bench.inputs import InputSet
from bench.measure import Run
from bench.paths import PY, ROOT, RUN_SCRIPT
from bench.runner import Bench

WORKERS = 2


def cluster_main(status: str) -> int:
    """The cluster's process: start it, write its address, serve until stdin closes."""
    started = time.perf_counter()
    from distributed import LocalCluster

    imported = time.perf_counter()
    cluster = LocalCluster(
        n_workers=WORKERS,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,  # no web server: nothing to measure there, no port to collide
    )
    ready = time.perf_counter()
    Path(status).write_text(
        json.dumps(
            {
                "address": cluster.scheduler_address,
                "import": imported - started,
                "start": ready - imported,
            }
        )
    )
    try:
        sys.stdin.read()  # the bench closes our stdin when it is done
    finally:
        cluster.close()
    return 0


def tree(pid: int) -> list[int]:
    """`pid` and every process below it, from the parent field of /proc/*/stat."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # gone meanwhile
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


def tree_cpu(pid: int) -> dict[int, float]:
    """user + sys seconds of `pid` and each process below it, by pid."""
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = {}
    for member in tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        cpu[member] = (int(fields[11]) + int(fields[12])) / ticks
    return cpu


def peak_rss_kb(pid: int) -> int:
    """The largest peak resident set (VmHWM) among `pid` and the processes below it."""
    peak = 0
    for member in tree(pid):
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except (OSError, ValueError, IndexError):
            continue
    return peak


class Cluster:
    """The cluster's child process, started and waited for; `address` is None if it failed."""

    def __init__(self, bench: Bench) -> None:
        self.status = bench.tmp / "logs" / "cluster.json"
        self.status.parent.mkdir(parents=True, exist_ok=True)
        self.err = open(bench.tmp / "logs" / "cluster.err", "wb")  # noqa: SIM115 (closed in close)
        started = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}  # the workers unpickle pipeline's functions
        self.proc = subprocess.Popen(
            [PY, str(RUN_SCRIPT), "_cluster", str(self.status)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=self.err,
            stderr=self.err,
            env=env,
            start_new_session=True,
        )
        self.address: str | None = None
        self.info: dict = {}
        deadline = started + min(bench.args.timeout, 180)
        while time.perf_counter() < deadline and self.proc.poll() is None:
            if self.status.exists():
                try:
                    self.info = json.loads(self.status.read_text())
                except ValueError:
                    time.sleep(0.01)  # being written
                    continue
                self.address = self.info["address"]
                break
            time.sleep(0.01)
        self.startup = time.perf_counter() - started

    def cpu(self) -> float:
        return sum(tree_cpu(self.proc.pid).values())

    def error(self) -> str:
        self.err.flush()
        lines = Path(self.err.name).read_text(errors="replace").strip().splitlines()
        return lines[-1][:200] if lines else f"exit {self.proc.poll()}"

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.err.close()


def on_cluster(bench: Bench, cluster: Cluster, inputs: InputSet, fmt: str, tag: str) -> Run:
    """One cold build (`--no-cache`) with --scheduler; the cluster's CPU meanwhile added to the
    build's own, and its peak RSS the largest of the build's and the workers'."""
    assert cluster.address is not None
    before = cluster.cpu()
    run, _ = bench.ours(
        inputs.folder, fmt, f"{fmt}-{inputs.n}-dask-{tag}", extra=("--scheduler", cluster.address)
    )
    cluster_cpu = cluster.cpu() - before
    run.extra["client_cpu"], run.extra["cluster_cpu"] = run.cpu, cluster_cpu
    run.cpu += cluster_cpu
    run.rss_kb = max(run.rss_kb, peak_rss_kb(cluster.proc.pid))
    return run


def describe(run: Run) -> str:
    if run.broken:
        return f"failed ({run.extra.get('error', f'exit {run.rc}')})"
    failed = f", {run.failed} of {run.total} failed" if run.failed else ""
    return (
        f"{secs(run.wall)} wall, CPU {secs(run.cpu)} (build process {secs(run.extra['client_cpu'])} + "
        f"cluster {secs(run.extra['cluster_cpu'])}), peak RSS {mb(run.rss_kb)}{failed}"
    )


def dask_case(bench: Bench, sets: dict[int, InputSet]) -> None:
    """Case l: EPUB at N = 100 and PDF at 100 (10 when --pdf-max is below 100)."""
    if not bench.flags.get("scheduler"):
        bench.results["other"].append(("l. Dask (--scheduler)", "n/a: the pipeline has no --scheduler"))
        return
    cluster = Cluster(bench)
    try:
        if cluster.address is None:
            bench.results["other"].append(("l. Dask cluster", f"failed to start: {cluster.error()}"))
            bench.say(f"  cluster failed: {cluster.error()}")
            return
        info = cluster.info
        startup = (
            f"{secs(cluster.startup)} from launch to a scheduler with {WORKERS} workers "
            f"(importing distributed {secs(info['import'])}, LocalCluster() {secs(info['start'])}); "
            "not counted in the builds below"
        )
        bench.results["other"].append(
            (f"l. Dask LocalCluster start-up ({WORKERS} worker processes)", startup)
        )
        bench.say(f"  cluster: {startup}")
        pdf_n = 100 if bench.pdf_allowed(100) else 10
        for fmt, n in (("epub", 100), ("pdf", pdf_n)):
            inputs = sets.get(n)
            if inputs is None:
                from bench.inputs import generate, shipped_manuscripts

                inputs = sets[n] = generate(n, bench.tmp, shipped_manuscripts())
            runs = [on_cluster(bench, cluster, inputs, fmt, str(i)) for i in range(bench.reps(n, fmt))]
            jobs = min(
                (
                    bench.ours(inputs.folder, fmt, f"{fmt}-{n}-jobs2", jobs=2)[0]
                    for _ in range(bench.reps(n, fmt))
                ),
                key=lambda r: (r.broken, r.wall),
            )
            best = min(runs, key=lambda r: (r.broken, r.wall))
            first = (
                ""
                if len(runs) == 1
                else f"; its first run (workers importing the pipeline): {secs(runs[0].wall)}"
            )
            ratio = (
                f"{jobs.wall / best.wall:.2f}x"
                if not best.broken and not jobs.broken and best.wall
                else "n/a"
            )
            bench.results["other"].append(
                (
                    f"l. {fmt.upper()} N={n}: --scheduler (Dask, {WORKERS} workers) vs --jobs 2",
                    f"Dask {describe(best)}{first}; --jobs 2 {secs(jobs.wall)} wall, CPU {secs(jobs.cpu)}, "
                    f"peak RSS {mb(jobs.rss_kb)}; --jobs 2 wall / Dask wall = **{ratio}** "
                    f"(best of {len(runs)} each)",
                )
            )
            bench.say(f"  {fmt} N={n}: Dask {secs(best.wall)}, --jobs 2 {secs(jobs.wall)}")
    finally:
        cluster.close()
