"""Wikilinks read as their alias or page name, in the text and in front matter; `![[embeds]]` are
images under the one image policy."""

from __future__ import annotations

import pytest
from PIL import Image

from pipeline.model import guide as m
from pipeline.model.text import plain_text
from pipeline.model.walk import iter_inlines
from pipeline.readers.note_links import embed_parts, plain_value, wikilink_label


@pytest.mark.parametrize(
    ("inside", "label"),
    [
        ("Heathcliff", "Heathcliff"),
        ("Heathcliff|the foundling", "the foundling"),
        ("Nelly Dean#Role|Nelly", "Nelly"),
        ("Nelly Dean#Role", "Nelly Dean"),
        ("#Chapter 3", "Chapter 3"),
        ("Page#^abc123", "Page"),
        ("Page\\|Alias", "Alias"),  # a bar escaped inside a table
        ("Page| ", "Page"),
    ],
)
def test_wikilink_label(inside, label):
    assert wikilink_label(inside) == label


@pytest.mark.parametrize(
    ("inside", "parts"),
    [
        ("cover.png", ("cover.png", "")),
        ("cover.png|200", ("cover.png", "")),
        ("cover.png|200x120", ("cover.png", "")),
        ("cover.png|The moors at dusk", ("cover.png", "The moors at dusk")),
    ],
)
def test_embed_parts(inside, parts):
    assert embed_parts(inside) == parts


def test_front_matter_values_lose_their_brackets():
    assert plain_value("[[Emily Brontë]]") == "Emily Brontë"
    assert plain_value(["[[Gothic fiction]]", "[[Romance|Romantic novel]]"]) == [
        "Gothic fiction",
        "Romantic novel",
    ]
    assert plain_value([["Emily Brontë"]]) == ["Emily Brontë"]  # unquoted [[x]] is a list in a list to YAML
    assert plain_value("Set on [[the moors]] of [[Yorkshire]]") == "Set on the moors of Yorkshire"
    assert plain_value("a [[ broken") == "a [[ broken"
    assert plain_value(1847) == 1847


def obsidian(body: str, front: str = 'author: "[[Emily Brontë]]"') -> str:
    return f"---\ntitle: Wuthering Heights\n{front}\n---\n\n## Summary\n\n{body}\n"


def test_front_matter_wikilinks_give_author_and_genres(load):
    front = 'author: "[[Emily Brontë]]"\ngenre:\n  - "[[Gothic fiction]]"\n  - "[[Romance|Romantic novel]]"'
    guide, _ = load("wh.md", obsidian("Lockwood visits.", front))
    assert guide.meta.authors == ("Emily Brontë",)
    assert guide.meta.genres == ("Gothic fiction", "Romantic novel")


def test_unquoted_wikilink_in_front_matter_is_the_name(load):
    guide, _ = load("wh.md", obsidian("Lockwood visits.", "author: [[Emily Brontë]]"))
    assert guide.meta.authors == ("Emily Brontë",)


def test_wikilinks_in_text_show_alias_or_page(load):
    guide, report = load(
        "wh.md", obsidian("[[Mr Lockwood]] meets [[Heathcliff|his landlord]] and [[Nelly Dean#Role|Nelly]].")
    )
    text = plain_text(guide.section("summary").blocks[0].inlines)
    assert text == "Mr Lockwood meets his landlord and Nelly."
    assert not any(isinstance(i, m.Link) for i in iter_inlines(guide.section("summary")))
    assert not [d for d in report.items if d.code == "W-LINK-REFUSED"]


def test_wikilinks_in_table_cells(load):
    table = "| Name | Role |\n| --- | --- |\n| [[Heathcliff\\|H.]] | the foundling |\n"
    guide, _ = load("wh.md", obsidian("Lockwood visits.\n\n## Characters\n\n" + table))
    assert [e.term for e in guide.section("characters").entries] == ["H."]


def test_a_hostile_alias_is_text(load):
    guide, _ = load(
        "wh.md", obsidian("[[Page|<script>alert(1)</script>]] and [[<img src=x onerror=alert(1)>]]")
    )
    texts = [i.text for i in iter_inlines(guide.section("summary")) if isinstance(i, m.Text)]
    assert "<script>alert(1)</script>" in "".join(texts)
    assert "<img src=x onerror=alert(1)>" in "".join(texts)


def test_embed_is_an_image_under_the_policy(load, tmp_path):
    Image.new("RGB", (8, 8), "red").save(tmp_path / "moors.png")
    guide, report = load("wh.md", obsidian("![[moors.png|200]]\n\n![[moors.png|The moors at dusk]]"))
    images = [i for i in iter_inlines(guide.section("summary")) if isinstance(i, m.Image)]
    assert [(i.src, i.alt) for i in images] == [("moors.png", ""), ("moors.png", "The moors at dusk")]
    assert guide.images == ("moors.png",)
    assert not guide.images_described  # the first has no text alternative, and the claim says so
    assert not [d for d in report.items if d.code == "W-IMAGE-REFUSED"]


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("../../etc/passwd", "outside the manuscript's folder"),
        ("/etc/passwd", "absolute path"),
        ("https://example.com/x.png", "URLs are never fetched"),
        ("missing.png", "does not exist"),
        ("notes.md", "is not a PNG"),
    ],
)
def test_embeds_the_policy_refuses_warn_and_leave_nothing(load, target, reason):
    guide, report = load("wh.md", obsidian(f"Before.\n\n![[{target}]]\n\nAfter."))
    assert guide.images == ()
    [warning] = [d for d in report.items if d.code == "W-IMAGE-REFUSED"]
    assert reason in warning.message and warning.location.line == 10
    texts = [plain_text(b.inlines) for b in guide.section("summary").blocks]
    assert texts == ["Before.", "After."]


def test_embed_with_a_space_in_its_name(load, tmp_path):
    Image.new("RGB", (8, 8), "blue").save(tmp_path / "the moors.png")
    guide, report = load("wh.md", obsidian("![[the moors.png|Moors]]"))
    assert guide.images == ("the moors.png",)
    assert not report.items or all(d.code != "W-IMAGE-REFUSED" for d in report.items)


def test_unclosed_or_nested_brackets_stay_as_written(load):
    guide, _ = load("wh.md", obsidian("A [[broken link and [[a [[nested]] one]] here."))
    text = plain_text(guide.section("summary").blocks[0].inlines)
    assert text.startswith("A [[broken link and [[a ")


def test_obsidian_sizes_in_markdown_image_alt_text_are_dropped(load, tmp_path):
    Image.new("RGB", (8, 8), "red").save(tmp_path / "moors.png")
    guide, _ = load("wh.md", obsidian("![The moors|200](moors.png) and ![Dusk *light* | 100x80](moors.png)"))
    images = [i for i in iter_inlines(guide.section("summary")) if isinstance(i, m.Image)]
    assert [i.alt for i in images] == ["The moors", "Dusk light"]


def test_a_bar_that_is_not_a_size_stays_in_the_alt_text(load, tmp_path):
    Image.new("RGB", (8, 8), "red").save(tmp_path / "moors.png")
    guide, _ = load("wh.md", obsidian("![Heights | Grange](moors.png)"))
    [image] = [i for i in iter_inlines(guide.section("summary")) if isinstance(i, m.Image)]
    assert image.alt == "Heights | Grange"
