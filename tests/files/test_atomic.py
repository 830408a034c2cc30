"""Output files written whole or not at all (pipeline.files.atomic)."""

from __future__ import annotations

import os

import pytest

from pipeline.files.atomic import atomic_path, remove_leftovers, remove_stale_parts, write_bytes_atomic


def test_a_finished_write_replaces_the_target_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "out" / "guide.epub"
    write_bytes_atomic(target, b"old")
    with atomic_path(target) as temporary:
        assert temporary.parent == target.parent and temporary.name.startswith(".guide.epub.")
        temporary.write_bytes(b"new")
        assert target.read_bytes() == b"old"  # not replaced until the write is done
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["guide.epub"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_keeps_the_previous_file_and_removes_its_part(tmp_path):
    target = tmp_path / "guide.pdf"
    target.write_bytes(b"good")
    with pytest.raises(OSError, match="disk full"), atomic_path(target) as temporary:
        temporary.write_bytes(b"half")
        raise OSError("disk full")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["guide.pdf"]


def test_leftovers_of_a_killed_writer_are_removed_and_only_theirs(tmp_path):
    for name in (".guide.epub.abc123.part", ".guide.epub.x.part", ".other.epub.abc.part", "guide.epub"):
        (tmp_path / name).write_bytes(b"x")
    remove_leftovers(tmp_path / "guide.epub")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.epub.abc.part", "guide.epub"]


def test_stale_parts_beside_any_named_file_are_counted_as_they_go(tmp_path):
    for name in (".a.epub.q1.part", ".b.pdf.z9.part", ".c.epub.k.part", ".a.epub", "a.epub"):
        (tmp_path / name).write_bytes(b"x")
    assert remove_stale_parts(tmp_path, {"a.epub", "b.pdf"}) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.epub", ".c.epub.k.part", "a.epub"]
    assert remove_stale_parts(tmp_path / "missing", {"a.epub"}) == 0


def test_a_temporary_name_left_by_a_dead_process_is_stepped_over(tmp_path, monkeypatch):
    """Temporary names are the process id and a count: one a killed process left is not reused."""
    import itertools

    from pipeline.files import atomic

    target = tmp_path / "deep" / "guide.epub"
    target.parent.mkdir()
    leftover = target.parent / f".guide.epub.{os.getpid()}_0.part"
    leftover.write_bytes(b"a dead writer's")
    monkeypatch.setattr(atomic, "_COUNT", itertools.count())
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert leftover.read_bytes() == b"a dead writer's"
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
    assert sorted(p.name for p in target.parent.iterdir()) == [leftover.name, "guide.epub"]


def test_the_folder_is_made_when_missing(tmp_path):
    target = tmp_path / "a" / "b" / "guide.epub"
    write_bytes_atomic(target, b"x")
    assert target.read_bytes() == b"x" and [p.name for p in target.parent.iterdir()] == ["guide.epub"]


def test_a_folder_another_writer_makes_meanwhile_is_written_into(tmp_path, monkeypatch):
    """A batch's first workers start together: the folder may appear between one's failed open
    and its check. That is a folder to write into, not an error."""
    target = tmp_path / "epub" / "guide.epub"
    real_open = os.open

    def open_as_the_other_writer_makes_the_folder(path, *args):
        if not target.parent.exists():
            target.parent.mkdir()  # the other worker, just after this open failed
            raise FileNotFoundError(2, "No such file or directory", path)
        return real_open(path, *args)

    monkeypatch.setattr(os, "open", open_as_the_other_writer_makes_the_folder)
    write_bytes_atomic(target, b"x")
    assert target.read_bytes() == b"x" and [p.name for p in target.parent.iterdir()] == ["guide.epub"]
