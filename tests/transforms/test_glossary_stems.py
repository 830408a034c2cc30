"""Glossary terms are one term across their word forms (Snowball stems, in every language that
has a stemmer): the manuscript's definition wins, and a found term is kept in its dictionary form."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.build.batch import load_guide
from pipeline.model.text import plain_text
from pipeline.transforms.glossary import term_key

GUIDE = """---
title: Pride and Prejudice
author: Jane Austen
language: {language}
---

Summary
-------
{summary}

Glossary
--------
{glossary}
"""


def glossary(tmp_path: Path, summary: str, glossary: str = "", language: str = "en") -> list[tuple[str, str]]:
    """(term, its definition or the sentence of its first use) of each glossary entry."""
    source = tmp_path / "guide.md"
    text = GUIDE.format(language=language, summary=summary, glossary=glossary or "- Militia — soldiers")
    source.write_text(text, encoding="utf-8")
    guide, _ = load_guide(source)
    entries = guide.section("glossary").entries
    return [(entry.term, plain_text(entry.body) or entry.context or "") for entry in entries]


@pytest.mark.parametrize(
    ("forms", "language"),
    [
        (("Entail", "entailed", "entails"), "en"),
        (("rêverie", "rêveries"), "fr"),
        (("Erbschaft", "Erbschaften"), "de"),
        (("наследство", "наследства"), "ru"),
        (("dziedzictwo", "dziedzictwa"), "pl"),
    ],
)
def test_word_forms_share_a_key_in_every_language_with_a_stemmer(forms, language):
    assert len({term_key(form, language) for form in forms}) == 1, forms


def test_the_manuscripts_definition_wins_over_a_found_form_of_the_same_stem(tmp_path):
    summary = 'Longbourn is "entailed" on Mr Collins, so the daughters cannot inherit it.'
    entries = glossary(tmp_path, summary, "- Entail — a legal limit on who may inherit an estate")
    assert [term for term, _ in entries] == ["Entail"]
    assert entries[0][1].startswith("a legal limit")


def test_a_found_term_in_several_forms_is_entered_once_in_its_dictionary_form(tmp_path):
    summary = (
        'The estate is "entailed" away from the daughters. Mrs Bennet rails at the "entail". '
        'Her sister\'s estate is "entailed" too.'
    )
    entries = glossary(tmp_path, summary)
    found = [term for term, _ in entries if term != "Militia"]
    assert found == ["entail"]
    # Its first use is still the sentence it was first found in.
    assert "estate is" in dict(entries)["entail"]


def test_a_language_without_a_stemmer_keeps_the_plural_rule():
    assert term_key("deferrals", "ja") == term_key("deferral", "ja") == "deferral"
    assert term_key("deferrals") == "deferral"
