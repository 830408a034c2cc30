"""The book's title when the top heading is a sentence about the book rather than its title, as chat
assistants write them: "Book Summary: *Silas Marner* by George Eliot", "Here is a summary of
“Silas Marner”", "📚 Study Guide — Silas Marner". Which words make a heading such a sentence is
each language's [chatter] about_book (`i18n/languages/*.toml`).

Such a heading gives way to a Title field or a byline paragraph under it; without either, the title
is its emphasised or quoted part, else what is left once the words about the book are removed, and
a byline inside it names the author. A first line of sentences about the book (an answer engine's
opening: "Things Fall Apart is Chinua Achebe's first novel …") gives its emphasised or quoted words,
or the title-case words before "is <the Author field's name>'s"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.i18n.decoration import strip_pictographs
from pipeline.i18n.language_data import words
from pipeline.model import guide as m
from pipeline.model.lazy_pattern import LazyPattern
from pipeline.model.text import plain_text
from pipeline.readers.byline import split_byline, title_byline

_ABOUT_BOOK = words("chatter", "about_book")
# A title set in quotes inside the sentence: “…”, "…", «…», „…“, 『…』, 「…」, 《…》.
_QUOTED = LazyPattern(r"[“\"«„『「《‘]([^“”\"«»„『』「」《》‘’]{1,120})[”\"»“』」》’]")
_APOSTROPHES = str.maketrans("’‘ʼ", "'''")
_TITLE_FRAME = " \t:：—–-|*_\"'“”«»„『』「」《》‘’"


@dataclass(frozen=True, slots=True)
class HeadingTitle:
    """What a sentence-like top heading says: the title it names and the author, if it names one."""

    title: str
    author: str | None


@lru_cache(maxsize=64)
def _about_book(language: str) -> tuple[re.Pattern[str], ...]:
    """The guide's language's patterns and English's, compiled when first asked for (all
    languages' would cost every process milliseconds it mostly does not need)."""
    primary = language.split("-")[0].lower()
    tags = [tag for tag in _ABOUT_BOOK if tag == language or tag.split("-")[0].lower() == primary]
    found = (pattern for tag in dict.fromkeys([*tags, "en"]) for pattern in _ABOUT_BOOK.get(tag, ()))
    return tuple(re.compile(pattern, re.I) for pattern in found)


def about_book(heading: m.Heading, language: str = "en") -> HeadingTitle | None:
    """The title and author a top heading names when it is a sentence about the book (in the
    guide's language or English); None when it is a title (the usual case)."""
    text = " ".join(strip_pictographs(plain_text(heading.inlines)).split()).translate(_APOSTROPHES)
    lefts = (pattern.sub("", text, count=1) for pattern in _about_book(language))
    rest = next((left for left in lefts if left != text and _words(left)), None)
    if rest is None:
        return None
    span = _emphasised(heading.inlines) or _quoted(rest)
    if span and span in rest:
        after = rest[rest.index(span) + len(span) :].lstrip(_TITLE_FRAME.replace(":", ""))
        author = split_byline(f"{span} {after}", span) if after else None
        return HeadingTitle(span, author)
    if byline := title_byline(rest.strip(_TITLE_FRAME)):
        return HeadingTitle(byline[0].strip(_TITLE_FRAME), byline[1])
    return HeadingTitle(rest.strip(_TITLE_FRAME), None)


def byline_title(blocks: list[m.Block]) -> tuple[str, str] | None:
    """A "*Silas Marner* by George Eliot" paragraph before the first section: (title, author)."""
    for block in blocks:
        if isinstance(block, m.Heading):
            return None
        if isinstance(block, m.Paragraph):
            text = plain_text(block.inlines).strip()
            if "\n" not in text and (found := title_byline(text)):
                return found[0].strip(_TITLE_FRAME), found[1]
    return None


# A first line that ends as a sentence does ("… published in 1958. Below is a study summary.").
_SENTENCE_END = LazyPattern(r"[.!?。！？]$")


def opening_sentence_title(heading: m.Heading, authors: object) -> str | None:
    """The title inside a first line that is an answer engine's opening sentences about the book
    ("Things Fall Apart is Chinua Achebe's first novel, published in 1958. Below is a study
    summary."): its emphasised or quoted words, else the words before a verb and the possessive of
    the author the manuscript's Author field names ("<title> is <author>'s …"). Anything else (a
    title that ends with a full stop or question mark, "The novel by <author> …") stays whole."""
    text = " ".join(strip_pictographs(plain_text(heading.inlines)).split()).translate(_APOSTROPHES)
    if not _SENTENCE_END.search(text) or len(text.split()) < 6:
        return None
    if (span := _emphasised(heading.inlines) or _quoted(text)) and len(span) < len(text) / 2:
        return span
    names = [str(a) for a in authors] if isinstance(authors, list) else [str(authors or "")]
    for name in filter(None, (" ".join(n.split()) for n in names)):
        at = text.casefold().find(name.casefold() + "'s ")
        before = text[:at].split() if at > 0 else []
        # A title in title case, of two words or more: "It is …", "The novel is …" name no book.
        named = before[:-1]
        if (
            before
            and before[-1].isalpha()
            and before[-1].islower()
            and any(w[0].isupper() for w in named[1:])
        ):
            return " ".join(named).strip(_TITLE_FRAME) or None
    return None


# "Die Verwandlung – Franz Kafka": a title and its author parted by a spaced dash or bar.
_DASHED = re.compile(r"^(.+?)\s+[—–|-]\s+(\S.{0,60})$")


def dash_byline(title: str) -> tuple[str, str] | None:
    """ "Die Verwandlung – Franz Kafka" -> ("Die Verwandlung", "Franz Kafka"). The dash also parts a
    title from its subtitle, so the caller takes the split only when the second part is the author
    the manuscript names elsewhere."""
    match = _DASHED.match(title)
    return (match.group(1).strip(), match.group(2).strip()) if match else None


def _words(text: str) -> str:
    return text.strip(_TITLE_FRAME)


def _emphasised(inlines: tuple[m.Inline, ...]) -> str | None:
    """The first emphasised words of the heading, when they are not all of it."""
    for inline in inlines:
        if isinstance(inline, (m.Emph, m.Strong)) and (words := _words(plain_text(inline.children))):
            return words
    return None


def _quoted(text: str) -> str | None:
    found = _QUOTED.search(text)
    return _words(found.group(1)) if found else None
