"""A guide's body into its title and sections (pipeline.readers.split): the title from front matter
or the first heading, bold labels as headings, preamble fields into the metadata, an info section
for every guide."""

from __future__ import annotations

import pytest

from pipeline.model import guide as m
from pipeline.model.diagnostics import GuideError, Report
from pipeline.model.location import SourceLocation
from pipeline.readers.metadata import MetadataDraft
from pipeline.readers.split import sections_of, take_title


def at(line: int) -> SourceLocation:
    return SourceLocation("t.md", line)


def heading(level: int, text: str, line: int) -> m.Heading:
    return m.Heading(level, (m.Text(text),), at(line))


def para(text: str, line: int) -> m.Paragraph:
    return m.Paragraph((m.Text(text),), at(line))


def test_the_first_heading_is_the_title_unless_front_matter_names_another():
    blocks = [heading(1, "A Christmas Story", 1), heading(2, "Summary", 3)]
    assert take_title(blocks, {}, Report("t.md")) == ("A Christmas Story", blocks[1:])
    title, rest = take_title(blocks, {"title": "Other"}, Report("t.md"))
    assert title == "Other" and rest == blocks  # the heading stays: it is not the title
    title, rest = take_title(blocks, {"title": "a christmas story"}, Report("t.md"))
    assert rest == blocks[1:]  # the same title, written twice


def test_no_title_at_all_is_an_error_naming_the_line():
    report = Report("t.md")
    with pytest.raises(GuideError):
        take_title([para("Just text.", 4)], {}, report)
    [error] = report.items
    assert error.code == "E-NO-TITLE" and error.location.line == 4


def test_sections_an_info_section_first_and_fields_in_the_draft():
    draft = MetadataDraft()
    report = Report("t.md")
    blocks = [
        para("by Ann Ayre (1901)", 2),
        para("Pages: 320", 3),
        m.Paragraph((m.Strong((m.Text("Summary:"),)),), at(5)),  # a bold label is a heading
        para("The story.", 6),
        heading(2, "Characters", 8),
        m.ListBlock(((para("Tom: a sailor", 9),),), False, 1, at(9)),
        heading(2, "Oddities", 11),
        para("Text.", 12),
    ]
    sections = sections_of(blocks, "Harbour", draft, report, "en", "t.md")
    assert [(s.kind, s.title) for s in sections] == [
        ("info", "At a Glance"),
        ("summary", "Summary"),
        ("characters", "Characters"),
        ("other", "Oddities"),
    ]
    assert draft.values["authors"] == "Ann Ayre" and draft.values["year"] == "1901"
    assert draft.values["pages"] == "320"
    assert [e.term for e in sections[2].entries] == ["Tom"]
    assert [d.code for d in report.items] == ["W-UNKNOWN-SECTION"]
