"""Language identification (pipeline.i18n.identify): plain English is known by its commonest words
without the model; anything else is py3langid's answer among the languages with a data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.i18n.identify import identify, reads_as
from pipeline.i18n.language_data import LANGUAGES
from tests.i18n.summaries import SUMMARIES

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["great-expectations.md", "frankenstein.txt", "moby-dick.md"])
def test_english_manuscripts_read_as_english_without_the_model(name):
    assert reads_as((ROOT / "manuscripts" / name).read_text(encoding="utf-8")[:20000], "en")


@pytest.mark.parametrize("language", sorted(SUMMARIES))
def test_no_other_language_reads_as_english(language):
    assert not reads_as(SUMMARIES[language], "en")


def test_a_few_english_words_are_not_enough():
    assert not reads_as("The Odyssey. Summary: the sea.", "en")


def test_the_model_answers_with_a_data_files_tag_and_a_probability():
    language, probability = identify(SUMMARIES["nb"])
    assert language == "nb" and 0.8 < probability <= 1.0  # the model knows it as "no"


def test_the_model_chooses_among_the_languages_with_a_file():
    # Slovak has no file: the nearest language that has one is chosen (Czech, most likely).
    slovak = "Kniha rozpráva o chlapcovi, ktorý žije so svojou babkou na dedine a každé leto chodí k moru."
    assert identify(slovak)[0] in {language.tag for language in LANGUAGES}


def test_the_common_word_share_counts_words_as_the_pattern_reads_them():
    """20 of 100 words are common: enough; one word more and it is not. The fillers are written
    as people write them: "x_y", "q.b" and "co-op" are two words each, "l'homme" one, "3rd" one
    ("rd"), "(paren)," and "naïve…" one."""
    from pipeline.i18n.identify import reads_as

    fillers = " ".join(["x_y q.b co-op"] * 10 + ["l'homme 3rd (paren), naïve…"] * 5)  # 80 words
    text = "the " * 20 + fillers
    assert reads_as(text, "en")
    assert not reads_as(text + " zebra", "en")
    assert reads_as(text.upper() + "\u00a0", "en")  # case and white space of any kind alike
