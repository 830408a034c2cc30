"""`new`: a manuscript to fill in, with every standard section, in the front matter dialect."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from pipeline.model.diagnostics import PipelineError, UsageError
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
    """Write folder/<slug>.md; refuses to overwrite an existing file, or a link where it would go.

    Raises UsageError when the name is taken or the folder is not one, PipelineError (naming the
    file and the cause) when the disk refuses it.
    """
    if not title.strip():
        raise UsageError("a new manuscript needs a title")
    path = folder / f"{file_stem(title)}.md"
    text = _text(title, author, year, language)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:  # "x": never clobber a file made meanwhile
            handle.write(text)
    except FileExistsError as exc:
        if Path(exc.filename or "") == folder or not folder.is_dir():
            raise UsageError(f"{folder} is not a folder; the manuscript was not written") from None
        # A link to a file that is missing counts too: writing would create a file elsewhere.
        link = " (a link to a missing file)" if path.is_symlink() and not path.exists() else ""
        raise UsageError(f"{path} already exists{link}; it was not changed") from None
    except NotADirectoryError:
        raise UsageError(f"{folder} is not a folder; the manuscript was not written") from None
    except OSError as exc:
        raise PipelineError(f"cannot write {exc.filename or path}: {exc.strerror or exc}") from None
    return path


def _text(title: str, author: str, year: str, language: str) -> str:
    return TEMPLATE.format(
        title=_yaml_text(title),
        # Facts not given stay empty: lint names each one to fill in, and no guide ever claims
        # a made-up year, page count or genre.
        author=f" {_yaml_text(author)}" if author else "",
        year=f" {year}" if year else "",
        language=language,
    )


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
