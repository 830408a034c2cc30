"""Case l's pieces (bench/cluster.py): finding a process's descendants and their CPU in /proc, and
the cluster's own process started, used by a build's client and stopped."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.cluster import Cluster, peak_rss_kb, tree, tree_cpu

BURN = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass\ntime.sleep(30)"


def test_the_tree_holds_a_grandchild_and_counts_its_cpu() -> None:
    # A child that starts a grandchild which burns 0.3 s of CPU, then both sleep.
    code = f"import subprocess, sys, time\nsubprocess.Popen([sys.executable, '-c', {BURN!r}])\ntime.sleep(30)"
    child = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (
            len(tree(child.pid)) < 2 or sum(tree_cpu(child.pid).values()) < 0.3
        ):
            time.sleep(0.05)
        members = tree(child.pid)
        assert members[0] == child.pid and len(members) == 2
        assert os.getpid() not in members
        cpu = tree_cpu(child.pid)
        assert cpu[members[1]] >= 0.25 > cpu[child.pid]  # the grandchild did the work
        assert peak_rss_kb(child.pid) > 1000  # a Python process holds megabytes
    finally:
        for pid in reversed(tree(child.pid)):
            os.kill(pid, 9)
        child.wait()


@pytest.mark.slow
def test_the_cluster_process_serves_a_client_and_stops(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="Dask is the optional [dask] extra")
    bench = argparse.Namespace(tmp=tmp_path, args=argparse.Namespace(timeout=120))
    cluster = Cluster(bench)
    try:
        assert cluster.address and cluster.address.startswith("tcp://127.0.0.1:"), cluster.error()
        assert cluster.startup >= cluster.info["start"] > 0
        before = cluster.cpu()
        with distributed.Client(cluster.address) as client:
            assert len(client.scheduler_info()["workers"]) == 2
            assert client.submit(sum, range(10)).result(timeout=60) == 45
        assert cluster.cpu() >= before
        assert len(tree(cluster.proc.pid)) >= 3  # the scheduler's process and its two workers
    finally:
        cluster.close()
    assert cluster.proc.returncode is not None
