"""The upstream reports (docs/upstream/): the README's table, the reports, their reproductions and
the workaround modules that name them agree with one another."""

from __future__ import annotations

import ast
import re
from importlib.metadata import version

import pytest

from tests.helpers import PACKAGE, REPO

UPSTREAM = REPO / "docs" / "upstream"
_ROW = re.compile(
    r"^\| (?P<behaviour>[^|]+) \| \[(?P<report>[\w.-]+\.md)\]\([\w.-]+\.md\) \| (?P<fix>[^|]+) \|$"
)
_MODULE = re.compile(r"`(pipeline/[\w/]+\.py)`")


def _rows() -> list[re.Match]:
    text = (UPSTREAM / "README.md").read_text(encoding="utf-8")
    return [row for line in text.splitlines() if (row := _ROW.match(line))]


def _docstring(path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


def test_the_table_lists_every_report_and_nothing_else():
    listed = sorted(row["report"] for row in _rows())
    written = sorted(path.name for path in UPSTREAM.glob("*.md") if path.name != "README.md")
    assert listed, "docs/upstream/README.md has no table of reports"
    assert listed == written


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row["report"])
def test_each_report_links_a_reproduction_that_exists_and_parses(row):
    name = row["report"].removesuffix(".md")
    report = (UPSTREAM / row["report"]).read_text(encoding="utf-8")
    for part in ("repro.html", "run.py"):
        assert f"({name}/{part})" in report, f"{row['report']} does not link {name}/{part}"
        assert (UPSTREAM / name / part).is_file()
    ast.parse((UPSTREAM / name / "run.py").read_text(encoding="utf-8"))  # a run.py that runs at all
    for heading in ("## What happens", "## What was expected", "## Reproduction", "## Workaround used here"):
        assert heading in report, f"{row['report']} lacks {heading!r}"


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row["report"])
def test_each_report_was_measured_with_the_installed_weasyprint(row):
    """After an upgrade the reproductions are run again: the behaviour may be gone, and with it the
    need for its workaround."""
    report = (UPSTREAM / row["report"]).read_text(encoding="utf-8")
    measured = re.search(r"\*\*WeasyPrint version:\*\* (\S+) ", report)
    assert measured, f"{row['report']} names no WeasyPrint version"
    if measured.group(1) != version("weasyprint"):  # a fresh install may be newer: say so, don't fail CI
        installed = version("weasyprint")
        pytest.skip(f"measured with WeasyPrint {measured.group(1)}, {installed} installed: run run.py again")


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row["report"])
def test_each_workaround_module_exists_and_names_its_report(row):
    for module in _MODULE.findall(row["fix"]):
        path = REPO / module
        assert path.is_file(), f"{module} (docs/upstream/README.md) does not exist"
        assert f"docs/upstream/{row['report']}" in _docstring(path), f"{module} does not name its report"


def test_every_module_that_names_a_report_is_in_the_table():
    listed = {(module, row["report"]) for row in _rows() for module in _MODULE.findall(row["fix"])}
    named = {
        (path.relative_to(REPO).as_posix(), report)
        for path in PACKAGE.rglob("*.py")
        for report in re.findall(r"docs/upstream/([\w.-]+\.md)", _docstring(path))
    }
    assert named <= listed, f"modules naming a report the table does not pair them with: {named - listed}"
