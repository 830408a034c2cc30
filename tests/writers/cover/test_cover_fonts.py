"""The cover's faces: text the book faces cannot draw is drawn in an installed font that can, or
left out when no face can draw it (an emoji)."""

from __future__ import annotations

import shutil

import pytest

from pipeline.writers.theme import font_file
from tests import needs


@pytest.mark.skipif(not shutil.which("fc-match"), reason="fontconfig (fc-match) is not installed")
@pytest.mark.parametrize(
    ("language", "text"),
    [
        pytest.param("ar", "حي بن يقظان", marks=needs.font(":lang=ar", "Arabic", "fonts-noto-core")),
        pytest.param("he", "שלום", marks=needs.font(":lang=he", "Hebrew", "fonts-noto-core")),
        pytest.param("hi", "गोदान", marks=needs.font(":lang=hi", "Devanagari", "fonts-noto-core")),
    ],
)
def test_cover_text_the_book_faces_lack_uses_an_installedcover_font(language, text):
    from pipeline.writers.cover.fonts import cover_font

    book_face = font_file("serif", True)
    assert cover_font(language, "serif", True, 40, text).path != str(book_face)
    assert cover_font(language, "serif", True, 40, "Plain Latin").path == str(book_face)


def test_the_cover_leaves_out_what_no_face_can_draw():
    from pipeline.writers.cover.fonts import cover_font, drawable

    font = cover_font("en", "serif", True, 40, "The Very Hungry Caterpillar 🐛")
    assert drawable("The Very Hungry Caterpillar 🐛", font) == "The Very Hungry Caterpillar"
    assert drawable("Café", font) == "Café"


@needs.chinese_font
def test_a_chinese_cover_is_drawn_in_a_face_that_has_its_characters():
    from pipeline.writers.cover.fonts import _characters, _fontconfig_lang, cover_font

    # fontconfig knows "zh-cn", not "zh-Hans": asked for the latter it answered with a Latin face.
    assert (_fontconfig_lang("zh-Hans"), _fontconfig_lang("zh-Hant-TW"), _fontconfig_lang("pt-BR")) == (
        "zh-cn",
        "zh-tw",
        "pt",
    )
    font = cover_font("zh-Hans", "serif", True, 40, "西游记")
    assert set("西游记") <= _characters(font.path)
