"""Lines broken too early (pipeline.writers.pdf.early_breaks): WeasyPrint broke a justified line at
a paragraph's first hyphenation point; the mend moves spaces into inline elements."""

from __future__ import annotations

import pytest

from pipeline.build.batch import load_guide
from tests.writers.pdf.pages import MANUSCRIPTS

CASTAWAY = """# Robinson Crusoe

**Author:** Daniel Defoe
**Year:** 1719

## Summary

Robinson Crusoe is shipwrecked and survives alone on an island for twenty-eight years, later rescuing Friday.

## Characters

- Robinson Crusoe: the castaway
- Friday: a man Crusoe rescues from cannibals
"""


def _summary_lines(document) -> list[str]:
    lines = []
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if type(box).__name__ == "LineBox":
                text = "".join(t.text for t in box.descendants() if type(t).__name__ == "TextBox")
                if "ship" in text or "Friday." in text:
                    lines.append(text)
                continue
            stack.extend(reversed(getattr(box, "children", ()) or ()))
    return lines


@pytest.mark.pdf
def test_a_line_before_a_link_that_does_not_fit_breaks_before_the_link(tmp_path):
    """WeasyPrint 70 broke it at the paragraph's first hyphenation point instead: "Robinson
    Crusoe is ship-" stretched over the whole justified line, "wrecked ... Friday." below."""
    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.early_breaks import early_broken_blocks
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.theme import load_theme

    source = tmp_path / "robinson-crusoe.md"
    source.write_text(CASTAWAY, encoding="utf-8")
    guide, _ = load_guide(source)
    html = book_html(guide, "a4")
    document = render_document(html, guide, load_theme(None), PrintOptions())
    lines = _summary_lines(document)
    assert lines[0].endswith("later rescuing") and lines[1] == "Friday.", lines
    assert early_broken_blocks(document) == []


def test_the_mend_moves_spaces_into_inline_elements_and_keeps_the_text():
    from xml.etree import ElementTree

    from pipeline.writers.pdf.early_breaks import _spaces_into_inline_elements

    block = ElementTree.fromstring(
        "<p><a>Robinson</a> is here, <em>so <b>is</b> he</em> and <span/> <a>Friday</a>.</p>"
    )
    before = "".join(block.itertext())
    _spaces_into_inline_elements(block)
    assert "".join(block.itertext()) == before
    assert ElementTree.tostring(block, encoding="unicode") == (
        "<p><a>Robinson</a> is here,<em> so<b> is</b> he</em> and<span> </span><a> Friday</a>.</p>"
    )


@pytest.mark.pdf
@pytest.mark.parametrize("manuscript", MANUSCRIPTS, ids=lambda p: p.stem)
def test_no_shipped_guide_prints_a_line_broken_too_early(manuscript):
    """Great Expectations printed "has been Pip's benefactor all along. Pip is horri-" stretched
    over a line, and Pride and Prejudice "pro-" alone on one, until the mend (early_breaks)."""
    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.early_breaks import early_broken_blocks
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.theme import load_theme

    guide, _ = load_guide(manuscript)
    document = render_document(book_html(guide, "a4"), guide, load_theme(None), PrintOptions())
    assert early_broken_blocks(document) == []
