"""Consecutive "Chapter N – …" headings as one chapter-summaries section. Word processors and
teachers write each chapter as a heading of its own, at the level of Summary and Characters; read one
by one they are sections of no known kind. Two or more of them in a row are the parts of one section
of chapter summaries, each chapter a sub-heading, titled in the guide's language. The word that
numbers a chapter is each language's [lines] chapter ("chapter", "chapitre", "глава", "ምዕራፍ" …)."""

from __future__ import annotations

import re

from pipeline.i18n.folding import fold_letters
from pipeline.i18n.language_data import alternatives, words
from pipeline.model.lazy_pattern import LazyPattern

# The chapter word, then its number: digits of any script ("Chapter 3", "ជំពូកទី១"), a Roman numeral
# ("Chapitre IV") or CJK numerals; then the end or a separator ("Chapter 3 – The Barn", "Kapitel 3:").
_NUMBER = r"(?:\d+|[ivxlc]{1,7}|[一二三四五六七八九十百]+)"
_CHAPTER = LazyPattern(
    rf"^(?:{fold_letters(alternatives(words('lines', 'chapter')))})\s*{_NUMBER}(?=$|[\s.:)\-–—])", re.I
)
_RUN = 2  # one "Chapter 1" heading alone is a section of its own, as written


def is_chapter_heading(title: str) -> bool:
    """True when the heading numbers a chapter, in any language with a chapter word (accents and
    case folded: "Capitulo 2" is "Capítulo 2")."""
    return bool(_CHAPTER.match(fold_letters(title.casefold()).strip()))


def chapter_runs(titles: list[str], known: list[bool]) -> list[range]:
    """The runs (as index ranges) of two or more consecutive headings that each number a chapter and
    none of which names a known kind of section ("Chapter Summaries" is one already)."""
    runs: list[range] = []
    start = None
    for index, title in enumerate([*titles, ""]):
        chapter = index < len(titles) and not known[index] and is_chapter_heading(title)
        if chapter and start is None:
            start = index
        elif not chapter and start is not None:
            if index - start >= _RUN:
                runs.append(range(start, index))
            start = None
    return runs
