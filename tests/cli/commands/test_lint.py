"""`lint` run in-process (pipeline.cli.commands.lint): every diagnostic, exit 1 on errors, and on
warnings too with --strict."""

from __future__ import annotations

from pipeline.cli.commands import lint
from pipeline.cli.options import EXIT_FAILED, EXIT_OK
from tests.helpers import parse_command


def test_warnings_pass_unless_strict(tmp_path, capsys):
    sloppy = tmp_path / "sloppy.md"
    sloppy.write_text("# Sloppy\n\n## Summary\n\nA story.\n\n## Oddities\n\nText.\n", encoding="utf-8")
    assert lint.run(parse_command(lint, str(sloppy))) == EXIT_OK
    captured = capsys.readouterr()
    assert "W-UNKNOWN-SECTION" in captured.out and "1 manuscripts: 0 errors" in captured.err
    assert lint.run(parse_command(lint, str(sloppy), "--strict")) == EXIT_FAILED


def test_an_error_fails(tmp_path, capsys):
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    assert lint.run(parse_command(lint, str(tmp_path))) == EXIT_FAILED
    assert "1 manuscripts: 1 errors" in capsys.readouterr().err
