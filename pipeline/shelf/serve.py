"""The shelf server: output/ over HTTP for e-readers (OPDS) and browsers, nothing else.

Starlette serves the files (shelf/static_files.py: Range, ETag, no symlinks, no hidden files, no
listings) and uvicorn runs them on one event loop (shelf/protocol.py: a connection cap, header,
idle and stall timeouts). `make_server` binds the socket at once, so a bad address fails before
anything is printed, and returns an object that runs and stops like http.server's.
"""

from __future__ import annotations

import logging
import socket
import threading
from functools import partial
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pipeline.files.names import shown_path
from pipeline.shelf.protocol import Limits, ShelfProtocol, peer
from pipeline.shelf.static_files import ShelfFiles

__all__ = ["Limits", "ShelfServer", "make_server", "shelf_urls"]

log = logging.getLogger("pipeline.shelf.serve")
SERVER_NAME = "StudyGuideShelf/2"


class ShelfServer:
    """uvicorn on a socket bound already, driven like http.server: serve_forever, shutdown, server_close."""

    def __init__(self, app: ASGIApp, listener: socket.socket, limits: Limits, quiet: bool) -> None:
        self.socket = listener
        self.server_address = listener.getsockname()
        config = uvicorn.Config(
            app,
            http=partial(ShelfProtocol, limits=limits),  # type: ignore[arg-type]
            loop="asyncio",
            interface="asgi3",
            lifespan="off",
            ws="none",
            proxy_headers=False,  # nobody stands in front: log the real peer, not a header's claim
            backlog=limits.backlog,
            timeout_keep_alive=limits.idle_timeout,
            # A backstop only: ShelfProtocol.shutdown cuts downloads first, without a traceback.
            timeout_graceful_shutdown=int(limits.shutdown_timeout) + 2,
            server_header=False,
            headers=[("server", SERVER_NAME)],
            log_config=log_config(quiet),
            access_log=not quiet,
        )
        self.server = uvicorn.Server(config)
        self.running = threading.Event()
        self.stopped = threading.Event()

    def serve_forever(self) -> None:
        """Serve until shutdown() or Ctrl-C (uvicorn stops, then raises KeyboardInterrupt here)."""
        self.running.set()
        try:
            self.server.run(sockets=[self.socket])
        finally:
            self.stopped.set()

    def shutdown(self) -> None:
        """Stop serve_forever from another thread and wait until it has returned."""
        self.server.should_exit = True
        if self.running.is_set():
            self.stopped.wait()

    def server_close(self) -> None:
        self.socket.close()

    @property
    def connections(self) -> int:
        """Connections open now (for tests and measurements)."""
        return len(self.server.server_state.connections)


def make_server(
    root: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False, limits: Limits | None = None
) -> ShelfServer:
    """A server for the regular files under root, bound to host:port (0: any free port)."""
    limits = limits or Limits()
    app = LeaveLog(Starlette(routes=[Mount("/", app=ShelfFiles(root))]))
    return ShelfServer(app, bind(host, port, limits.backlog), limits, quiet)


def bind(host: str, port: int, backlog: int) -> socket.socket:
    """A listening TCP socket (IPv4 or IPv6, as host is written); OSError when it cannot be had."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # restart at once, as http.server
        listener.bind(address)
        listener.listen(backlog)
    except OSError:
        listener.close()
        raise
    return listener


class LeaveLog:
    """One log line for a response cut short (the client left, or the server stopped), not a traceback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = {"sent": 0, "size": "?", "done": False, "left": False}

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["size"] = dict(message.get("headers", [])).get(b"content-length", b"?").decode()
            elif message["type"] == "http.response.body":
                state["sent"] += len(message.get("body", b""))
                state["done"] = not message.get("more_body", False)
            await send(message)

        async def watching_receive() -> Message:
            message = await receive()
            if message["type"] == "http.disconnect" and not state["done"] and not state["left"]:
                state["left"] = True
                # The path as decoded: a file's name may hold a newline or a terminal escape.
                path = shown_path(scope["path"])
                log.info(
                    "%s - %s %s ended early: %d of %s bytes sent",
                    peer(scope.get("client")), scope["method"], path, state["sent"], state["size"],
                )  # fmt: skip
            return message

        await self.app(scope, watching_receive, counting_send)


def log_config(quiet: bool) -> dict[str, Any]:
    """uvicorn's logging: one plain line per request and per event, startup chatter left out."""
    level = "WARNING" if quiet else "INFO"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(message)s", "datefmt": "%Y-%m-%d %H:%M:%S"}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}
        },
        "loggers": {
            # uvicorn.error says "Started server process", "Uvicorn running on ..." at INFO: the
            # command prints its own lines; warnings (a malformed request) still show.
            "uvicorn": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
            "uvicorn.access": {"level": level},
            "pipeline.shelf.serve": {"handlers": ["stderr"], "level": level, "propagate": False},
        },
    }


def shelf_urls(host: str, port: int) -> list[str]:
    """The addresses to type into an e-reader: a wildcard bind is reached by this machine's own
    network addresses, never by "0.0.0.0" (found from the host name: no packet is sent)."""
    import socket

    if host in ("127.0.0.1", "::1", "localhost"):
        return [f"http://localhost:{port}/"]
    if host not in ("0.0.0.0", "::", ""):
        shown = f"[{host}]" if ":" in host else host
        return [f"http://{shown}:{port}/"]
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    addresses = sorted({str(info[4][0]) for info in infos} - {"127.0.0.1", "127.0.1.1"})
    return [f"http://{address}:{port}/" for address in addresses] or [f"http://localhost:{port}/"]
