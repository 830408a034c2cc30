"""Consecutive "Chapter N – …" headings read as one chapter-summaries section, in any language with
a chapter word ([lines] chapter), each chapter a sub-heading; one alone, or a run broken by a known
section, stays as written."""

from __future__ import annotations

import pytest

from pipeline.i18n.labels import labels_for
from pipeline.i18n.language_data import LANGUAGES
from pipeline.i18n.section_names import section_kind
from pipeline.model import guide as m
from pipeline.readers.chapter_runs import chapter_runs, is_chapter_heading


@pytest.mark.parametrize(
    "title",
    [
        *("Chapter 1 – By the River", "CHAPTER IV: The Barn", "Ch. 2", "Capitulo 3 - La huida"),
        *("Глава 5. Бал", "ምዕራፍ 2", "ជំពូកទី១"),
    ],
)
def test_a_heading_that_numbers_a_chapter(title):
    assert is_chapter_heading(title)


@pytest.mark.parametrize(
    "title",
    ["Chapter Summaries", "Chapters", "Chaptering the past", "Characters", "Part 2", "Chapter and verse"],
)
def test_a_heading_that_does_not(title):
    assert not is_chapter_heading(title)


def test_runs_need_two_chapters_in_a_row_and_no_known_section_name():
    titles = ["Chapter 1 – A", "Chapter 2 – B", "Themes", "Chapter 3 – C", "Chapter 4", "Chapter 5"]
    known = [False, False, True, False, False, False]
    assert chapter_runs(titles, known) == [range(0, 2), range(3, 6)]
    assert chapter_runs(["Chapter 1 – A", "Characters"], [False, True]) == []


@pytest.mark.parametrize("language", [language.tag for language in LANGUAGES])
def test_every_language_names_the_chapter_section_it_titles_itself(language):
    """The title the merged section gets is read back as chapter summaries (a guide built twice)."""
    assert section_kind(labels_for(language)["chapters"]) == "chapters"


def test_chapter_headings_become_one_section_with_each_chapter_a_sub_heading(load):
    text = (
        "Of Mice and Men\n\nBook Info\nAuthor: John Steinbeck\n\n"
        "Chapter 1 – By the Salinas River\n\tGeorge and Lennie stop for the night by the river.\n\n"
        "Chapter 2 – The Bunkhouse\n\tAt the ranch the two meet Candy and the boss.\n\n"
        "Characters\nGeorge Milton – Lennie’s friend.\n"
    )
    guide, report = load("mice.txt", text)
    assert [s.kind for s in guide.sections] == ["info", "chapters", "characters"]
    chapters = guide.section("chapters")
    assert chapters.title == "Chapter Summaries"
    headings = [b for b in chapters.blocks if isinstance(b, m.Heading)]
    assert [(h.level, h.inlines[0].text) for h in headings] == [
        (1, "Chapter 1 – By the Salinas River"),
        (1, "Chapter 2 – The Bunkhouse"),
    ]
    assert not [d for d in report.items if d.code == "W-UNKNOWN-SECTION"]


def test_a_single_chapter_heading_stays_a_section_of_its_own(load):
    text = "# Title\n\n## Chapter 1 – Opening\n\nText of it.\n\n## Characters\n\n- **A**: one\n"
    guide, _ = load("one.md", text)
    assert [s.kind for s in guide.sections] == ["info", "other", "characters"]
