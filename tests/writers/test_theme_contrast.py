"""Every shipped theme's colours meet WCAG AA contrast on white, so they hold in grey-scale print too
(WCAG contrast is a ratio of luminances: exactly what survives when colour is dropped)."""

from __future__ import annotations

import pytest

from pipeline.writers.theme import available_themes, load_theme


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", available_themes())
def test_text_colours_meet_wcag_aa_on_white_and_on_the_tinted_cards(name):
    theme = load_theme(name)
    for variable in ("ink", "muted", "accent"):
        colour = theme.variable(variable, "")
        assert contrast(colour, "#ffffff") >= 4.5, (name, variable, colour)
        assert contrast(colour, theme.variable("accent-soft", "#ffffff")) >= 4.5, (name, variable, "on cards")


@pytest.mark.parametrize("name", available_themes())
def test_cover_text_is_readable(name):
    theme = load_theme(name)
    background = theme.variable("cover-background", "")
    assert contrast(theme.variable("cover-ink", ""), background) >= 7
    assert contrast(theme.variable("cover-accent", ""), background) >= 4.5


def test_the_contrast_formula_is_right():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
