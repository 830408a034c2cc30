"""Writing systems as characters (pipeline.i18n.scripts): colons, direction marks, CJK ranges and
the scripts one language writes almost alone."""

from __future__ import annotations

import re

import pytest

from pipeline.i18n.scripts import CJK, COLONS, DIRECTION_MARKS, HANGUL, KANA, SCRIPT_LANGUAGES


def test_colons_as_typed_and_direction_marks():
    assert ":" in COLONS and "：" in COLONS  # ASCII and full-width
    assert "\u200f" in DIRECTION_MARKS and "\u2067" in DIRECTION_MARKS  # RLM and RLI
    assert "\u200c" not in DIRECTION_MARKS  # the non-joiner shapes Persian words: not a mark to drop


@pytest.mark.parametrize(
    ("pattern", "inside", "outside"),
    [(CJK, "红", "か"), (KANA, "か", "红"), (HANGUL, "한", "红")],
)
def test_cjk_kana_and_hangul_ranges_are_apart(pattern, inside, outside):
    assert re.fullmatch(pattern, inside) and not re.fullmatch(pattern, outside)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Καπετάν", "el"),
        ("गोदान", "hi"),
        ("สี่แผ่นดิน", "th"),
        ("שלום", "he"),
        ("ፍቅር", "am"),
        ("ទុំទាវ", "km"),
        ("මඩොල් දූව", "si"),
        ("ചെമ്മീൻ", "ml"),
        ("ຈຳປາສີ", "lo"),
    ],
)
def test_each_script_names_the_one_language_that_writes_it(text, language):
    writers = [tag for tag, script in SCRIPT_LANGUAGES if re.search(script, text)]
    assert writers == [language]


def test_latin_cyrillic_and_arabic_name_no_language():
    for text in ("Kathy", "Анна Каренина", "مرحبا"):
        assert not [tag for tag, script in SCRIPT_LANGUAGES if re.search(script, text)], text
