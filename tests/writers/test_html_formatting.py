"""Formatting read from HTML (underline, highlight, superscript, subscript, small print,
abbreviations) written by every writer as the element it is, never as text, and valid EPUB."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.model import guide as m
from pipeline.writers.xhtml import XhtmlWriter
from tests.helpers import epubcheck_problems
from tests.hostile import build_one, check_epub, epub_of, errors, local, manuscript

_BODY = (
    "H<sub>2</sub>O, x<sup>2</sup>, <u>under</u>, <mark>bright</mark>, <small>fine print</small>, "
    '<abbr title="Wuthering &quot;Heights&quot; &amp; co">WH</abbr> and <b>bold</b>.'
)
_EXPECTED = {"sub": "2", "sup": "2", "u": "under", "mark": "bright", "small": "fine print", "abbr": "WH"}


@pytest.mark.parametrize("target", ["epub", "pdf"])
def test_each_styled_kind_is_its_element_with_its_title_escaped(target):
    writer = XhtmlWriter(target, "en", {}, image_href=lambda src: src)
    html = writer.inlines(
        (
            m.Styled("mark", (m.Text("a <b>"),)),
            m.Styled("abbr", (m.Text("UN"),), 'United "Nations" <&>'),
        )
    )
    assert html == '<mark>a &lt;b&gt;</mark><abbr title="United &quot;Nations&quot; &lt;&amp;&gt;">UN</abbr>'


def _elements(tree: etree._Element) -> dict[str, str]:
    return {local(el.tag): "".join(el.itertext()) for el in tree.iter() if isinstance(el.tag, str)}


@pytest.mark.epubcheck
def test_an_epub_and_a_preview_carry_the_formatting_as_elements_and_pass_epubcheck(tmp_path):
    from epubcheck import EpubCheck

    path = manuscript(tmp_path / "book", "styled.md", _BODY)
    outcome = build_one(path, tmp_path / "out", ("epub", "html"))
    assert not outcome.failed, errors(outcome)
    documents = check_epub(epub_of(outcome))
    summary = next(tree for name, tree in documents.items() if name.endswith("summary.xhtml"))
    found = _elements(summary)
    for tag, text in _EXPECTED.items():
        assert found.get(tag) == text, tag
    [abbr] = [el for el in summary.iter("{http://www.w3.org/1999/xhtml}abbr")]
    assert abbr.get("title") == 'Wuthering "Heights" & co'
    assert "<" not in "".join(summary.itertext())
    assert epubcheck_problems(EpubCheck(str(epub_of(outcome)))) == []

    preview = next(p for p in outcome.outputs if p.suffix == ".html").read_text(encoding="utf-8")
    for tag, text in _EXPECTED.items():
        assert f">{text}</{tag}>" in preview, tag
