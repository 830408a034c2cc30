"""A Roam Research page export: every line a bullet, attributes first, the title only in the file's
name. It was refused (E-NO-TITLE); it is titled by its file name, its attributes are its fields
(an attribute of tags alone included), and warnings keep the manuscript's line numbers."""

from __future__ import annotations

from pipeline.readers.outliner_pages import outliner_page

ROAM = """- Author:: [[Bram Stoker]]
- Year:: 1897
- Tags:: #[[Book Summaries]] #reading-list
- ## Summary
    - Jonathan Harker travels to Transylvania to help [[Count Dracula]] buy a house.
- ## Characters
    - **Count Dracula**: an ancient vampire.
    - **Mina Harker**: resourceful and brave.
- ## Odds and Ends
    - Told in diaries and letters.
"""


def test_a_roam_page_is_titled_by_its_file_name(load):
    guide, report = load("Dracula.md", ROAM)
    assert guide.meta.title == "Dracula" and guide.meta.authors == ("Bram Stoker",)
    assert guide.meta.year == 1897
    assert [s.kind for s in guide.sections] == ["info", "summary", "characters", "other"]
    assert [e.term for e in guide.section("characters").entries] == ["Count Dracula", "Mina Harker"]
    assert not [d for d in report.items if d.code.startswith("E-")]
    [unknown] = [d for d in report.items if d.code == "W-UNKNOWN-SECTION"]
    assert unknown.location.line == 9  # "- ## Odds and Ends": the title heading shifted nothing


def test_only_a_page_that_starts_with_attributes_and_has_no_heading_is_one():
    assert outliner_page(ROAM, "Dracula")[1] == "Dracula"
    assert outliner_page("# Dracula\n\n" + ROAM, "Dracula")[1] is None
    assert outliner_page("- Jonathan travels east.\n- He meets the Count.\n", "notes")[1] is None
