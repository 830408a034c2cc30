"""The shelf server under load, alone in its own process so its threads, memory and open files can
be counted: 200 concurrent downloads, 1000 half-open connections, the connection cap."""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.shelf.clients import BOOK, closed_within, fetch


def process_usage(pid: int) -> dict[str, int]:
    """Threads, resident memory (KiB) and open files of a process, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    field = dict(re.findall(r"^(Threads|VmRSS):\s*(\d+)", status, re.MULTILINE))
    return {
        "threads": int(field["Threads"]),
        "rss_kib": int(field["VmRSS"]),
        "files": len(os.listdir(f"/proc/{pid}/fd")),
    }


@contextmanager
def server_process(root: Path, **limits: float) -> Iterator[tuple[int, str]]:
    """The server alone in a process (quiet, with these Limits): (pid, base URL)."""
    code = (
        "import json, sys; from pathlib import Path; from pipeline.shelf.serve import Limits, make_server;"
        "s = make_server(Path(sys.argv[1]), quiet=True, port=0, limits=Limits(**json.loads(sys.argv[2])));"
        "print(s.server_address[1], flush=True); s.serve_forever()"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(root), json.dumps(limits)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(process.stdout.readline())
        yield process.pid, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()  # uvicorn stops gracefully on SIGTERM
        process.wait(timeout=10)


@pytest.mark.slow
def test_200_concurrent_downloads_all_complete_within_10_s(shelf):
    payload = os.urandom(1_000_000)
    (shelf / "epub" / "big.epub").write_bytes(payload)
    digest = hashlib.sha256(payload).hexdigest()
    with server_process(shelf) as (pid, url):
        fetch(url + "/")  # the server is up
        before = process_usage(pid)
        start_line = threading.Barrier(200)
        results: list[tuple[float, str]] = []
        errors: list[BaseException] = []
        peak = dict(before)

        def download() -> None:
            start_line.wait()
            began = time.monotonic()
            try:
                with urllib.request.urlopen(url + "/epub/big.epub", timeout=30) as response:
                    body = response.read()
                results.append((time.monotonic() - began, hashlib.sha256(body).hexdigest()))
            except Exception as error:  # counted and shown below
                errors.append(error)

        clients = [threading.Thread(target=download) for _ in range(200)]
        start = time.monotonic()
        for client in clients:
            client.start()
        while any(client.is_alive() for client in clients):
            now = process_usage(pid)
            peak = {key: max(peak[key], now[key]) for key in peak}
            time.sleep(0.05)
        elapsed = time.monotonic() - start
    assert not errors, errors[:3]
    assert len(results) == 200 and {d for _, d in results} == {digest}
    slowest = max(seconds for seconds, _ in results)
    print(f"\n200 downloads of 1 MB: {elapsed:.2f} s, slowest {slowest:.2f} s; server {before} -> {peak}")
    assert elapsed < 10
    assert peak["threads"] <= before["threads"] + 41  # anyio's worker pool (40) at most


@pytest.mark.slow
def test_1000_half_open_connections_are_dropped_and_serving_goes_on(shelf):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 2200:  # this process holds the 1000 client ends
        if hard != resource.RLIM_INFINITY and hard < 2200:
            pytest.skip(f"1000 sockets need more open files than this machine's limit ({hard})")
        resource.setrlimit(resource.RLIMIT_NOFILE, (2200, hard))
    limits = {"header_timeout": 2.0, "max_connections": 1200}  # all 1000 held, then all dropped
    with server_process(shelf, **limits) as (pid, url):
        fetch(url + "/")
        before = process_usage(pid)
        host, port = url.removeprefix("http://").split(":")
        sockets = []
        for _ in range(1000):
            sock = socket.create_connection((host, int(port)))
            sock.sendall(b"GET /index.html HTT")  # half a request line, then nothing
            sock.setblocking(False)
            sockets.append(sock)
        sent = time.monotonic()
        time.sleep(0.5)  # the server accepts what the kernel queued
        held = process_usage(pid)
        assert held["files"] >= before["files"] + 900  # the server really holds them
        during = fetch(url + "/epub/book.epub")  # not blocked behind them
        open_ends = set(range(len(sockets)))
        while open_ends and time.monotonic() - sent < 10:
            for index in list(open_ends):
                try:
                    if not sockets[index].recv(1024):
                        open_ends.discard(index)
                except BlockingIOError:
                    continue
                except ConnectionError:
                    open_ends.discard(index)
            time.sleep(0.05)
        dropped_after = time.monotonic() - sent
        for sock in sockets:
            sock.close()
        time.sleep(0.2)
        after = process_usage(pid)
        assert fetch(url + "/epub/book.epub") == (200, BOOK)
    print(
        f"\n1000 half-open connections: all dropped {dropped_after:.2f} s after the last was opened "
        f"(header timeout 2 s); server {before} -> holding {held} -> after {after}"
    )
    assert not open_ends, f"{len(open_ends)} connections still open"
    assert during == (200, BOOK)
    assert 1.5 < dropped_after < 2.0 + 2
    assert held["threads"] <= before["threads"] + 2  # no thread per connection
    assert after["files"] <= before["files"] + 5


@pytest.mark.slow
def test_past_the_connection_cap_new_connections_are_closed_at_once(shelf):
    with server_process(shelf, header_timeout=5.0, max_connections=50) as (pid, url):
        fetch(url + "/")
        host, port = url.removeprefix("http://").split(":")
        held = [socket.create_connection((host, int(port))) for _ in range(50)]
        time.sleep(0.3)
        extra = socket.create_connection((host, int(port)))
        assert closed_within(extra, 2) is not None  # refused at once, not held
        assert process_usage(pid)["files"] < 50 + 20
        for sock in held:
            sock.close()
        time.sleep(0.3)
        assert fetch(url + "/epub/book.epub") == (200, BOOK)
