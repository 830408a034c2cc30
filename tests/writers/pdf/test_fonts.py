"""Which scripts no installed font covers (pipeline.writers.pdf.fonts), so a build can say what to
install."""

from __future__ import annotations

import pytest

from pipeline.writers.pdf import fonts


@pytest.fixture
def installed(monkeypatch):
    """Pretend fontconfig knows only the fonts for the patterns in the set this returns."""
    known: set[str] = set()
    fonts._has_font_for.cache_clear()
    monkeypatch.setattr(fonts, "_has_font_for", lambda pattern: pattern in known)
    return known


def test_each_script_without_a_font_names_its_debian_package(installed):
    assert fonts.missing_fonts("Kathy and 红楼梦 and שלום 😀") == [
        ("Chinese", "fonts-noto-cjk"),
        ("Hebrew", "fonts-noto-core"),
        ("Emoji", "fonts-noto-color-emoji"),
    ]
    installed.add(":lang=he")
    assert ("Hebrew", "fonts-noto-core") not in fonts.missing_fonts("שלום")


def test_latin_text_needs_nothing(installed):
    assert fonts.missing_fonts("Plain Latin, Ærø, İstanbul, naïve") == []
