"""An image among words is an icon at text height; a picture on its own is a figure."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.model import guide as m
from pipeline.model.location import SourceLocation
from pipeline.writers.theme import load_theme
from pipeline.writers.xhtml import XhtmlWriter
from tests.writers.css_rules import declared

HERE = SourceLocation("guide.md", 1)
MAP = m.Image("map.png", "A map of the river")


def render(block: m.Block) -> etree._Element:
    writer = XhtmlWriter("epub", "en", {}, image_href=lambda src: f"images/{src}")
    return etree.fromstring(writer.block(block))


def test_a_paragraph_of_one_image_is_a_figure():
    p = render(m.Paragraph((m.Text(" "), MAP, m.Text("\n")), HERE))
    assert p.get("class") == "figure"


@pytest.mark.parametrize(
    "block",
    [
        m.Paragraph((m.Text("The river "), MAP, m.Text(" runs east.")), HERE),
        m.Paragraph((MAP, MAP), HERE),
        m.ListBlock(((m.Paragraph((MAP,), HERE),),), False, 1, HERE),
    ],
    ids=["in running text", "two images", "in a list item"],
)
def test_an_image_among_words_or_in_a_list_is_not_a_figure(block):
    element = render(block)
    assert element.get("class") is None
    assert not element.xpath("//*[@class='figure']")


def test_the_style_sets_icons_at_text_height_and_figures_as_blocks():
    css = load_theme().epub_css()
    icon = declared(css, "img")
    assert icon["height"].endswith("em") and float(icon["height"][:-2]) <= 1.5
    assert icon["width"] == "auto" and icon["vertical-align"] == "middle"
    figure = declared(css, "p.figure img")
    assert figure["display"] == "block" and figure["height"] == "auto" and figure["max-width"] == "100%"
    # The cover picture is no icon either: an SVG that fills its page (writers/epub/pages.py).
    assert declared(css, "section.cover svg")["height"] == "100%"
