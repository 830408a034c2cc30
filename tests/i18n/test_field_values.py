"""Words inside metadata values per language (pipeline.i18n.field_values): regular-expression
fragments for page counts, reading times, eras and the "and" between authors."""

from __future__ import annotations

import re

import pytest

from pipeline.i18n import field_values


def _any(by_language: dict[str, tuple[str, ...]], language: str) -> re.Pattern:
    return re.compile(rf"^(?:{'|'.join(by_language[language])})$", re.I)


@pytest.mark.parametrize(
    ("table", "language", "word", "matches"),
    [
        (field_values.PAGE_UNITS, "en", "pages", True),
        (field_values.PAGE_UNITS, "en", "pp.", True),
        (field_values.PAGE_UNITS, "en", "chapters", False),
        (field_values.TIME_WORDS, "en", "Hours", True),
        (field_values.TIME_WORDS, "en", "days", False),
        (field_values.BEFORE_COMMON_ERA, "en", "B.C.E.", True),
        (field_values.BEFORE_COMMON_ERA, "en", "AD", False),
        (field_values.AND_WORDS, "en", "and", True),
    ],
)
def test_each_fragment_matches_its_words_and_no_others(table, language, word, matches):
    assert bool(_any(table, language).match(word)) is matches


def test_every_fragment_compiles_and_every_table_has_english():
    tables = [value for name, value in vars(field_values).items() if name.isupper()]
    assert len(tables) >= 8
    for table in tables:
        for language, fragments in table.items():
            for fragment in fragments:
                re.compile(fragment)  # raises on a broken pattern, naming it
            assert fragments, language
    for table in (field_values.PAGE_UNITS, field_values.TIME_WORDS, field_values.AND_WORDS):
        assert "en" in table
