"""Fixtures of the server tests: a small output/ folder to serve."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shelf.clients import BOOK, INDEX


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    """A small output/ with a library page, an EPUB, a cache folder and a temporary file."""
    (tmp_path / "index.html").write_bytes(INDEX)
    (tmp_path / "epub").mkdir()
    (tmp_path / "epub" / "book.epub").write_bytes(BOOK)
    (tmp_path / "epub" / ".book.epub.x1.part").write_bytes(b"half written")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "shelf.json").write_text('{"secret": 1}')
    return tmp_path
