"""Callouts, pull quotes with a speaker and highlights as the writers set them: a note with its
title, a figure with its caption, a mark; escaped, and valid in a real EPUB."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from pipeline.build.batch import BuildOptions, build_all
from pipeline.checks.outputs import check_ace, check_epub
from pipeline.model import guide as m
from pipeline.model.location import SourceLocation
from pipeline.writers.theme import load_theme
from pipeline.writers.xhtml import XhtmlWriter
from tests import needs
from tests.helpers import epub_documents
from tests.writers.css_rules import declared

HERE = SourceLocation("guide.md", 1)
NOTE = Path(__file__).parent / "notes" / "wuthering-heights-obsidian.md"


def render(block: m.Block, target: str = "epub") -> etree._Element:
    writer = XhtmlWriter(target, "en", {}, image_href=lambda src: f"images/{src}")
    return etree.fromstring(writer.block(block))


def para(text: str) -> m.Paragraph:
    return m.Paragraph((m.Text(text),), HERE)


@pytest.mark.parametrize("target", ["epub", "pdf"])
def test_an_aside_is_a_note_with_its_title(target):
    element = render(m.Aside("warning", (m.Text("Spoilers"),), (para("It ends badly."),), HERE), target)
    assert element.tag == "div" and element.get("role") == "note"
    assert element.get("class") == "callout callout-warning"
    assert element.xpath("string(p[@class='callout-title'])") == "Spoilers"
    assert element.xpath("string(p[2])") == "It ends badly."


def test_a_tip_has_the_tip_role_and_an_untitled_aside_no_title():
    element = render(m.Aside("tip", (), (para("Read slowly."),), HERE))
    assert element.get("role") == "doc-tip"
    assert not element.xpath("p[@class='callout-title']")


def test_an_empty_callout_writes_nothing():
    writer = XhtmlWriter("epub", "en", {}, image_href=str)
    assert writer.block(m.Aside("note", (), (), HERE)) == ""


def test_titles_and_kinds_are_escaped():
    hostile = m.Aside('x" onclick="alert(1)', (m.Text("<script>alert(1)</script>"),), (), HERE)
    element = render(hostile)
    assert element.get("onclick") is None
    assert not element.xpath("//script")
    assert element.xpath("string(p)") == "<script>alert(1)</script>"


def test_a_quote_with_a_speaker_is_a_pull_quote():
    quote = m.BlockQuote((para("Be with me always."),), HERE, speaker=(m.Text("Heathcliff"),))
    element = render(quote)
    assert element.get("class") == "quote"
    assert element.xpath("string(figure[@class='pullquote']/blockquote/p)") == "Be with me always."
    assert element.xpath("string(figure/figcaption)") == "— Heathcliff"
    plain = render(m.BlockQuote((para("Words."),), HERE))
    assert plain.tag == "blockquote"


def test_a_mark_is_a_mark():
    element = render(
        m.Paragraph((m.Text("a "), m.Styled("mark", (m.Strong((m.Text("bold"),)),)), m.Text(" word")), HERE)
    )
    assert etree.tostring(element, encoding="unicode") == "<p>a <mark><strong>bold</strong></mark> word</p>"


def test_the_theme_styles_callouts_on_both_sides():
    epub_css = load_theme().epub_css()
    assert "border-left" in declared(epub_css, ".callout")
    assert "border-right" in declared(epub_css, '[dir="rtl"] .callout')
    assert "var(" not in epub_css


@pytest.fixture(scope="module")
def note_epub(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("note")
    source = folder / NOTE.name
    shutil.copyfile(NOTE, source)
    [outcome] = list(build_all([source], BuildOptions(formats=("epub",), out_dir=folder / "out")))
    assert not outcome.failed
    return folder / "out" / "epub" / f"{NOTE.stem}.epub"


def test_the_note_reads_as_the_note_app_shows_it(note_epub):
    text = "".join(
        "".join(doc.itertext()) for name, doc in epub_documents(note_epub).items() if name.endswith(".xhtml")
    )
    for shown in ("Yorkshire", "his landlord", "Nelly, the housekeeper", "love and revenge", "Reading tip"):
        assert shown in text, shown
    for hidden in ("[[", "]]", "%%", "^intro", "#book", "[!", "==", "hidden draft"):
        assert hidden not in text, hidden


@pytest.mark.epubcheck
def test_the_note_passes_epubcheck(note_epub):
    if shutil.which("java") is None:
        pytest.skip("java is not on PATH, so EPUBCheck cannot run")
    verdict = check_epub(note_epub)
    assert verdict.ok, verdict.detail


@needs.ace
@pytest.mark.epubcheck
@pytest.mark.browser
def test_the_note_passes_daisy_ace(note_epub):
    verdict = check_ace(note_epub)
    assert verdict is not None and verdict.ok, verdict.detail if verdict else "Ace did not run"
