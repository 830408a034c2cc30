"""The README is the front door: every command, flag, make target and lint code it shows exists."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from pipeline.checks.lint import CODES
from pipeline.cli.main import parser
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CODE_BLOCKS = re.findall(r"```(?:sh|text)?\n(.*?)```", README, re.S)


def readme_commands() -> list[tuple[str, list[str]]]:
    """(subcommand, flags) for every `python -m pipeline` command in the README's code blocks."""
    found = []
    for block in CODE_BLOCKS:
        current: tuple[str, list[str]] | None = None
        for line in block.splitlines():
            if match := re.match(r"\s*python -m pipeline (\w+)(.*)", line):
                current = (match.group(1), re.findall(r"--[a-z][a-z-]*", match.group(2).split("#")[0]))
                found.append(current)
            elif current is not None and line.startswith(" ") and "[" in line:  # a continued usage line
                current[1].extend(re.findall(r"--[a-z][a-z-]*", line))
            else:
                current = None
    return found


def subcommand_flags(name: str) -> set[str]:
    sub = parser()._subparsers._group_actions[0].choices[name]
    return {option for action in sub._actions for option in action.option_strings}


@pytest.mark.parametrize(
    ("command", "flags"), readme_commands(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_readme_command_and_flag_exists(command, flags):
    assert command in parser()._subparsers._group_actions[0].choices
    missing = set(flags) - subcommand_flags(command)
    assert not missing, f"README shows {sorted(missing)} for '{command}', which does not take them"


def test_readme_covers_every_subcommand():
    shown = {command for command, _ in readme_commands()}
    assert shown == set(parser()._subparsers._group_actions[0].choices)


def test_every_make_target_in_the_readme_exists():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    shown = set(re.findall(r"`(?:[A-Z]+=\S+ )*make ([a-z][\w-]*)", README))
    assert shown and shown <= targets, shown - targets
    assert {"pdf", "epub", "test", "check", "clean"} <= shown


def test_lint_codes_table_matches_the_code():
    table = set(re.findall(r"^\| `([EW]-[A-Z-]+)` \|", README, re.M))
    assert table == set(CODES)


def test_the_adding_a_manuscript_walkthrough_works(tmp_path):
    run = [sys.executable, "-m", "pipeline"]
    created = subprocess.run(
        [
            *run,
            "new",
            "Wuthering Heights",
            "--author",
            "Emily Brontë",
            "--year",
            "1847",
            "--folder",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert created.returncode == 0, created.stderr
    manuscript = tmp_path / "wuthering-heights.md"
    again = subprocess.run(
        [*run, "new", "Wuthering Heights", "--folder", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert again.returncode == 2 and "already exists" in again.stderr
    lint = subprocess.run(
        [*run, "lint", str(manuscript), "--strict"], capture_output=True, text=True, cwd=REPO
    )
    # The scaffold invents no facts: what the command line did not give, lint asks for.
    assert lint.returncode == 1, lint.stdout + lint.stderr
    missing = set(re.findall(r"warning\[([A-Z-]+)\]", lint.stdout))
    assert missing == {"W-NO-GENRE", "W-NO-PAGES", "W-NO-READING-TIME"}, lint.stdout
    assert "1847" in manuscript.read_text(encoding="utf-8")
    built = subprocess.run(
        [*run, "build", str(manuscript), "--format", "epub,html", "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "epub" / "wuthering-heights.epub").stat().st_size > 10_000
    assert "Wuthering Heights" in (tmp_path / "out" / "html" / "wuthering-heights.html").read_text(
        encoding="utf-8"
    )


def test_lint_strict_fails_on_a_sloppy_manuscript(tmp_path):
    sloppy = tmp_path / "sloppy.txt"
    sloppy.write_text(
        "Sloppy\nBook Info\n- Year: 1900\nSummary\nShe  left.\nCharacters\n- Alice\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "lint", str(sloppy), "--strict"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 1
    codes = set(re.findall(r"warning\[([A-Z-]+)\]", result.stdout))
    assert {"W-NO-AUTHOR", "W-DOUBLE-SPACE", "W-NO-DESCRIPTION"} <= {
        c.replace("W-", "W-") for c in codes
    } | codes
    assert all(
        re.match(rf"^{re.escape(str(sloppy))}:\d+: (warning|error)\[[EW]-[A-Z-]+\]: ", line)
        for line in result.stdout.splitlines()
    )
