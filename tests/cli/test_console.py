"""What a person sees while a batch builds (pipeline.cli.console): a summary line off a terminal,
diagnostics on stderr, failures named."""

from __future__ import annotations

from pathlib import Path

from pipeline.build.options import Outcome
from pipeline.cli import console
from pipeline.model.diagnostics import Diagnostic
from pipeline.model.location import SourceLocation


def outcomes() -> list[Outcome]:
    warning = Diagnostic("W-NO-AUTHOR", "warning", "no author", SourceLocation("a.md", 1))
    error = Diagnostic("E-EMPTY", "error", "the manuscript is empty", SourceLocation("c.md", 1))
    return [
        Outcome(Path("a.md"), [Path("out/epub/a.epub")], [warning], seconds=0.5),
        Outcome(Path("b.md"), [Path("out/epub/b.epub")], cached=True),
        Outcome(Path("c.md"), [], [error], failed=True),
    ]


def test_the_summary_line_counts_built_cached_failed_and_warnings():
    assert console.summary_line(outcomes()) == "1 built, 1 up to date, 1 failed, 1 warnings"
    assert console.summary_line([]) == "0 built, 0 up to date, 0 failed, 0 warnings"


def test_off_a_terminal_one_line_then_each_failure(capsys):
    console.print_summary(outcomes(), table=False)
    captured = capsys.readouterr()
    assert captured.out == ""  # a failure sends the summary to stderr with it
    assert captured.err.splitlines() == [
        "1 built, 1 up to date, 1 failed, 1 warnings",
        "  FAILED c.md: the manuscript is empty",
    ]


def test_on_a_terminal_a_table_of_each_manuscript(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    console.print_summary(outcomes(), table=True)
    err = capsys.readouterr().err
    for cell in ("manuscript", "a.md", "epub (up to date)", "0.50 s", "1 built, 1 up to date"):
        assert cell in err, cell


def test_diagnostics_and_in_verbose_mode_the_outputs(capsys):
    console.print_diagnostics(outcomes(), verbose=True)
    err = capsys.readouterr().err.splitlines()
    assert err[0] == str(outcomes()[0].diagnostics[0])
    assert "a.md: built in 0.50 s -> out/epub/a.epub" in err
    assert "b.md: up to date -> out/epub/b.epub" in err
    assert not [line for line in err if line.startswith("c.md:") and "->" in line]


def test_the_progress_bar_is_a_no_op_when_off(monkeypatch):
    with console.progress_bar(3, enabled=False) as advance:
        assert advance(outcomes()[0]) is None
    monkeypatch.setenv("TERM", "dumb")
    assert console.interactive() is False


# Names a manuscript may have on disk: a newline, a terminal escape, a bidi override, rich markup.
HOSTILE_NAMES = ["bad\nname.md", "evil\x1b[31mred.md", "rtl\u202egnp.md", "[red]x.md", "[@foo(]y.md"]


def hostile_outcomes() -> list[Outcome]:
    return [
        Outcome(
            Path("in") / name,
            [],
            [Diagnostic("E-EMPTY", "error", "manuscript is empty", SourceLocation(f"in/{name}", 1))],
            failed=True,
        )
        for name in HOSTILE_NAMES
    ]


def test_every_diagnostic_and_failure_of_a_hostile_name_is_one_printable_line(capsys):
    console.print_diagnostics(hostile_outcomes(), verbose=False)
    console.print_summary(hostile_outcomes(), table=False)
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err
    lines = err.splitlines()
    assert len(lines) == 2 * len(HOSTILE_NAMES) + 1  # a diagnostic and a FAILED line each, one summary
    assert "in/bad\\nname.md:1: error[E-EMPTY]: manuscript is empty" in lines
    assert "  FAILED in/evil\\x1b[31mred.md: manuscript is empty" in lines
    assert "in/rtl\\u202egnp.md:1: error[E-EMPTY]: manuscript is empty" in lines


def test_the_table_shows_each_name_as_it_is_never_as_markup(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    console.print_summary(hostile_outcomes(), table=True)
    err = capsys.readouterr().err
    assert "\x1b" not in err
    for shown in ("[red]x.md", "[@foo(]y.md", "bad\\nname.md", "evil\\x1b[31mred.md", "rtl\\u202egnp.md"):
        assert shown in err, shown
