"""YAML front matter and pandoc's title block (pipeline.readers.front_matter): read safely, cleaned,
and every refusal a warning with the line."""

from __future__ import annotations

from pipeline.model.diagnostics import Report
from pipeline.readers.dialects import adapt
from pipeline.readers.front_matter import absorb_yaml, pandoc_title_block, read_front_matter
from pipeline.readers.metadata import MetadataDraft


def read(text: str) -> tuple[dict, Report]:
    report = Report("t.md")
    return read_front_matter(adapt(text), report), report


def test_fields_are_read_and_cleaned_of_what_xml_cannot_carry():
    data, report = read('---\ntitle: "Bleak\\fHouse"\nyear: 1853\ngenres: [Novel, Satire]\n---\n\nText.\n')
    assert data == {"title": "BleakHouse", "year": 1853, "genres": ["Novel", "Satire"]}
    assert [d.code for d in report.items] == ["W-CONTROL-CHARS"]


def test_aliases_invalid_yaml_and_a_list_are_refused_with_a_warning():
    aliased, report = read("---\na: &x [1, 2]\nb: *x\n---\n\nText.\n")
    assert aliased == {} and "aliases" in report.items[0].message
    broken, report = read("---\ntitle: [unclosed\nauthor: Eve\n---\n\nText.\n")
    assert broken == {} and report.items[0].code == "W-FRONT-MATTER" and report.items[0].location.line > 1
    listed, report = read("---\n- one\n- two\n---\n\nText.\n")
    assert listed == {} and "not a mapping" in report.items[0].message


def test_manuscripts_without_front_matter_give_none_and_unclosed_front_matter_warns():
    data, report = read("# Title\n\nText.\n")
    assert data == {} and report.items == []
    data, report = read("---\ntitle: Open\n\nText.\n")
    assert data == {} and "not closed" in report.items[0].message


def test_a_list_of_authors_stays_a_list_and_none_is_skipped():
    draft = MetadataDraft()
    absorb_yaml(draft, "author", ["Ann Ayre", "Bo Bell"])
    absorb_yaml(draft, "year", None)
    assert draft.values["authors"] == ["Ann Ayre", "Bo Bell"]
    assert "year" not in draft.values


def test_a_pandoc_title_block_becomes_front_matter_line_for_line():
    text, lines = pandoc_title_block("% Bleak House\n% Charles Dickens; Esther Summerson\n% 1853\n\nText.")
    assert text.split("\n")[:5] == [
        "---",
        'title: "Bleak House"',
        'author: ["Charles Dickens", "Esther Summerson"]',
        'date: "1853"',
        "---",
    ]
    assert lines[:5] == (1, 1, 2, 3, 3)  # each front matter line names the "%" line it came from
    assert text.split("\n")[lines.index(5)] == "Text."  # and the text after it keeps its own
