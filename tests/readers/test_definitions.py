"""Definition lists (`Term` then `:   definition`) become entries, themes and list items exactly as
"- **Name**: text" bullets do."""

from __future__ import annotations

import pytest

from pipeline.model import guide as m
from pipeline.model.text import plain_text
from pipeline.readers.definitions import definition_list
from pipeline.readers.parse import parse_markdown
from pipeline.writers.inspect_json import guide_to_json

CHARACTERS = """\
Heathcliff
:   A foundling taken in by Mr Earnshaw.

Catherine *Earnshaw*
:   Heathcliff's soulmate; she marries Edgar.
"""


def guide_with(load, kind: str, body: str, name: str = "wh.md"):
    text = (
        "# Wuthering Heights\n\n**Author:** Emily Brontë\n\n"
        f"## Summary\n\nLockwood visits.\n\n## {kind}\n\n{body}\n"
    )
    return load(name, text)


def test_the_parser_reads_definition_lists():
    types = [t.type for t in parse_markdown(CHARACTERS)]
    assert types.count("dt_open") == 2 and types.count("dd_open") == 2
    assert callable(definition_list)


def test_definition_list_gives_the_same_characters_as_bold_bullets(load):
    bullets = (
        "- **Heathcliff**: A foundling taken in by Mr Earnshaw.\n"
        "- **Catherine *Earnshaw***: Heathcliff's soulmate; she marries Edgar.\n"
    )
    from_dl, report_dl = guide_with(load, "Characters", CHARACTERS, "a.md")
    from_list, report_list = guide_with(load, "Characters", bullets, "b.md")
    assert (
        guide_to_json(from_dl, report_dl)["characters"] == guide_to_json(from_list, report_list)["characters"]
    )
    assert [e.term for e in from_dl.section("characters").entries] == ["Heathcliff", "Catherine Earnshaw"]
    assert from_dl.section("characters").blocks == ()


def test_glossary_and_themes(load):
    guide, report = guide_with(
        load,
        "Glossary",
        "Moor\n: Open, uncultivated upland.\n\nGrange\n: A country house with farm buildings.",
    )
    assert [(e.term, plain_text(e.body)) for e in guide.section("glossary").entries] == [
        ("Moor", "Open, uncultivated upland."),
        ("Grange", "A country house with farm buildings."),
    ]
    guide, report = guide_with(
        load, "Themes", "Revenge\n:   It poisons two generations.\n\nNature\n:   The moors mirror the heart."
    )
    assert guide_to_json(guide, report)["themes"] == [
        "Revenge: It poisons two generations.",
        "Nature: The moors mirror the heart.",
    ]


def test_a_definition_over_several_paragraphs(load):
    body = (
        "Heathcliff\n:   A foundling taken in by Mr Earnshaw.\n\n    He returns rich and bitter.\n\n"
        "Nelly\n:   The narrator."
    )
    guide, _ = guide_with(load, "Characters", body)
    [heathcliff, nelly] = guide.section("characters").entries
    assert plain_text(heathcliff.body) == "A foundling taken in by Mr Earnshaw. He returns rich and bitter."
    assert plain_text(nelly.body) == "The narrator."


def test_several_sentence_definitions_read_on(load):
    guide, _ = guide_with(
        load, "Characters", "Catherine\n:   Heathcliff's soulmate.\n:   Later Catherine Linton."
    )
    [entry] = guide.section("characters").entries
    assert plain_text(entry.body) == "Heathcliff’s soulmate. Later Catherine Linton."


def test_several_short_senses_are_a_numbered_list(load):
    guide, _ = guide_with(load, "Glossary", "Grange\n:   a country house\n:   a farm")
    [entry] = guide.section("glossary").entries
    assert plain_text(entry.body) == "a country house; a farm"
    guide, _ = guide_with(load, "Setting", "Grange\n:   a country house\n:   a farm")
    [section] = [s for s in guide.sections if s.title == "Setting"]
    [listing] = section.blocks
    item = listing.items[0]
    assert plain_text(item[0].inlines) == "Grange"
    assert isinstance(item[1], m.ListBlock) and item[1].ordered and len(item[1].items) == 2


def test_compact_tilde_form(load):
    guide, _ = guide_with(load, "Glossary", "Moor\n~ Open upland.\n~ Heath.")
    [entry] = guide.section("glossary").entries
    assert plain_text(entry.body) == "Open upland. Heath."


@pytest.mark.parametrize(
    "body",
    [
        "Two lines\nof one paragraph\n: not a definition",  # a term is one line
        "Ratio\n:no space after the colon",
        "Price\n~5 pounds",
    ],
)
def test_lines_that_only_look_like_definitions_stay_paragraphs(load, body):
    guide, _ = guide_with(load, "Notes", body)
    [section] = [s for s in guide.sections if s.title == "Notes"]
    assert all(isinstance(b, m.Paragraph) for b in section.blocks)
    assert plain_text(section.blocks[0].inlines).replace("\n", " ") == body.replace("\n", " ")


def test_a_definition_list_in_front_matter_dialect(load):
    text = (
        "---\ntitle: Wuthering Heights\nauthor: Emily Brontë\n---\n\n## Summary\n\nLockwood visits.\n\n"
        "## Characters\n\nHeathcliff\n\n:   A foundling.\n"
    )
    guide, _ = load("wh.md", text)
    assert [(e.term, plain_text(e.body)) for e in guide.section("characters").entries] == [
        ("Heathcliff", "A foundling.")
    ]


def test_a_definition_list_in_the_loose_dialect(load):
    text = (
        "Wuthering Heights\nWuthering Heights by Emily Brontë\nThe Story in Brief\nLockwood visits.\n"
        "Key Characters\nHeathcliff\n:   A foundling.\n    He returns rich.\nNelly Dean\n:   The narrator.\n"
    )
    guide, _ = load("wh.txt", text)
    assert [s.kind for s in guide.sections] == ["info", "summary", "characters"]
    entries = [(e.term, plain_text(e.body)) for e in guide.section("characters").entries]
    assert entries == [("Heathcliff", "A foundling. He returns rich."), ("Nelly Dean", "The narrator.")]
