"""`serve` run in-process (pipeline.cli.commands.serve), with a server that stops at once."""

from __future__ import annotations

import re

import pytest

from pipeline.cli.commands import serve
from pipeline.cli.options import EXIT_OK
from pipeline.model.diagnostics import UsageError
from tests.helpers import parse_command


class StopsAtOnce:
    """A server as make_server returns one, whose serve_forever is Ctrl-C at once."""

    server_address = ("127.0.0.1", 8123)
    closed = False

    def serve_forever(self) -> None:
        raise KeyboardInterrupt

    def server_close(self) -> None:
        StopsAtOnce.closed = True


def test_the_shelf_is_catalogued_announced_and_stopped_cleanly(tmp_path, monkeypatch, capsys):
    import pipeline.shelf.serve

    asked = []
    monkeypatch.setattr(pipeline.shelf.serve, "make_server", lambda *a: asked.append(a) or StopsAtOnce())
    args = parse_command(serve, "--out", str(tmp_path), "--port", "8123")
    assert serve.run(args) == EXIT_OK
    out = capsys.readouterr().out
    assert f"Serving {tmp_path} at http://" in out and "opds.xml" in out and out.endswith("stopped\n")
    assert asked == [(tmp_path, "127.0.0.1", 8123)] and StopsAtOnce.closed
    assert (tmp_path / "opds.xml").is_file()  # written before serving


def test_a_missing_folder_and_a_taken_port_are_usage_errors(tmp_path, monkeypatch):
    import pipeline.shelf.serve

    with pytest.raises(UsageError, match="no such folder"):
        serve.run(parse_command(serve, "--out", str(tmp_path / "nowhere")))

    def taken(*args):
        raise OSError(98, "Address already in use")

    monkeypatch.setattr(pipeline.shelf.serve, "make_server", taken)
    with pytest.raises(UsageError, match=re.escape("cannot listen on 127.0.0.1:80: Address already in use")):
        serve.run(parse_command(serve, "--out", str(tmp_path), "--port", "80"))
