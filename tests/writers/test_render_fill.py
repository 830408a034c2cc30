"""fill(): a page from its shell rendered once gives the bytes render() gives for the same values."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from pipeline.writers.render import fill, render

SECTION_FIXED = {
    "kind": "summary",
    "level": 1,
    "epub_type": "chapter",
    "role": "doc-chapter",
    "notes_label": "Notes & <sources>",
}

SECTION_SLOTS = [
    # Escaped text in a slot printed three times; markup left as it is.
    {"anchor": 'a"b&c', "heading": Markup("<em>Plot</em>"), "content": Markup("<p>x</p>"), "notes": ""},
    # A slot tested with {% if %}: present, then empty (the footnotes section is left out).
    {
        "anchor": "s1",
        "heading": Markup("One"),
        "content": Markup("<p>1</p>"),
        "notes": Markup("<aside>n</aside>"),
    },
    {"anchor": "s2", "heading": Markup(""), "content": Markup(""), "notes": ""},
]


@pytest.mark.parametrize("slots", SECTION_SLOTS)
def test_a_section_filled_equals_the_section_rendered(slots):
    assert fill("epub_section.xhtml.jinja", SECTION_FIXED, **slots) == render(
        "epub_section.xhtml.jinja", **SECTION_FIXED, **slots
    )


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
@pytest.mark.parametrize("title", ["Dracula", 'Tom & Jerry\'s <"day">', "\x00title\x00", ""])
def test_a_page_filled_equals_the_page_rendered(direction, title):
    fixed = {"lang": "en", "direction": direction, "css_href": "css/guide.css", "body_class": "nav"}
    body = Markup("<p>a marker-like \x00body\x00 text stays text</p>")
    assert fill("epub_page.xhtml.jinja", fixed, title=title, body=body) == render(
        "epub_page.xhtml.jinja", **fixed, title=title, body=body
    )


def test_a_fixed_value_holding_a_marker_is_rendered_whole():
    fixed = {"lang": "en\x00title\x00", "direction": "ltr", "css_href": "c.css", "body_class": ""}
    body = Markup("<p>b</p>")
    assert fill("epub_page.xhtml.jinja", fixed, title="T", body=body) == render(
        "epub_page.xhtml.jinja", **fixed, title="T", body=body
    )
