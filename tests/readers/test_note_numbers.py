"""A footnote called only from a metadata field ("**Year:** 1861[^1]") lost its call with the line:
the text's calls began at 2, the EPUB printed note 1 at the end with a link to nothing, and the
PDF, which counts the calls it prints, numbered the others 1 and 2 and left note 1 out."""

from __future__ import annotations

from pipeline.model import guide as m
from pipeline.model.location import SourceLocation
from pipeline.model.text import plain_text
from pipeline.model.walk import iter_inlines
from pipeline.readers.note_numbers import settle_note_numbers
from pipeline.writers.pdf.book import book_html

TEXT = (
    "# Great Expectations\n\n**Author:** Charles Dickens\n**Year:** 1861[^1]\n\n"
    "## Summary\n\nPip is an orphan.[^2] He meets Magwitch.[^3]\n\n"
    "[^1]: Serialised first.\n[^2]: In Kent.\n[^3]: On the marshes.\n"
)


def _calls(guide: m.Guide) -> list[int]:
    return [i.number for s in guide.sections for i in iter_inlines(s) if isinstance(i, m.NoteRef)]


def _texts(guide: m.Guide) -> list[tuple[int, str]]:
    return [(n.number, plain_text(n.blocks[0].inlines)) for n in guide.notes]


def test_the_called_notes_come_first_and_the_uncalled_one_follows(load):
    guide, _ = load("ge.md", TEXT)
    assert guide.meta.year == 1861
    assert _calls(guide) == [1, 2]
    assert _texts(guide) == [(1, "In Kent."), (2, "On the marshes."), (3, "Serialised first.")]
    html = book_html(guide)
    assert '<p class="endnote">3. Serialised first.' in html  # the PDF prints it, under its number


def test_notes_all_called_keep_their_numbers(load):
    guide, _ = load("ge.md", TEXT.replace("1861[^1]", "1861").replace("orphan.[^2]", "orphan.[^1][^2]"))
    assert _calls(guide) == [1, 2, 3]
    assert _texts(guide) == [(1, "Serialised first."), (2, "In Kent."), (3, "On the marshes.")]


def test_settling_changes_nothing_when_every_note_is_called():
    note = m.Note(1, (m.Paragraph((m.Text("In Kent."),), SourceLocation("g.md", 3)),))
    section = m.Section(
        "summary",
        "Summary",
        (m.Paragraph((m.NoteRef(1),), SourceLocation("g.md", 1)),),
        SourceLocation("g.md", 1),
    )
    assert settle_note_numbers([section], (note,)) == ([section], (note,))
