"""The command line, run as a user would: exit codes, diagnostics on stderr, nothing half-written."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile

import pytest

from tests.helpers import REPO

GOOD = """# The Lighthouse Keeper

**Author:** Ada Byron
**Year:** 1999

## Summary

Mara keeps the light on a rock far out at sea.

## Characters

- Mara: The keeper, patient and proud
"""
PNG_LIKE = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" + bytes(
    200
)
UNDECODABLE = bytes(range(0x80, 0x100)) * 4  # no NUL, not UTF-8, and no 8-bit encoding makes sense of it
BAD = {
    "empty.md": (b"", "E-EMPTY"),
    "bad.md": (PNG_LIKE, "E-BINARY"),
    "garbled.md": (UNDECODABLE, "E-ENCODING"),
}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
    return result


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One CLI build over a folder with one good manuscript and three that cannot be read."""
    root = tmp_path_factory.mktemp("cli")
    source = root / "in"
    source.mkdir()
    (source / "good.md").write_text(GOOD, encoding="utf-8")
    for name, (data, _) in BAD.items():
        (source / name).write_bytes(data)
    out = root / "out"
    result = run_cli("build", str(source), "--out", str(out), "--format", "epub")
    return source, out, result


def test_batch_with_bad_files_exits_1(batch):
    _, _, result = batch
    assert result.returncode == 1, result.stderr
    assert re.search(r"\b1 built, 0 up to date, 3 failed\b", result.stderr), result.stderr


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_gets_an_error_line(batch, name):
    source, _, result = batch
    path = str(source / name)
    code = BAD[name][1]
    pattern = re.compile(rf"^{re.escape(path)}(:\d+)?: error\[{code}\]: \S", re.M)
    assert pattern.search(result.stderr), result.stderr
    assert f"FAILED {path}" in result.stderr


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_error_line_has_path_and_line(batch, name):
    # regression: whole-file errors used to print as 'path: error[...]', without the ':line' of the
    # documented 'path:line: severity[CODE]: message' shape that editors and CI problem matchers parse
    source, _, result = batch
    pattern = re.compile(rf"^{re.escape(str(source / name))}:\d+: error\[E-[A-Z-]+\]: ", re.M)
    assert pattern.search(result.stderr), result.stderr


def test_good_manuscript_is_built_and_nothing_else_is_written(batch):
    _, out, result = batch
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert not [f for f in files if f.endswith(".part")]  # no half-written files anywhere
    guides = [f for f in files if f.startswith(("epub/", "pdf/", "handouts/"))]
    assert guides == ["epub/good.epub"]  # no outputs for the bad ones, no PDF
    # besides the guide: the build cache, and the shelf (catalogue, library page, cover, what it read)
    shelf = {"opds.xml", "index.html", "covers/good.jpg", ".cache/shelf.json"}
    assert set(files) - set(guides) <= {".cache/manifest.json", *shelf}
    assert not (out / "pdf").exists()
    with zipfile.ZipFile(out / "epub" / "good.epub") as archive:
        assert archive.read("mimetype") == b"application/epub+zip"
        assert archive.testzip() is None
    assert re.search(r"\b1 built\b", result.stderr), (
        result.stderr
    )  # one summary line, no per-file chatter off a terminal


@pytest.mark.slow
def test_good_only_batch_exits_0(tmp_path):
    source = tmp_path / "good.md"
    source.write_text(GOOD, encoding="utf-8")
    result = run_cli("build", str(source), "--out", str(tmp_path / "out"), "--format", "epub", "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # --quiet prints nothing when all is well
    assert (tmp_path / "out" / "epub" / "good.epub").is_file()


@pytest.mark.parametrize("formats", ["docx", "epub,mobi", ""])
def test_unknown_format_is_a_usage_error(tmp_path, formats):
    source = tmp_path / "good.md"
    source.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", str(source), "--out", str(out), "--format", formats)
    assert result.returncode == 2, result.stderr
    assert "--format" in result.stderr and "unknown format" in result.stderr
    assert not out.exists()  # nothing is built when the command line is wrong


def test_missing_input_is_a_usage_error(tmp_path):
    result = run_cli("build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"), "--format", "epub")
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr


def test_inspect_prints_the_model_as_json(seed_path):
    result = run_cli("inspect", str(seed_path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    expected = {
        "title",
        "authors",
        "year",
        "year_text",
        "genres",
        "pages",
        "reading_time",
        "language",
        "characters",
        "themes",
        "sections",
        "diagnostics",
    }
    assert expected <= set(data)
    assert data["title"] == "Never Let Me Go"
    assert data["authors"] == ["Kazuo Ishiguro"]
    assert [s["kind"] for s in data["sections"]][:2] == ["info", "summary"]
    assert isinstance(data["diagnostics"], list)
    assert "\\u" not in result.stdout  # curly quotes are printed as themselves (ensure_ascii=False)


def test_inspect_of_an_unreadable_file_exits_1_with_the_diagnostic(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(PNG_LIKE)
    result = run_cli("inspect", str(bad))
    assert result.returncode == 1
    assert result.stdout == ""
    assert re.search(rf"^{re.escape(str(bad))}(:\d+)?: error\[E-BINARY\]: ", result.stderr, re.M), (
        result.stderr
    )
