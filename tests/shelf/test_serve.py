"""The shelf server under attack and under load: symlinks, hidden files, slow and vanishing clients.

Everything goes through a real HTTP client (http.client, urllib or a raw socket) to a real server;
the load tests run the server in its own process so its threads, memory and files can be counted.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import resource
import signal
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

import anyio
import pytest

from pipeline.shelf.serve import Limits, make_server
from pipeline.shelf.static_files import ShelfFiles
from tests.helpers import REPO

INDEX = b"<!doctype html><title>Shelf</title><p>the shelf</p>"
BOOK = os.urandom(300_000)  # random, so a wrong byte range cannot match by chance


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    """A small output/ with a library page, an EPUB, a cache folder and a temporary file."""
    (tmp_path / "index.html").write_bytes(INDEX)
    (tmp_path / "epub").mkdir()
    (tmp_path / "epub" / "book.epub").write_bytes(BOOK)
    (tmp_path / "epub" / ".book.epub.x1.part").write_bytes(b"half written")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "shelf.json").write_text('{"secret": 1}')
    return tmp_path


@contextmanager
def running(root: Path, limits: Limits | None = None) -> Iterator[str]:
    """The server on a free port in a thread of this process; yields its base URL."""
    server = make_server(root, "127.0.0.1", 0, quiet=True, limits=limits)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# ---------------------------------------------------------------- what is served


def test_a_folder_index_symlinked_out_is_not_served(shelf):
    (shelf / "x").mkdir()
    (shelf / "x" / "index.html").symlink_to("/etc/passwd")
    with running(shelf) as url:
        for path in ("/x/", "/x", "/x/index.html"):
            status, body = fetch(url + path)
            assert status == 404 and b"root:" not in body, path


def test_the_top_index_swapped_for_a_symlink_while_running_is_not_served(shelf):
    with running(shelf) as url:
        assert fetch(url + "/") == (200, INDEX)
        swap = shelf / "index.html.new"
        swap.symlink_to("/etc/passwd")
        swap.replace(shelf / "index.html")  # an atomic swap, as a rebuild renames its files
        for path in ("/", "/index.html"):
            status, body = fetch(url + path)
            assert status == 404 and b"root:" not in body, path
        (shelf / "index.html").unlink()
        (shelf / "index.html").write_bytes(INDEX)
        assert fetch(url + "/") == (200, INDEX)  # a regular file again: served again


def test_symlinks_inside_the_folder_are_not_followed_either(shelf):
    (shelf / "alias.html").symlink_to("index.html")
    (shelf / "inner").mkdir()
    (shelf / "inner" / "index.html").symlink_to("../index.html")
    (shelf / "books").symlink_to("epub")
    with running(shelf) as url:
        for path in ("/alias.html", "/inner/", "/books/book.epub"):
            assert fetch(url + path)[0] == 404, path
        assert fetch(url + "/epub/book.epub") == (200, BOOK)


@pytest.mark.parametrize(
    "path",
    ["/.cache/shelf.json", "/%2ecache/shelf.json", "/epub/.book.epub.x1.part", "/epub/", "/epub", "/.cache/"],
)
def test_hidden_files_and_folder_listings_are_never_served(shelf, path):
    with running(shelf) as url:
        status, body = fetch(url + path)
    assert status == 404 and b"secret" not in body and b"half written" not in body and b"book" not in body


def test_other_kinds_of_file_are_not_served(shelf):
    os.mkfifo(shelf / "pipe.epub")  # would block a reader for ever
    with running(shelf) as url:
        assert fetch(url + "/pipe.epub")[0] == 404


def asgi_get(app, path: str, headers: list[tuple[bytes, bytes]] | None = None) -> tuple[int, bytes]:
    """Run one GET through an ASGI app in this thread: (status, body)."""
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": headers or [],
    }
    anyio.run(app, scope, receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def test_a_file_swapped_for_a_symlink_after_its_lookup_is_not_followed(shelf):
    files = ShelfFiles(shelf)
    full_path, seen = files.lookup_path("epub/book.epub")
    assert seen is not None
    swap = shelf / "epub" / "swap"
    swap.symlink_to("/etc/passwd")
    swap.replace(shelf / "epub" / "book.epub")  # between the lookup and the response: the race
    response = files.file_response(full_path, seen, {"type": "http", "headers": []})
    status, body = asgi_get(response, "/epub/book.epub")
    assert status == 404 and b"root:" not in body


def test_bodies_come_from_the_guarded_descriptor_not_a_second_open_by_name(shelf, monkeypatch):
    # ShelfFile overrides Starlette's FileResponse._open_file; should Starlette rename that hook,
    # its own open by name (anyio.open_file) would come back silently. This test would then fail.
    def refuse(*args, **kwargs):
        raise AssertionError("the file was opened again by name")

    monkeypatch.setattr(anyio, "open_file", refuse)
    files = ShelfFiles(shelf)
    assert asgi_get(files, "/epub/book.epub") == (200, BOOK)
    assert asgi_get(files, "/epub/book.epub", [(b"range", b"bytes=10-19,100-109")])[0] == 206


# ---------------------------------------------------------------- slow and vanishing clients


def raw_connection(url: str, rcvbuf: int | None = None) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    sock = socket.socket()
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)  # before connect: a small window
    sock.connect((host, int(port)))
    return sock


def closed_within(sock: socket.socket, seconds: float) -> float | None:
    """Seconds until the server closes sock (reading and discarding), or None if it stays open."""
    start = time.monotonic()
    sock.settimeout(0.05)
    while time.monotonic() - start < seconds:
        try:
            if not sock.recv(65536):
                return time.monotonic() - start
        except TimeoutError:
            continue
        except ConnectionError:
            return time.monotonic() - start
    return None


@pytest.mark.parametrize(
    ("head", "trickle"),
    [
        (b"", b"GET /index.html HTTP/1.1\r\nHost: x\r\n"),  # the head, a byte at a time, never ends
        (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n\r\n", b"x" * 40),  # a body, likewise
    ],
)
def test_a_request_trickled_byte_by_byte_is_dropped_at_the_deadline(shelf, head, trickle):
    with running(shelf, Limits(header_timeout=1.0)) as url:
        sock = raw_connection(url)
        start = time.monotonic()
        sock.sendall(head)
        for byte in trickle:
            try:
                sock.send(bytes([byte]))
            except OSError:
                break
            time.sleep(0.1)
        gone = closed_within(sock, 3)
        sock.close()
        assert gone is not None and time.monotonic() - start < 2.5  # not reset by each byte
        assert fetch(url + "/")[0] == 200


def test_an_idle_kept_alive_connection_is_closed(shelf):
    with running(shelf, Limits(idle_timeout=1)) as url:
        connection = http.client.HTTPConnection(url.removeprefix("http://"), timeout=5)
        connection.request("GET", "/")
        assert connection.getresponse().read() == INDEX
        gone = closed_within(connection.sock, 4)
        connection.close()
    assert gone is not None and 0.5 < gone < 3


def test_a_client_that_stops_reading_is_cut_off(shelf):
    (shelf / "epub" / "big.epub").write_bytes(b"\0" * 40_000_000)  # more than every socket buffer
    with running(shelf, Limits(stall_timeout=1.0)) as url:
        sock = raw_connection(url, rcvbuf=4096)
        sock.sendall(b"GET /epub/big.epub HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(2.5)  # reads nothing: the server stalls after some MB, then gives up
        gone = closed_within(sock, 5)  # drains what was in flight, then sees the reset or the end
        sock.close()
        assert gone is not None
        assert fetch(url + "/")[0] == 200


@contextmanager
def serve_command(root: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    """`python -m pipeline serve` on a free port, as a terminal would start it: (process, base URL)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--out", str(root), "--port", "0"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        port = re.search(r"http://localhost:(\d+)/", process.stdout.readline()).group(1)
        yield process, f"http://127.0.0.1:{port}"
    finally:
        process.kill()
        process.wait()


def test_a_client_that_leaves_early_is_one_log_line(shelf):
    (shelf / "epub" / "big.epub").write_bytes(b"\0" * 40_000_000)
    with serve_command(shelf) as (process, url):
        sock = raw_connection(url, rcvbuf=4096)
        sock.sendall(b"GET /epub/big.epub HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.1 200")
        sock.close()  # leaves with most of the file unsent
        time.sleep(0.5)
        assert fetch(url + "/epub/book.epub") == (200, BOOK)
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=10)
    assert process.returncode == 0 and "Traceback" not in output
    lines = [line for line in output.splitlines() if line.strip()]
    early = [line for line in lines if "ended early" in line]
    assert len(early) == 1 and "GET /epub/big.epub" in early[0] and "of 40000000 bytes" in early[0]
    logged = [line for line in lines if "127.0.0.1:" in line]  # the two requests and that line
    assert len(logged) == 3 and sum('"GET /epub/' in line for line in logged) == 2, output
    assert lines[-1] == "stopped"


def test_ctrl_c_during_a_download_stops_within_the_grace_time(shelf):
    (shelf / "epub" / "big.epub").write_bytes(b"\0" * 40_000_000)
    with serve_command(shelf) as (process, url):
        sock = raw_connection(url, rcvbuf=4096)
        sock.sendall(b"GET /epub/big.epub HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.recv(100)  # and reads no more
        start = time.monotonic()
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=15)
        took = time.monotonic() - start
        sock.close()
    assert process.returncode == 0 and "stopped" in output
    assert "Traceback" not in output and "Exception" not in output, output
    assert sum("ended early" in line for line in output.splitlines()) == 1, output  # the cut download
    assert took < Limits().shutdown_timeout + 1.5


# ---------------------------------------------------------------- load


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
