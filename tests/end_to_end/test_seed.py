"""The reference input (../shared/seeds/never-let-me-go.txt): its model, a valid EPUB and a real PDF."""

from __future__ import annotations

import subprocess

import pytest

from pipeline.build.batch import load_guide
from pipeline.writers.inspect_json import guide_to_json
from tests import needs
from tests.helpers import epubcheck_problems, pdf_outline_titles, squash

CHARACTERS = ["Kathy H.", "Ruth", "Tommy", "Miss Emily", "Madame"]


@pytest.fixture(scope="module")
def seed_json(seed_path):
    guide, report = load_guide(seed_path)
    return guide_to_json(guide, report)


def test_seed_metadata(seed_json):
    assert seed_json["title"] == "Never Let Me Go"
    assert seed_json["authors"] == ["Kazuo Ishiguro"]
    assert seed_json["year"] == 2005
    assert seed_json["year_text"] == "2005"
    assert seed_json["genres"] == ["Science Fiction", "Literary Fiction"]
    assert seed_json["pages"] == 288
    assert seed_json["reading_time"] == "4-5 hours"
    assert seed_json["language"] == "en"
    assert seed_json["dialect"] == "loose"
    assert seed_json["extra"] == {}  # every Book Info field was understood


def test_seed_characters_and_themes(seed_json):
    assert [c["name"] for c in seed_json["characters"]] == CHARACTERS
    assert all(c["description"] for c in seed_json["characters"])
    assert seed_json["characters"][0]["description"].startswith("The narrator")
    assert len(seed_json["themes"]) == 5
    assert seed_json["themes"][0] == "What it means to be human and have a soul"


MANUSCRIPT_KINDS = ["info", "summary", "characters", "themes", "takeaways", "significance"]


def test_seed_sections_in_order_with_their_lines(seed_json, seed_path):
    sections = seed_json["sections"]
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    # the manuscript's own sections, in its order, each at the line of its bare heading
    assert [s["kind"] for s in sections[: len(MANUSCRIPT_KINDS)]] == MANUSCRIPT_KINDS
    for section in sections[: len(MANUSCRIPT_KINDS)]:
        assert lines[section["line"] - 1] == section["title"]
    # anything further is one the pipeline adds itself (a glossary of the summary's quoted terms),
    # never a stray manuscript heading
    for extra in sections[len(MANUSCRIPT_KINDS) :]:
        assert extra["kind"] == "glossary", extra
        assert extra["title"] not in lines
    assert len({s["anchor"] for s in sections}) == len(sections)


def test_seed_has_no_diagnostics(seed_json):
    assert seed_json["diagnostics"] == []


def test_seed_builds(seed_build):
    outcome = seed_build.outcomes["never-let-me-go"]
    assert not outcome.failed, outcome.diagnostics
    assert sorted(p.suffix for p in outcome.outputs) == [".epub", ".pdf"]


def test_seed_epub_passes_epubcheck_without_errors_or_warnings(seed_build, epubcheck_pool):
    result = epubcheck_pool.result(seed_build.epub("never-let-me-go"))
    assert result.checker is not None
    assert epubcheck_problems(result) == []
    assert (result.checker.nFatal, result.checker.nError, result.checker.nWarning) == (0, 0, 0)
    assert result.meta.title == "Never Let Me Go"


def test_seed_pdf_opens_with_several_pages(seed_build):
    from pypdf import PdfReader

    reader = PdfReader(seed_build.pdf("never-let-me-go"))
    assert len(reader.pages) > 1
    titles = pdf_outline_titles(reader)
    for section in seed_build.guides["never-let-me-go"].sections:
        assert section.title in titles
    first_page = squash(reader.pages[0].extract_text())  # the title page; pdftotext reads the rest below
    assert squash("Never Let Me Go") in first_page
    assert squash("Kazuo Ishiguro") in first_page


@needs.poppler
def test_seed_pdf_text_through_pdftotext(seed_build):
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(seed_build.pdf("never-let-me-go")), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = squash(text)
    for needle in ["Never Let Me Go", "Kazuo Ishiguro", "The Story in Brief", "Hailsham", *CHARACTERS]:
        assert squash(needle) in flat, needle
    # the typographer's curly quotes survive into the PDF's text layer
    assert "\u201cpurpose\u201d" in text or "\u201cpurpose.\u201d" in text
