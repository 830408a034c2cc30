"""The combined index of a volume: characters, glossary terms merged across books, recurring themes."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from pipeline.transforms.glossary import term_key
from pipeline.volumes.collection import Volume, recurring_themes


@dataclass(slots=True)
class IndexEntry:
    """A term of a volume's index and where each book of the volume names it."""

    term: str
    note: str  # what the term is: a book's name for a character, "theme" for a recurring theme
    targets: list[tuple[int, str]] = field(default_factory=list)  # (book index, anchor)


def volume_index(volume: Volume, theme_label: str) -> list[IndexEntry]:
    """Entries in alphabetical order; a term glossed by several books is one entry."""
    entries: list[IndexEntry] = []
    terms: dict[str, IndexEntry] = {}
    for book, guide in enumerate(volume.guides):
        for section in guide.sections:
            for entry in section.entries:
                if section.kind == "characters":
                    entries.append(IndexEntry(entry.term, guide.meta.title, [(book, entry.anchor)]))
                elif section.kind == "glossary":
                    key = term_key(entry.term)
                    if key not in terms:
                        terms[key] = IndexEntry(entry.term, "", [])
                        entries.append(terms[key])
                    terms[key].targets.append((book, entry.anchor))
    for word, books in recurring_themes(volume).items():
        targets = []
        for book in books:
            themes = volume.guides[book].section("themes")
            if themes is not None:
                targets.append((book, themes.anchor))
        entries.append(IndexEntry(word, theme_label, targets))
    entries.sort(key=lambda e: (unicodedata.normalize("NFKD", e.term).casefold(), e.note))
    return entries
