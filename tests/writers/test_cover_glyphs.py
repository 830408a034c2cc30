"""A cover never draws a missing glyph: a title no installed face has the letters for is left off
the image, with a warning naming the package to install."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from pipeline.model.diagnostics import Report
from pipeline.model.guide import Metadata
from pipeline.writers.cover import cover
from pipeline.writers.theme import load_theme

KOREAN = "구운몽"


def meta(title: str) -> Metadata:
    return Metadata(title=title, authors=("Kim Man-jung",), language="ko", year_text="1687")


@pytest.fixture
def no_hangul_face(monkeypatch):
    """Every installed face lacks Hangul: the book face, the language's and any other."""
    ascii_only = frozenset(chr(code) for code in range(32, 127))
    monkeypatch.setattr(cover, "_characters", lambda path: ascii_only)
    monkeypatch.setattr(cover, "_covering_font", lambda language, characters: None)
    monkeypatch.setattr(cover, "missing_fonts", lambda text: [("Korean", "fonts-noto-cjk")])


def title_band(jpeg: bytes) -> Image.Image:
    """The rows the title's first line is drawn on (its centre at 720 on the 1200 grid)."""
    image = Image.open(io.BytesIO(jpeg)).convert("L")
    centre = round(720 * cover.S)
    return image.crop((round(150 * cover.S), centre - 40, round(1050 * cover.S), centre + 40))


def test_a_title_no_face_covers_is_left_off_with_a_warning(no_hangul_face):
    report = Report("guide.md")
    jpeg = cover.cover_image(meta(KOREAN), load_theme(), "A Study Guide", report)
    [warning] = [d for d in report.items if d.code == "W-COVER-FONT"]
    assert KOREAN in warning.message and "fonts-noto-cjk" in warning.message
    # Nothing drawn where the title goes: the band is the flat background (no boxes).
    low, high = title_band(jpeg).getextrema()
    assert high - low < 12, (low, high)


def test_the_undrawn_title_leaves_no_text_mark(no_hangul_face):
    undrawn: list[str] = []
    marks = cover._layout(meta(KOREAN), "A Study Guide", "#ffffff", "#d9a441", undrawn)
    assert undrawn == [KOREAN]
    drawn = [mark.text for mark in marks if mark.font is not None]
    assert KOREAN not in "".join(drawn)
    assert "Kim Man-jung" in drawn and "1687" in drawn  # what can be drawn still is


def test_a_title_a_face_covers_is_drawn_without_warning():
    report = Report("guide.md")
    jpeg = cover.cover_image(meta("The Cloud Dream"), load_theme(), "A Study Guide", report)
    assert not [d for d in report.items if d.code == "W-COVER-FONT"]
    low, high = title_band(jpeg).getextrema()
    assert high - low > 100  # the title's ink on the background


def test_a_face_is_found_for_letters_the_book_face_lacks(monkeypatch):
    """The language's fallback lacks them, but another installed face has them all: it is used."""
    monkeypatch.setattr(cover, "_fallback_font", lambda language, character: None)
    monkeypatch.setattr(cover, "_covering_font", lambda language, characters: "/fonts/hangul.ttf")
    loaded = []
    monkeypatch.setattr(cover, "_load_font", lambda path, size: loaded.append(path) or object())
    assert cover._font("ko", "serif", True, 100, KOREAN) is not None
    assert loaded == ["/fonts/hangul.ttf"]
