"""Footnotes in print: each note at the foot of the page that calls it, whatever the paper."""

from __future__ import annotations

import re

import pytest

from pipeline.build.batch import load_guide
from tests import needs
from tests.helpers import REPO
from tests.writers.pdf.pages import page_texts, squash

needs_poppler = needs.poppler
pytestmark = pytest.mark.pdf  # every test here lays out a PDF


@needs_poppler
def test_footnotes_sit_at_the_foot_of_the_page_that_calls_them(printed):
    guide, _ = load_guide(REPO / "manuscripts" / "dracula.md")
    texts = page_texts(printed / "pdf" / "dracula.pdf")
    for note in guide.notes:
        start = squash(plain_text_of(note))[:40]
        [page] = [t for t in texts if start in squash(t)]
        lines = [squash(line) for line in page.splitlines() if line.strip()]
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{note.number}. "))
        assert lines[at + 1 :][-1].isdigit()  # below it only the note's own lines and the folio
        assert any(re.search(rf"[a-z]{note.number}\b", line) for line in lines[:at])  # the call


def _many_notes(count: int) -> str:
    """Paragraphs of varied length, each calling a note of varied length at a varied place, so
    calls land at every height of a page, the foot included."""
    words = ["the", "hunters", "purify", "boxes", "one", "by", "one", "with", "wafer"]
    words += ["leaving", "the", "vampire", "without", "refuge"]
    paragraphs, notes = [], []
    for n in range(1, count + 1):
        body = [words[(n * 7 + i) % len(words)] for i in range(15 + (n * 37) % 140)]
        body[(n * 13) % len(body)] += f"[^{n}]"
        paragraphs.append(" ".join(body).capitalize() + ".")
        notes.append(f"[^{n}]: Note {n}: " + " ".join(words[: 5 + (n * 11) % 12] * 3) + ".")
    return (
        "# Many Notes\n\nby A. Writer\n\n## Summary\n\n"
        + "\n\n".join(paragraphs)
        + "\n\n"
        + "\n".join(notes)
        + "\n"
    )


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter", "a5"])
def test_every_note_is_printed_on_the_page_of_its_call(tmp_path, paper):
    """Checked on the laid-out boxes: on A4, WeasyPrint put Dracula's notes a page (note 1) and two
    pages (note 2) after their calls, and on A5 it deferred notes whose call was near the foot."""
    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.pdf.footnotes import note_pages
    from pipeline.writers.theme import load_theme

    many = tmp_path / "many.md"
    many.write_text(_many_notes(30))
    for manuscript in (REPO / "manuscripts" / "dracula.md", many):
        guide, _ = load_guide(manuscript)
        document = render_document(book_html(guide, paper), guide, load_theme(), PrintOptions(paper=paper))
        pages = note_pages(document)
        assert len(pages) == len(guide.notes)
        assert all(call == body for call, body in pages.values()), (manuscript.name, pages)


def plain_text_of(note) -> str:
    from pipeline.model.text import plain_text
    from pipeline.model.walk import block_inlines, iter_blocks

    return " ".join(plain_text(inlines) for b in iter_blocks(note.blocks) for inlines in block_inlines(b))
