"""The build cache's files are read through a schema: an entry that does not fit is dropped and its
output rebuilt, never a traceback. And the cache never calls an output fresh that is not: the
output's own bytes are hashed, and a manuscript edited during a batch is recorded with the text
that was built."""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest

from pipeline.build import one_guide
from pipeline.build.batch import BuildOptions, build_all
from pipeline.files.typed_json import DoesNotFit, parse, parse_each
from pipeline.shelf.catalog import write_catalog
from tests.helpers import CORPUS

NAMES = ("botchan.md", "der-process.md", "minimal.txt")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "manuscripts"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def epub_options(out: Path, **changes) -> BuildOptions:
    return BuildOptions(formats=("epub",), out_dir=out, jobs=1, shelf=True, **changes)


def cached(outcomes) -> dict[str, bool]:
    return {o.source.name: o.cached for o in outcomes}


# ---------------------------------------------------------------- manifest.json


def _damage_manifest(path: Path, damage: str) -> None:
    entries = json.loads(path.read_text(encoding="utf-8"))
    first = sorted(entries)[0]  # botchan's EPUB
    if damage == "entry is a string":
        entries[first] = "not an entry"
    elif damage == "deps is a list":
        entries[first]["deps"] = ["images/cover.png"]
    elif damage == "a field missing (another version's)":
        del entries[first]["digest"]
    elif damage == "a field added":
        entries[first]["size"] = 12345
    elif damage == "a diagnostic not a row":
        entries[first]["diagnostics"] = [{"code": "W-X"}]
    elif damage == "a line that is not a number":
        entries[first]["diagnostics"] = [["W-X", "warning", "message", "botchan.md", "7"]]
    elif damage == "the whole file a list":
        entries = list(entries.values())
    path.write_text(json.dumps(entries), encoding="utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        "entry is a string",
        "deps is a list",
        "a field missing (another version's)",
        "a field added",
        "a diagnostic not a row",
        "a line that is not a number",
        "the whole file a list",
    ],
)
def test_a_manifest_entry_that_does_not_fit_is_dropped_and_its_output_rebuilt(library, tmp_path, damage):
    out = tmp_path / "out"
    build_all([library], epub_options(out))
    _damage_manifest(out / ".cache" / "manifest.json", damage)
    again = cached(build_all([library], epub_options(out)))  # before: AttributeError, before any work
    if damage == "the whole file a list":
        assert not any(again.values())
    else:
        assert again == {"botchan.md": False, "der-process.md": True, "minimal.txt": True}
    assert all(cached(build_all([library], epub_options(out))).values())  # and the manifest is whole again


def test_a_manifest_that_is_not_json_rebuilds_everything(library, tmp_path):
    out = tmp_path / "out"
    build_all([library], epub_options(out))
    (out / ".cache" / "manifest.json").write_bytes(b'{"cut short')
    assert not any(cached(build_all([library], epub_options(out))).values())


# ---------------------------------------------------------------- shelf.json


def _damage_shelf(path: Path, damage: str) -> None:
    records = json.loads(path.read_text(encoding="utf-8"))
    entry = records[0]["entry"]
    if damage == "a field missing":
        del entry["title"]
    elif damage == "a field added":
        entry["rating"] = 5
    elif damage == "authors null":
        entry["authors"] = None
    elif damage == "an author not a string":
        entry["authors"] = [["Natsume Sōseki"]]
    elif damage == "a stamp not two numbers":
        records[0]["stamp"] = ["12", 3]
    elif damage == "a record a string":
        records[0] = "botchan.epub"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        "a field missing",
        "a field added",
        "authors null",
        "an author not a string",
        "a stamp not two numbers",
        "a record a string",
    ],
)
def test_a_shelf_cache_record_that_does_not_fit_is_read_again(library, tmp_path, monkeypatch, damage):
    from pipeline.cli.main import main

    out = tmp_path / "out"
    outcomes = build_all([library], epub_options(out))
    write_catalog(out, fresh=[record for o in outcomes for record in o.shelf])
    shelf_cache = out / ".cache" / "shelf.json"
    whole = json.loads(shelf_cache.read_text(encoding="utf-8"))
    _damage_shelf(shelf_cache, damage)
    monkeypatch.chdir(tmp_path)
    # Before: TypeError on every `catalog`, `serve` and `build` until the file was deleted.
    assert main(["catalog", "--out", str(out)]) == 0
    assert json.loads(shelf_cache.read_text(encoding="utf-8")) == whole  # the EPUB read again
    _damage_shelf(shelf_cache, damage)
    assert main(["build", str(library), "--format", "epub", "--out", str(out), "--quiet"]) == 0
    assert json.loads(shelf_cache.read_text(encoding="utf-8")) == whole
    assert write_catalog(out)[2] == len(NAMES)


# ---------------------------------------------------------------- the schema reader itself


@dataclass(frozen=True)
class Row:
    name: str
    size: int
    kind: Literal["a", "b"]
    pair: tuple[int, int]
    tags: tuple[str, ...]
    extra: dict[str, float]
    note: str | None = None


def test_the_typed_reader_refuses_what_does_not_fit():
    good = {"name": "x", "size": 3, "kind": "a", "pair": [1, 2], "tags": ["t"], "extra": {"k": 1}}
    assert parse(Row, good) == Row("x", 3, "a", (1, 2), ("t",), {"k": 1.0})
    for bad in (
        {**good, "size": True},  # JSON true is not a number
        {**good, "size": "3"},
        {**good, "kind": "c"},
        {**good, "pair": [1, 2, 3]},
        {**good, "tags": "t"},
        {**good, "extra": {"k": "1"}},
        {**good, "note": 5},
        {**good, "unknown": 1},
        {k: v for k, v in good.items() if k != "name"},
        ["x", 3],
        None,
    ):
        with pytest.raises(DoesNotFit):
            parse(Row, bad)
    assert parse_each(Row, [good, {**good, "size": None}, good]) == [parse(Row, good)] * 2
    assert parse_each(Row, {"not": "a list"}) == []


# ---------------------------------------------------------------- the cache does not lie


def test_an_output_damaged_at_the_same_size_is_rebuilt(library, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "out"
    build_all([library], epub_options(out))
    epub = out / "epub" / "der-process.epub"
    whole = epub.read_bytes()
    middle = len(whole) // 2
    epub.write_bytes(whole[: middle - 2000] + bytes(4000) + whole[middle + 2000 :])  # same size
    assert epub.stat().st_size == len(whole)
    again = cached(build_all([library], epub_options(out)))
    assert again == {"botchan.md": True, "der-process.md": False, "minimal.txt": True}
    assert epub.read_bytes() == whole
    with zipfile.ZipFile(epub) as archive:
        assert archive.testzip() is None


def _edit_while_reading(monkeypatch, manuscript: Path, before: str, after: str | None = None) -> None:
    """Write `before` into the manuscript just before the batch reads it (after it was planned),
    and `after` just after: as an editor saving while the batch runs."""
    real = one_guide.read_source

    def read_source(path, report):
        if path.name == manuscript.name:
            manuscript.write_text(before, encoding="utf-8")
        source = real(path, report)
        if path.name == manuscript.name and after is not None:
            manuscript.write_text(after, encoding="utf-8")
        return source

    monkeypatch.setattr(one_guide, "read_source", read_source)


def test_a_manuscript_edited_during_the_batch_then_reverted_is_rebuilt(library, tmp_path, monkeypatch):
    out = tmp_path / "out"
    manuscript = library / "minimal.txt"
    original = manuscript.read_text(encoding="utf-8")
    edited = original.replace("the gentle Eloi", "the gentle Eloi and a talking cat")
    with monkeypatch.context() as patch:
        _edit_while_reading(patch, manuscript, edited)
        build_all([library], epub_options(out))
    manuscript.write_text(original, encoding="utf-8")  # reverted
    again = cached(build_all([library], epub_options(out)))
    assert again["minimal.txt"] is False  # before: "up to date", with the cat still in the EPUB
    with zipfile.ZipFile(out / "epub" / "minimal.epub") as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml"))
    assert "Eloi" in text and "talking cat" not in text


def test_the_cache_records_the_text_read_not_the_text_found_at_the_end(library, tmp_path, monkeypatch):
    out = tmp_path / "out"
    manuscript = library / "minimal.txt"
    original = manuscript.read_text(encoding="utf-8")
    read = original.replace("the gentle Eloi", "the gentle Eloi (read)")
    saved_later = original.replace("the gentle Eloi", "the gentle Eloi (saved later)")
    with monkeypatch.context() as patch:
        _edit_while_reading(patch, manuscript, read, saved_later)
        build_all([library], epub_options(out))
    # The file now holds text the EPUB was not built from: it is not up to date.
    again = cached(build_all([library], epub_options(out)))
    assert again["minimal.txt"] is False
    with zipfile.ZipFile(out / "epub" / "minimal.epub") as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml"))
    assert "(saved later)" in text
