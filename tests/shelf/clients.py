"""A small shelf to serve and the clients that fetch from it: plain, raw and slow."""

from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.request

INDEX = b"<!doctype html><title>Shelf</title><p>the shelf</p>"
BOOK = os.urandom(300_000)  # random, so a wrong byte range cannot match by chance


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


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
