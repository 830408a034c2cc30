"""Deeply nested lists and quotes in print (styles/base.css, styles/print.css): indentation stops at
the fourth level, so the text column never narrows to nothing, and a chain of deep lists still has
breaks to take, so a deep list takes about the pages of the same items in one flat list."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pypdf import PdfReader

from pipeline.build.batch import load_guide
from tests.helpers import REPO

HEAD = """---
title: Deep
author: Someone
language: en
---

Summary
-------

A paragraph with a note[^1] and another[^2].

[^1]: First note.
[^2]: Second note.

"""
WORDS = " ".join(
    (
        "Antidisestablishmentarianism",
        "Floccinaucinihilipilification",
        "Pneumonoultramicroscopicsilicovolcanoconiosis",
    )
)


def _manuscript(levels: int, indent: str) -> str:
    items = "".join(f"{indent * level}- {WORDS} {level}\n" for level in range(levels))
    return HEAD + items + "\nCharacters\n----------\n\n- Someone — the author\n"


def _pdf_pages(folder, text: str) -> int:
    folder.mkdir()
    (folder / "deep.md").write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "pipeline", "build", str(folder), "--format", "pdf"]
    command += ["--out", str(folder / "out"), "--no-cache", "--jobs", "1", "--quiet"]
    try:
        subprocess.run(command, cwd=REPO, capture_output=True, check=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{folder.name}: no PDF after 120 s (a deep list was laid out a letter a line)")
    return len(PdfReader(folder / "out" / "pdf" / "deep.pdf").pages)


@pytest.mark.slow
@pytest.mark.pdf
def test_a_deep_list_of_long_words_after_footnotes_takes_the_pages_of_a_flat_one(tmp_path):
    """90 levels (the reader keeps 45 lists and flattens the rest into the deepest item), each item
    three words of 28 to 45 letters, after two footnotes. Before the fix each level took 40px off
    the column until, fifteen levels down, every letter took a line: 45 levels made 98 pages in
    17 s and 90 ran over 15 minutes, so the subprocess's timeout stops the test in two minutes
    rather than let it hang. With the indentation capped but every break between an item and its
    sub-list avoided (the user-agent sheet's `ul { break-before: avoid }`, and print.css's item
    pairs, each item of the chain being the first and last of its list), WeasyPrint set one item
    a page: 32 pages for 45 levels where a flat list of the same items takes 7. The bound is in
    pages, what the layout makes, against the same items in one flat list."""
    deep = _pdf_pages(tmp_path / "deep", _manuscript(90, "  "))
    flat = _pdf_pages(tmp_path / "flat", _manuscript(90, ""))
    assert deep <= flat + 1, (deep, flat)


QUOTES_AND_LISTS = HEAD + "".join(
    # Quotes and lists alternate, twelve levels in all: "> - > - ..." as CommonMark nests them.
    "".join("> " if k % 2 == 0 else "- " for k in range(level + 1)) + f"Level{level}\n\n"
    for level in range(12)
)


def _line_boxes(document, prefix: str) -> dict[str, tuple[float, float]]:
    """Each line whose text starts with `prefix`: its left edge and the width of its block (a line
    box is only as wide as its text)."""
    found = {}
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            for child in getattr(box, "children", ()) or ():
                if type(child).__name__ != "LineBox":
                    stack.append(child)
                    continue
                text = "".join(t.text for t in child.descendants() if type(t).__name__ == "TextBox")
                if text.startswith(prefix):
                    found[text.strip()] = (child.position_x, box.width)
    return found


@pytest.mark.pdf
def test_lists_and_quotes_indent_four_levels_then_line_up_on_a5(tmp_path):
    """On A5 (the narrowest paper), twelve levels of quotes and lists at 40px or 3em each would take
    the whole column; from the fifth level on each lines up with the fourth, and the column keeps
    more than half the page's text width."""
    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.theme import load_theme

    source = tmp_path / "deep.md"
    source.write_text(QUOTES_AND_LISTS, encoding="utf-8")
    guide, _ = load_guide(source)
    document = render_document(book_html(guide, "a5"), guide, load_theme(None), PrintOptions(paper="a5"))
    lines = _line_boxes(document, "Level")
    assert len(lines) == 12, sorted(lines)
    column = document.pages[0]._page_box.children[0].width  # the page's text width (the html box)
    lefts = [lines[f"Level{level}"][0] for level in range(12)]
    assert lefts[:4] == sorted(set(lefts[:4])), lefts  # the first four levels step in
    assert set(lefts[4:]) == {lefts[3]}, lefts  # deeper ones line up with the fourth
    assert min(width for _, width in lines.values()) > column / 2, (lines, column)


@pytest.mark.pdf
def test_a_right_to_left_handout_stops_indenting_at_the_fourth_level_too(tmp_path):
    """The handout mirrors its list padding for right-to-left guides; that rule must not outweigh
    base.css's stop, or a deep themes list narrows the column again, 1.2em a level."""
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.pdf.handout import handout_html
    from pipeline.writers.theme import load_theme

    themes = "".join("  " * level + f"- Item{level}\n" for level in range(12))
    text = HEAD.replace("language: en", "language: he") + "Themes\n------\n\n" + themes
    source = tmp_path / "deep.md"
    source.write_text(text, encoding="utf-8")
    guide, _ = load_guide(source)
    html = handout_html(guide, 9.5, None)
    document = render_document(html, guide, load_theme(None), PrintOptions(), layer="handout")
    widths = [_line_boxes(document, "Item")[f"Item{level}"][1] for level in range(12)]
    assert widths[:4] == sorted(set(widths[:4]), reverse=True), widths  # four levels step in
    assert set(widths[4:]) == {widths[3]}, widths
