"""A mention of the book's own title names the book, not the character it is named after."""

from __future__ import annotations

from pathlib import Path

from pipeline.build.batch import load_guide
from pipeline.model import guide as m
from pipeline.model.text import plain_text

MANUSCRIPT = """---
title: Dracula
author: Bram Stoker
language: en
---

Summary
-------
Stoker's Dracula is an epistolary novel. *Dracula* first appeared in 1897. In the novel Dracula,
letters and diaries tell the story. Jonathan Harker meets Count Dracula at his castle.

Later Dracula sails to England aboard the Demeter, and Bram Stoker’s “Dracula” ends in Transylvania.

Characters
----------
- Count Dracula — an ancient vampire
- Jonathan Harker — a young solicitor
"""


def references(inlines: tuple[m.Inline, ...]) -> list[str]:
    """The words of every reference to an entry, in order, inside emphasis too."""
    found = []
    for item in inlines:
        if isinstance(item, m.Ref):
            found.append(plain_text(item.children))
        elif isinstance(item, (m.Emph, m.Strong, m.Strike)):
            found += references(item.children)
    return found


def summary_references(tmp_path: Path, text: str) -> list[list[str]]:
    source = tmp_path / "dracula.md"
    source.write_text(text, encoding="utf-8")
    guide, _ = load_guide(source)
    summary = guide.section("summary")
    return [references(block.inlines) for block in summary.blocks if isinstance(block, m.Paragraph)]


def test_the_title_naming_the_book_is_not_linked_but_the_character_is(tmp_path):
    first, second = summary_references(tmp_path, MANUSCRIPT)
    # "Stoker's Dracula", "*Dracula*" and "the novel Dracula" name the book.
    assert first == ["Jonathan Harker", "Count Dracula"]
    # "Dracula sails" is the character; "Bram Stoker’s “Dracula”" is the book again.
    assert second == ["Dracula"]


def test_a_title_longer_than_the_name_leaves_the_name_linked(tmp_path):
    text = MANUSCRIPT.replace("title: Dracula", "title: Dracula; or, The Undead")
    first, _ = summary_references(tmp_path, text)
    assert first == ["Jonathan Harker", "Count Dracula"]  # the main title, "Dracula", is the book
    plain = MANUSCRIPT.replace("title: Dracula", "title: The Undead")
    first, second = summary_references(tmp_path, plain)
    assert first == ["Dracula", "Dracula", "Dracula", "Jonathan Harker", "Count Dracula"]
    assert second == ["Dracula", "Dracula"]  # not the title, so the character
