"""Heading levels never skip: sub-headings are ranked by order, wherever the manuscript starts them."""

from __future__ import annotations

import itertools
import re
import zipfile

from pipeline.build.batch import BuildOptions, build_all
from pipeline.model import guide as m
from pipeline.model.location import SourceLocation
from pipeline.model.walk import iter_blocks
from pipeline.readers.outline import rank_headings, unbullet_headings

LOC = SourceLocation("x.md", 1)


def heading(level: int, text: str = "h") -> m.Heading:
    return m.Heading(level, (m.Text(text),), LOC)


def levels(blocks: tuple[m.Block, ...]) -> list[int]:
    return [b.level for b in iter_blocks(blocks) if isinstance(b, m.Heading)]


def test_a_skipped_level_becomes_the_next_one():
    assert levels(rank_headings((heading(4), heading(6), heading(5), heading(3)))) == [1, 2, 2, 1]


def test_headings_in_lists_and_quotes_are_ranked_with_the_rest():
    nested = m.ListBlock(((heading(5),),), False, 1, LOC)
    quoted = m.BlockQuote((heading(6),), LOC)
    assert levels(rank_headings((heading(3), nested, quoted))) == [1, 2, 3]


def test_blocks_without_headings_are_returned_as_they_are():
    blocks = (m.Paragraph((m.Text("x"),), LOC),)
    assert rank_headings(blocks) is blocks


def test_a_section_that_starts_with_a_deep_sub_heading(load):
    guide, _ = load(
        "emma.md",
        "# Emma\n\n**Author:** Jane Austen\n\n## Summary\n\nIntro.\n\n#### A deep note\n\nText.\n\n"
        "###### Deeper\n\nMore.\n\n### Back up\n\nEnd.\n",
    )
    summary = next(s for s in guide.sections if s.kind == "summary")
    assert levels(summary.blocks) == [1, 2, 1]


def test_no_epub_document_skips_a_heading_level(write_manuscript, tmp_path):
    source = write_manuscript(
        "emma.md",
        "# Emma\n\n**Author:** Jane Austen\n\n### Intro before any section\n\nText.\n\n## Summary\n\n"
        "#### A deep note\n\nEmma matches Harriet.\n\n- ##### In a list\n\n> ###### In a quote\n\n"
        "## Characters\n\n- Emma Woodhouse: The heroine\n",
    )
    [outcome] = build_all([source], BuildOptions(formats=("epub",), out_dir=tmp_path / "out"))
    assert not outcome.failed
    with zipfile.ZipFile(outcome.outputs[0]) as archive:
        for name in archive.namelist():
            if not name.endswith(".xhtml"):
                continue
            found = [int(n) for n in re.findall(r"<h([1-6])[ >]", archive.read(name).decode())]
            for before, after in itertools.pairwise(found):
                assert after <= before + 1, (name, found)


def test_a_list_of_headings_is_an_outline_and_a_list_with_one_plain_item_is_not():
    loc = SourceLocation("x.md", 1)
    heading = m.Heading(2, (m.Text("Summary"),), loc)
    para = m.Paragraph((m.Text("Text."),), loc)
    outline = m.ListBlock(((heading, para),), False, 1, loc)
    assert unbullet_headings([outline]) == [heading, para]
    mixed = m.ListBlock(((heading,), (para,)), False, 1, loc)
    assert unbullet_headings([mixed]) == [mixed]
