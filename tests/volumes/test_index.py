"""The combined index of a volume (pipeline.volumes.index): characters per book, glossary terms
merged across books whatever their case, recurring themes pointing at each book's themes."""

from __future__ import annotations

from pipeline.volumes.index import IndexEntry, volume_index
from tests.helpers import sea_stories


def test_terms_merge_characters_stay_per_book_and_themes_recur(tmp_path):
    entries = volume_index(sea_stories(tmp_path), "theme")
    assert entries == [
        IndexEntry("loyalty", "theme", [(0, "b1-themes"), (1, "b2-themes")]),
        IndexEntry("Mara", "Lighthouse", [(1, "b2-char-mara")]),
        IndexEntry("Quay", "", [(0, "b1-term-quay"), (1, "b2-term-quay")]),  # "quay" in book two
        IndexEntry("Tom", "Harbour", [(0, "b1-char-tom")]),
    ]
