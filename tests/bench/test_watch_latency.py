"""Case k's pieces (bench/watch_latency.py): the edit, the two ways of saving, and a short run of
`watch` measured the way the bench measures it (no timing asserted)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.watch_latency import edited, identity, measure_saves, save
from pipeline.build.batch import load_guide
from tests.helpers import MANUSCRIPTS


def test_an_edit_adds_a_sentence_to_one_paragraph_and_keeps_the_headings(tmp_path: Path) -> None:
    text = (MANUSCRIPTS / "dracula.md").read_text(encoding="utf-8")
    first, second = edited(text, 1), edited(text, 2)
    assert first != second != text
    assert len(first) == len(text) + len(" Revised in edit 1.")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert [line for line in first.splitlines() if line.startswith("#")] == headings
    path = tmp_path / "dracula.md"
    path.write_text(first, encoding="utf-8")
    before, after = load_guide(MANUSCRIPTS / "dracula.md")[0], load_guide(path)[0]
    assert [s.kind for s in after.sections] == [s.kind for s in before.sections]


@pytest.mark.parametrize("atomic", [True, False])
def test_a_save_writes_the_text_by_rename_or_in_place(tmp_path: Path, atomic: bool) -> None:
    path = tmp_path / "a.md"
    path.write_text("old\n", encoding="utf-8")
    inode = path.stat().st_ino
    save(path, "new text\n", atomic=atomic)
    assert path.read_text(encoding="utf-8") == "new text\n"
    assert (path.stat().st_ino != inode) is atomic  # a rename brings a new file; in place keeps it
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left
    assert identity(tmp_path / "missing") is None


@pytest.mark.slow
def test_each_save_is_timed_until_both_outputs_are_rewritten(tmp_path: Path) -> None:
    manuscript = tmp_path / "src" / "dracula.md"
    manuscript.parent.mkdir()
    shutil.copyfile(MANUSCRIPTS / "dracula.md", manuscript)
    result = measure_saves(manuscript, tmp_path / "out", tmp_path / "watch", saves=2, timeout=60)
    assert "error" not in result, result
    assert len(result["latencies"]) == 2 and all(t > 0 for t in result["latencies"])
    assert result["rebuilds"] == 2 and result["atomic"] == 1
    preview = (tmp_path / "out" / "html" / "dracula.html").read_text(encoding="utf-8")
    assert "Revised in edit 1." in preview and "Revised in edit 0." not in preview
