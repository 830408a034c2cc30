"""Khmer, Lao, Burmese and Tibetan put no space between words: justified, a printed Khmer line
stretched its one or two spaces into gaps wider than words. Print and handout set them ragged."""

from __future__ import annotations

import pytest

from tests.helpers import REPO
from tests.writers.css_rules import rules


@pytest.mark.parametrize("sheet", ["print.css", "handout.css"])
@pytest.mark.parametrize("language", ["km", "lo", "my", "bo"])
def test_scripts_without_spaces_between_words_are_not_justified(sheet, language):
    css = (REPO / "styles" / sheet).read_text(encoding="utf-8")
    justified = [s for s, d in rules(css) if d.get("text-align") == "justify"]
    assert justified, "the sheet justifies body text"
    ragged = [
        d["text-align"]
        for selectors, d in rules(css)
        for selector in selectors
        if f":lang({language})" in selector and "text-align" in d
    ]
    assert ragged == ["start"]


def test_other_languages_stay_justified():
    """Thai writes no spaces either, but Pango breaks its lines by a dictionary (libthai)."""
    css = (REPO / "styles" / "print.css").read_text(encoding="utf-8")
    assert not [s for selectors, _ in rules(css) for s in selectors if ":lang(th)" in s or ":lang(en)" in s]
