"""`inspect` run in-process (pipeline.cli.commands.inspect): the guide as JSON, or its errors."""

from __future__ import annotations

import json

import pytest

from pipeline.cli.commands import inspect
from pipeline.cli.options import EXIT_FAILED, EXIT_OK
from pipeline.model.diagnostics import UsageError
from tests.helpers import parse_command


def test_the_guide_is_printed_as_json(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.md").write_text("# Harbour\n\n## Summary\n\nHe hears of “deferrals”.\n", "utf-8")
    assert inspect.run(parse_command(inspect, "g.md")) == EXIT_OK
    printed = json.loads(capsys.readouterr().out)
    assert printed["title"] == "Harbour" and [t["term"] for t in printed["glossary"]] == ["deferrals"]
    assert inspect.run(parse_command(inspect, "g.md", "--no-auto-glossary")) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["glossary"] == []


def test_an_unreadable_manuscript_prints_its_error_and_a_missing_one_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    assert inspect.run(parse_command(inspect, str(tmp_path / "empty.md"))) == EXIT_FAILED
    assert "empty.md" in capsys.readouterr().err
    with pytest.raises(UsageError, match="no such file"):
        inspect.run(parse_command(inspect, str(tmp_path / "missing.md")))
