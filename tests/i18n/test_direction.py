"""Text direction (pipeline.i18n.direction): right to left for the languages and scripts written so."""

from __future__ import annotations

import pytest

from pipeline.i18n.direction import text_direction


@pytest.mark.parametrize(
    ("tag", "direction"),
    [
        ("ar", "rtl"),
        ("he-IL", "rtl"),
        ("fa", "rtl"),
        ("ur-PK", "rtl"),
        ("az-Arab", "rtl"),
        ("ku-Latn", "ltr"),
        ("en", "ltr"),
        ("fr-CA", "ltr"),
        ("zh-Hans", "ltr"),
        ("ja", "ltr"),
    ],
)
def test_direction_follows_language_and_script(tag, direction):
    assert text_direction(tag) == direction
