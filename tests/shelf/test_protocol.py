"""The server's connection limits (pipeline.shelf.protocol), on the protocol itself: a connection
past the cap is closed at once, one that sends no request is dropped at the header deadline, a
client that reads nothing is cut off at the stall deadline."""

from __future__ import annotations

import asyncio

import pytest
import uvicorn
from uvicorn.server import ServerState

from pipeline.shelf.protocol import Limits, ShelfProtocol, peer


class Transport(asyncio.Transport):
    """Just enough of a socket's transport for the protocol: it records being closed."""

    def __init__(self) -> None:
        super().__init__()
        self.closed = self.aborted = False

    def get_extra_info(self, name, default=None):
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 5555)}.get(name, default)

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.aborted = self.closed = True

    def write(self, data) -> None:
        pass

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


class Server:
    """One server's state and event loop; open() makes a connection to it."""

    def __init__(self) -> None:
        async def app(scope, receive, send):  # never reached: no request is completed here
            raise AssertionError

        self.config = uvicorn.Config(app, log_level="critical")
        self.config.load()
        self.loop = asyncio.new_event_loop()
        self.state = ServerState()
        self.opened: list[ShelfProtocol] = []

    def open(self, limits: Limits) -> tuple[ShelfProtocol, Transport]:
        protocol = ShelfProtocol(
            config=self.config, server_state=self.state, app_state={}, _loop=self.loop, limits=limits
        )
        transport = Transport()
        protocol.connection_made(transport)
        self.opened.append(protocol)
        return protocol, transport

    def wait(self, seconds: float) -> None:
        self.loop.run_until_complete(asyncio.sleep(seconds))


@pytest.fixture
def server():
    server = Server()
    yield server
    for protocol in server.opened:
        protocol.connection_lost(None)
    server.loop.close()


def test_past_the_cap_a_connection_is_closed_at_once(server, caplog):
    _, first_transport = server.open(Limits(max_connections=1))
    _, second_transport = server.open(Limits(max_connections=1))
    assert not first_transport.closed and second_transport.closed
    assert "127.0.0.1:5555 refused: 1 connections open already" in caplog.text


def test_a_connection_that_sends_no_request_is_dropped_at_the_header_deadline(server):
    protocol, transport = server.open(Limits(header_timeout=0.05))
    assert protocol.head_deadline is not None and not transport.closed
    server.wait(0.2)
    assert transport.closed and protocol.head_deadline is None


def test_a_client_that_stops_reading_is_cut_off_and_one_that_reads_again_is_not(server):
    protocol, transport = server.open(Limits(stall_timeout=0.05))
    protocol.pause_writing()
    protocol.resume_writing()  # it read again in time
    server.wait(0.1)
    assert not transport.aborted
    protocol.pause_writing()
    server.wait(0.2)
    assert transport.aborted


def test_connection_lost_cancels_the_deadlines_and_frees_its_place(server):
    protocol, _ = server.open(Limits(header_timeout=60))
    assert protocol in server.state.connections
    protocol.connection_lost(None)
    assert protocol.head_deadline is None and protocol not in server.state.connections


def test_peer_names_a_client_or_says_it_cannot():
    assert peer(("10.0.0.2", 41000)) == "10.0.0.2:41000"
    assert peer(["::1", 8]) == "::1:8"
    assert peer(None) == "a client"
    assert Limits().max_connections > 0 and Limits().header_timeout > 0
