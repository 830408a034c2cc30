"""Connection limits for the shelf server: uvicorn's HTTP/1.1 protocol with a cap and deadlines.

uvicorn bounds idle time between requests (timeout_keep_alive), but it starts no timer when a
connection opens and cancels its keep-alive timer on the first byte, so a client that sends half a
request line is held for ever (uvicorn issue #157 lists a "--timeout-request-start" that was never
added; pull request #1192, a silent connection). Its limit_concurrency answers 503 only once a
request has arrived: connections themselves are accepted without bound. This subclass adds, in
one place:

- a cap: past `max_connections` open connections, a new one is closed at once;
- a header deadline: a request (line, headers and any body: the shelf takes no uploads) must
  arrive within `header_timeout` of the connection opening or the previous response ending, not
  reset by bytes trickled in;
- a stall deadline: a client that reads nothing of a response for `stall_timeout` is cut off;
- a shutdown deadline: on Ctrl-C a download under way has `shutdown_timeout` to finish.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("pipeline.shelf.serve")


@dataclass(frozen=True)
class Limits:
    """How much the server holds: connections, and how long it waits on a client (seconds)."""

    max_connections: int = 512
    header_timeout: float = 10.0
    idle_timeout: int = 5  # between requests on a kept-alive connection (uvicorn's timeout_keep_alive)
    stall_timeout: float = 60.0
    backlog: int = 1024  # the listen queue, for bursts (was 5)
    shutdown_timeout: float = 3.0  # how long Ctrl-C waits for downloads under way


class ShelfProtocol(H11Protocol):
    """H11Protocol with a connection cap and header, stall and shutdown deadlines (see module doc)."""

    def __init__(self, *args: Any, limits: Limits, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits
        self.head_deadline: asyncio.TimerHandle | None = None
        self.stall_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        full = len(self.connections) >= self.limits.max_connections
        super().connection_made(transport)
        if full:
            log.warning("%s refused: %d connections open already", self._who(), self.limits.max_connections)
            transport.close()
            return
        self._watch_head()

    def connection_lost(self, exc: Exception | None) -> None:
        for timer in (self.head_deadline, self.stall_deadline):
            if timer is not None:
                timer.cancel()
        self.head_deadline = self.stall_deadline = None
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        self._watch_head()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch_head()

    def _watch_head(self) -> None:
        """Arm the header deadline while we wait for a request; disarm it once it is all in."""
        # IDLE: no request line yet, or part of one; SEND_BODY: a body still coming (a GET has none,
        # so for the shelf's requests this state passes in the same call that parsed the head).
        waiting = self.conn.their_state in (h11.IDLE, h11.SEND_BODY) and not self.transport.is_closing()
        if waiting and self.head_deadline is None:
            self.head_deadline = self.loop.call_later(self.limits.header_timeout, self._head_too_slow)
        elif not waiting and self.head_deadline is not None:
            self.head_deadline.cancel()
            self.head_deadline = None

    def _head_too_slow(self) -> None:
        self.head_deadline = None
        if not self.transport.is_closing():
            log.info("%s dropped: no complete request within %g s", self._who(), self.limits.header_timeout)
            self.transport.close()

    def shutdown(self) -> None:
        super().shutdown()  # closes an idle connection; lets a response under way finish ...
        if not self.transport.is_closing():
            # ... for shutdown_timeout, then cuts it, before uvicorn's own deadline (set later in
            # serve.py) would cancel the task and log its traceback. The client then sees a closed
            # connection and the download's one line says how much was sent.
            self.loop.call_later(self.limits.shutdown_timeout, self.transport.abort)

    def pause_writing(self) -> None:
        super().pause_writing()
        if self.stall_deadline is None:
            self.stall_deadline = self.loop.call_later(self.limits.stall_timeout, self._stalled)

    def resume_writing(self) -> None:
        super().resume_writing()
        if self.stall_deadline is not None:
            self.stall_deadline.cancel()
            self.stall_deadline = None

    def _stalled(self) -> None:
        self.stall_deadline = None
        log.info("%s dropped: read nothing for %g s", self._who(), self.limits.stall_timeout)
        self.transport.abort()  # close() would wait for the unread buffer to drain

    def _who(self) -> str:
        return peer(self.client)


def peer(client: tuple[str, int] | list[Any] | None) -> str:
    """host:port of a client, for log lines."""
    return f"{client[0]}:{client[1]}" if client else "a client"
