"""`check` run in-process (pipeline.cli.commands.check): one verdict a file, exit 1 when any fails
or when there is nothing to check."""

from __future__ import annotations

from pipeline.cli.commands import check
from pipeline.cli.options import EXIT_FAILED
from tests.helpers import parse_command


def test_nothing_to_check_is_a_failure_that_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").mkdir()
    assert check.run(parse_command(check, "--no-ace")) == EXIT_FAILED
    assert "no EPUB or PDF files to check" in capsys.readouterr().err


def test_a_broken_pdf_gets_a_failing_verdict(tmp_path, capsys):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 and nothing else")
    assert check.check_outputs([tmp_path], ace=False) == EXIT_FAILED
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("FAIL") and "broken.pdf" in out[0]
    assert out[-1] == "0 passed, 1 failed"
