"""The shelf server under attack: symlinks, hidden files, slow and vanishing clients.

Everything goes through a real HTTP client (http.client, urllib or a raw socket) to a real server.
Under load: test_serve_load.py.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import anyio
import pytest

from pipeline.shelf.serve import Limits, make_server
from pipeline.shelf.static_files import ShelfFiles
from tests.helpers import REPO
from tests.shelf.clients import BOOK, INDEX, closed_within, fetch, raw_connection


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


@pytest.mark.slow
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
        # Warnings may come first (the fixture's book.epub is not an EPUB the shelf can read).
        found = None
        while found is None and (line := process.stdout.readline()):
            found = re.search(r"http://localhost:(\d+)/", line)
        assert found is not None, "the server printed no address"
        port = found.group(1)
        yield process, f"http://127.0.0.1:{port}"
    finally:
        process.kill()
        process.wait()


@pytest.mark.parametrize(
    ("name", "requested", "shown"),
    [
        ("big.epub", "big.epub", "big.epub"),
        # A guide named after a manuscript whose name held a terminal escape.
        ("big\x1b[31mFAKE.epub", "big%1B%5B31mFAKE.epub", "big\\x1b[31mFAKE.epub"),
    ],
)
def test_a_client_that_leaves_early_is_one_log_line(shelf, name, requested, shown):
    (shelf / "epub" / name).write_bytes(b"\0" * 40_000_000)
    with serve_command(shelf) as (process, url):
        sock = raw_connection(url, rcvbuf=4096)
        sock.sendall(f"GET /epub/{requested} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        assert sock.recv(100).startswith(b"HTTP/1.1 200")
        sock.close()  # leaves with most of the file unsent
        time.sleep(0.5)
        assert fetch(url + "/epub/book.epub") == (200, BOOK)
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=10)
    assert process.returncode == 0 and "Traceback" not in output
    lines = [line for line in output.splitlines() if line.strip()]
    early = [line for line in lines if "ended early" in line]
    assert len(early) == 1 and f"GET /epub/{shown}" in early[0] and "of 40000000 bytes" in early[0]
    assert "\x1b" not in output
    logged = [line for line in lines if "127.0.0.1:" in line]  # the two requests and that line
    assert len(logged) == 3 and sum('"GET /epub/' in line for line in logged) == 2, output
    assert lines[-1] == "stopped"


@pytest.mark.slow
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
