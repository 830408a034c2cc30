"""Where a name or term can begin (pipeline.transforms.word_starts): the substring search over the
folded text finds exactly the places that reading every word finds."""

from __future__ import annotations

import random

import pytest

from pipeline.transforms.mentions import WORD
from pipeline.transforms.word_starts import core, occurrences, searched_forms, word_starts, word_starts_of_all


def _every_word(text: str, first_words: dict[str, int]) -> list[tuple[int, str]]:
    """The places by reading every word: what the search must give."""
    return sorted(
        (position, raw)
        for raw in set(WORD.findall(text))
        if core(raw)[1] in first_words or core(raw)[2] in first_words
        for position in occurrences(text, raw)
    )


FIRST_WORDS = {"Mina": 2, "Van": 2, "R": 1, "count": 1, "un-dead": 1, "Renfield": 1, "Émile": 1}


TEXTS = [
    "Mina writes to Lucy; Mina's letters, ‘Mina’ and 'Mina' too. Wilhelmina is not her.",
    "Van Helsing and van Helsing; caravan, Vanessa and Savant are not him.",
    "R. M. Renfield eats flies. The Count counts; COUNT and count, but not counter or account.",
    "The un-dead walk; undead and un-deadly do not. Émile and ÉMILE, but not Émiles.",
    "Mina’s, Mina’ and ’Mina: quotes around a name, and a name at the very end: Mina",
    "",
    "No one at all is named here.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_search_finds_the_places_reading_every_word_finds(text):
    forms = searched_forms(FIRST_WORDS)
    assert forms is not None and "renfield" not in forms  # every place of "renfield" is one of "r"
    assert word_starts(text, FIRST_WORDS, forms) == _every_word(text, FIRST_WORDS)


def test_a_letter_that_folds_to_two_or_an_empty_first_word_reads_every_word():
    text = "Straße: Mina and Van meet in the Straße, where Mina waits."
    assert len(text.casefold()) != len(text)
    assert word_starts(text, FIRST_WORDS, searched_forms(FIRST_WORDS)) == _every_word(text, FIRST_WORDS)
    assert searched_forms({"": 1, "Mina": 1}) is None
    assert [raw for _, raw in word_starts(text, {"Mina": 1}, None)] == ["Mina", "Mina"]


def test_a_core_is_the_word_without_quotes_or_possessive():
    assert core("’Mina’s") == (1, "Mina", "mina")  # as WORD reads ‘Mina’s (‘ opens no word)
    assert core("''") == (0, "''", "''")  # nothing but quotes: kept
    assert core("Bennets'") == (0, "Bennets", "bennets")


def test_the_texts_searched_joined_give_each_text_its_own_places():
    forms = searched_forms(FIRST_WORDS)
    texts = [*TEXTS, "Mina", "Mina", "'Mina", "R", "Van"]  # a name filling a text, either side of a join
    assert word_starts_of_all(texts, FIRST_WORDS, forms) == [
        word_starts(t, FIRST_WORDS, forms) for t in texts
    ]
    folds_to_two = [*texts, "Straße: Mina"]  # one letter folds to two: each text searched alone
    assert word_starts_of_all(folds_to_two, FIRST_WORDS, forms) == [
        _every_word(t, FIRST_WORDS) for t in folds_to_two
    ]
    assert word_starts_of_all([], FIRST_WORDS, forms) == []


def test_the_forms_are_those_no_other_form_begins():
    rng = random.Random(7)
    for _ in range(2000):
        words = {
            "".join(rng.choice("abR") for _ in range(rng.randint(1, 4))): 1 for _ in range(rng.randint(1, 8))
        }
        folded = {word.casefold() for word in words}
        every_pair = tuple(f for f in sorted(folded) if not any(f.startswith(o) for o in folded if o != f))
        assert searched_forms(words) == every_pair
