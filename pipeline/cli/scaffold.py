"""`new`: a manuscript to fill in, with every standard section, in the front matter dialect."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from pipeline.model.diagnostics import UsageError
from pipeline.model.text import slugify

TEMPLATE = """---
title: {title}
author:{author}
year:{year}
genre:
pages:
reading_time:
language: {language}
---


## Summary

Tell the story in a few paragraphs. Set the book's own terms in quotes, like “this”, and they
will be collected into the glossary.

## Characters

- First Character: who they are and what they want
- Second Character: who they are and what they want

## Themes

- A theme in a line
- Another theme in a line

## Key Takeaways

What a reader should keep from the book.

## Why It Matters

Why the book is still read.

## Discussion Questions

1. A question for a class or a reading group?
2. Another question?

## Glossary

- Term: what it means in the book
"""


def new_manuscript(folder: Path, title: str, author: str, year: str = "", language: str = "en") -> Path:
    """Write folder/<slug>.md; refuses to overwrite an existing file."""
    if not title.strip():
        raise UsageError("a new manuscript needs a title")
    path = folder / f"{file_stem(title)}.md"
    if path.exists():
        raise UsageError(f"{path} already exists; it was not changed")
    folder.mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.format(
        title=_yaml_text(title),
        # Facts not given stay empty: lint names each one to fill in, and no guide ever claims
        # a made-up year, page count or genre.
        author=f" {_yaml_text(author)}" if author else "",
        year=f" {year}" if year else "",
        language=language,
    )
    with open(path, "x", encoding="utf-8") as handle:  # "x": never clobber a file made meanwhile
        handle.write(text)
    return path


def file_stem(title: str) -> str:
    """The manuscript's file name: the ASCII slug, or for other scripts the title's own letters.

    "红楼梦" folds to nothing in ASCII; every such title would become "untitled.md" and the
    second would be refused as existing.
    """
    slug = slugify(title, "")
    if slug:
        return slug
    own = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", title).casefold()).strip("-")
    return own[:48].rstrip("-") or "untitled"


def _yaml_text(value: str) -> str:
    """A YAML scalar that survives colons, quotes and leading symbols: JSON strings are YAML."""
    return json.dumps(value, ensure_ascii=False)
