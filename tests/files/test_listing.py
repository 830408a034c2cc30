"""A folder's listing answers as Path.is_file does: files and links to files, nothing else."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.files.listing import Listing, files_in


def test_listing_answers_as_is_file_does(tmp_path: Path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / "folder.pdf").mkdir()
    (tmp_path / "link.pdf").symlink_to(tmp_path / "a.pdf")
    (tmp_path / "dangling.pdf").symlink_to(tmp_path / "gone.pdf")
    listing = Listing()
    for name in ("a.pdf", "folder.pdf", "link.pdf", "dangling.pdf", "absent.pdf"):
        assert listing.is_file(tmp_path / name) == (tmp_path / name).is_file(), name
    assert files_in(tmp_path) == {"a.pdf", "link.pdf"}


def test_a_missing_or_unreadable_folder_holds_no_file(tmp_path: Path):
    assert not Listing().is_file(tmp_path / "none" / "a.pdf")
    assert files_in(tmp_path / "none") == frozenset()
    (tmp_path / "file").write_bytes(b"x")
    assert files_in(tmp_path / "file") == frozenset()  # a file where the folder goes


def test_each_folder_is_listed_once(tmp_path: Path, monkeypatch):
    (tmp_path / "a.jpg").write_bytes(b"x")
    listed = []
    real = os.scandir

    def counting(folder):
        listed.append(folder)
        return real(folder)

    monkeypatch.setattr(os, "scandir", counting)
    listing = Listing()
    assert listing.is_file(tmp_path / "a.jpg")
    assert not listing.is_file(tmp_path / "b.jpg")
    assert listed == [tmp_path]
