"""The EPUB style sheet holds in every reader: title-page alignment, headings that wrap and never end
a page, and lines that show on a white page and in night mode alike (parsed from the built CSS)."""

from __future__ import annotations

import re

import pytest

from pipeline.writers.theme import available_themes, load_theme
from tests.writers.css_rules import contrast, declared, rules


@pytest.fixture(scope="module")
def css() -> str:
    return load_theme().epub_css()


TITLE_PAGE = [".titlepage h1", ".titlepage .kind", ".titlepage .author", ".titlepage .year"]


@pytest.mark.parametrize("selector", TITLE_PAGE)
def test_every_title_page_element_centres_itself(css, selector):
    # Foliate's own `p` rule overrode the centring these inherited from the section.
    props = declared(css, selector)
    assert props.get("text-align") == "center", selector
    assert props.get("text-indent") == "0", selector


@pytest.mark.parametrize("selector", ["h1", "h2", "h3", "h4"])
def test_headings_wrap_and_hyphenate_inside_their_box(css, selector):
    props = declared(css, selector)
    assert props.get("overflow-wrap") == "break-word"
    for prefix in ("", "-epub-", "-webkit-"):
        assert props.get(f"{prefix}hyphens") == "auto", prefix


def test_the_title_page_title_fits_a_long_word_on_a_phone_at_double_type(css):
    # 390 px wide at 2x type: 32 px to the em. "Frankenstein" at about 0.55 em a letter must fit
    # the text column (the body's side margins taken off) at the title's size.
    size = declared(css, ".titlepage h1")["font-size"]
    assert size.endswith("em")
    margin = float(declared(css, "body")["margin"].split()[1].removesuffix("em"))
    column = 390 - 2 * margin * 32
    assert len("Frankenstein") * 0.55 * float(size[:-2]) * 32 <= column


@pytest.mark.parametrize("selector", ["h1", "h2", "h3", "h4", "dl.entries dt"])
def test_headings_and_entry_names_never_end_a_page(css, selector):
    props = declared(css, selector)
    assert props.get("break-after") == "avoid"
    assert props.get("page-break-after") == "avoid"


def test_short_entries_still_keep_together(css):
    assert declared(css, "dl.entries .entry").get("break-inside") == "avoid"


_BORDER = re.compile(r"border(?:-(?:top|bottom|left|right))?(?:-color)?$")


@pytest.mark.parametrize("name", available_themes())
@pytest.mark.parametrize("page", ["#ffffff", "#121212", "#000000"])
def test_rules_bars_and_borders_show_on_white_and_night_pages(name, page):
    """Night mode keeps the colours a book sets for lines: a dark accent (#1f5673) vanished on a
    black page. Every border colour in the EPUB reaches 3:1 (WCAG 1.4.11) on white and dark pages."""
    colours = []
    for selectors, declarations in rules(load_theme(name).epub_css()):
        for prop, value in declarations.items():
            if _BORDER.match(prop):
                colours += [(selectors[0], prop, c) for c in re.findall(r"#[0-9a-fA-F]{6}\b", value)]
    assert len(colours) >= 5  # the entry bars, the ornament, the rules: found, not skipped
    for selector, prop, colour in colours:
        assert contrast(colour, page) >= 3, (name, selector, prop, colour, page)


def test_the_contrast_formula_is_right():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#1f5673", "#121212") < 3  # the old accent, which failed on a night page
