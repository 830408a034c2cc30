"""Grouping an index under its initial letters (pipeline.i18n.collation)."""

from __future__ import annotations

from pipeline.i18n.collation import group_by_letter


def test_entries_group_under_their_unaccented_capital_in_the_order_given():
    items = [{"term": "Élodie"}, {"term": "emma"}, {"term": "Ásgeir"}, {"term": "ähm"}]
    groups = group_by_letter(items)
    assert [g["heading"] for g in groups] == ["E", "A"]
    assert [e["term"] for e in groups[0]["entries"]] == ["Élodie", "emma"]
    assert [e["term"] for e in groups[1]["entries"]] == ["Ásgeir", "ähm"]


def test_what_does_not_begin_with_a_letter_goes_under_one_hash_heading():
    groups = group_by_letter([{"term": "2001"}, {"term": "«Quote»"}, {"term": "Жизнь"}])
    assert [(g["heading"], len(g["entries"])) for g in groups] == [("#", 2), ("Ж", 1)]


def test_no_entries_no_groups():
    assert group_by_letter([]) == []
