"""`catalog` run in-process (pipeline.cli.commands.catalog)."""

from __future__ import annotations

import pytest

from pipeline.cli.commands import catalog
from pipeline.cli.options import EXIT_OK
from pipeline.model.diagnostics import UsageError
from tests.helpers import parse_command


def test_the_feed_and_the_page_are_written_for_the_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").mkdir()
    assert catalog.run(parse_command(catalog, "--title", "Our Shelf")) == EXIT_OK
    assert "catalogued 0 guides" in capsys.readouterr().out
    assert "Our Shelf" in (tmp_path / "output" / "opds.xml").read_text(encoding="utf-8")
    assert (tmp_path / "output" / "index.html").is_file()


def test_a_missing_folder_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="no such folder"):
        catalog.run(parse_command(catalog, "--out", "nowhere"))
