"""The words of a byline per language (pipeline.i18n.bylines): "by" and "par" whole words in
left-to-right text, "מאת" and "نوشتهٔ" on a line of their own, "از" only after the title; the
particles a name may hold and the copulas that end a Persian or Urdu sentence."""

from __future__ import annotations

import re

from pipeline.i18n import bylines
from pipeline.i18n.folding import fold_letters


def test_left_to_right_byline_words_match_whole_words_in_any_case():
    by = re.compile(rf"\b(?:{bylines.BY})\b", re.I)
    assert by.search("Dracula by Bram Stoker")
    assert by.search("Le Père Goriot, PAR Honoré de Balzac")
    assert not by.search("Standby, bypass and Parisian nearby")  # inside other words


def test_right_to_left_byline_words_are_apart_from_left_to_right_ones():
    assert "by" in bylines.BY_WORDS["en"] and "he" not in bylines.BY_WORDS
    assert "מאת" in bylines.RTL_BY_WORDS["he"] and "en" not in bylines.RTL_BY_WORDS
    alone = re.compile(rf"(?:{bylines.RTL_BY_ALONE})")
    assert alone.fullmatch("מאת") and alone.fullmatch("نوشتهٔ") and alone.fullmatch("به قلم")


def test_a_word_common_in_prose_is_a_byline_only_after_the_title():
    # "از" ("from") begins many a Persian sentence: alone on a line it is no byline.
    assert not re.fullmatch(rf"(?:{bylines.RTL_BY_ALONE})", "از")
    assert re.fullmatch(rf"(?:{bylines.RTL_BY_AFTER_TITLE})", "از")
    assert "از" in bylines.RTL_BY_WORDS_AFTER_TITLE["ur"]


def test_name_particles_and_folded_copulas():
    assert {"de", "van", "von", "du"} <= bylines.NAME_PARTICLES
    assert "by" not in bylines.NAME_PARTICLES
    # Copulas are folded as the bylines' last words are: Urdu's "ہے" becomes "هے".
    assert fold_letters("ہے") in bylines.COPULAS and fold_letters("است") in bylines.COPULAS
    assert "ہے" not in bylines.COPULAS
