"""What XML cannot carry, removed from text made after cleaning (pipeline.readers.unsafe_chars)."""

from __future__ import annotations

import pytest

from pipeline.readers.unsafe_chars import strip_unsafe


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Form\x0cfeed and null\x00byte", "Formfeed and nullbyte"),
        ("\x1b[1mbold\x1b[0m text", "bold text"),
        ("\x1b]0;window title\x07Chapter one", "Chapter one"),  # a terminal title goes whole
        ("Trojan \u202eevil\u202c text", "Trojan evil text"),
        ("a\ufeffb and a lone surrogate \ud800", "ab and a lone surrogate "),
    ],
)
def test_control_characters_escapes_and_bidi_overrides_go(text, clean):
    assert strip_unsafe(text) == clean


def test_marks_that_shape_text_stay():
    persian = "می\u200cخواهم"  # a non-joiner inside a word
    family = "\U0001f468\u200d\U0001f469"  # a joiner inside an emoji
    text = f"{persian} {family} \u200fאבג\u200e tab\tand\nnewline"
    assert strip_unsafe(text) == text
