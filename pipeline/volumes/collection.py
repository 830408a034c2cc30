"""Collections: several guides as the parts of one volume (a term's reading list in one file)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.model import guide as m
from pipeline.model.text import slugify


@dataclass(frozen=True, slots=True)
class Volume:
    """Several guides bound as one book under one title."""

    title: str
    guides: tuple[m.Guide, ...]  # anchors already prefixed, so ids never clash between parts

    @property
    def language(self) -> str:
        """The language most of the guides are in (each part keeps its own)."""
        return Counter(g.meta.language for g in self.guides).most_common(1)[0][0]

    @property
    def identifier(self) -> str:
        key = "\x1f".join([self.title, *(g.meta.identifier for g in self.guides)])
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'study-guide-collection:' + key)}"

    @property
    def authors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for g in self.guides for a in g.meta.authors))

    @property
    def subjects(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(genre for g in self.guides for genre in g.meta.genres))

    def part_prefix(self, index: int) -> str:
        return f"b{index + 1}-"


def make_volume(title: str, guides: list[m.Guide]) -> Volume:
    return Volume(title, tuple(prefix_guide(g, f"b{i + 1}-") for i, g in enumerate(guides)))


def collection_stem(title: str) -> str:
    return slugify(title, "collection")


def collection_moment(sources: list[Path], epoch: str | None) -> dt.datetime:
    seconds = int(epoch) if epoch and epoch.isdigit() else max(int(p.stat().st_mtime) for p in sources)
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


# ---------------------------------------------------------------- prefixing every id of a guide


def prefix_guide(guide: m.Guide, prefix: str) -> m.Guide:
    def inlines(items: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
        out: list[m.Inline] = []
        for item in items:
            if isinstance(item, m.Ref):
                out.append(
                    replace(
                        item,
                        target=prefix + item.target,
                        mention=prefix + item.mention,
                        children=inlines(item.children),
                    )
                )
            elif isinstance(item, (m.Emph, m.Strong, m.Strike, m.Styled, m.Link)):
                out.append(replace(item, children=inlines(item.children)))
            else:
                out.append(item)
        return tuple(out)

    def block(b: m.Block) -> m.Block:
        if isinstance(b, m.Paragraph):
            return replace(b, inlines=inlines(b.inlines))
        if isinstance(b, m.Heading):
            return replace(b, inlines=inlines(b.inlines), anchor=prefix + b.anchor if b.anchor else "")
        if isinstance(b, m.ListBlock):
            return replace(b, items=tuple(tuple(block(x) for x in item) for item in b.items))
        if isinstance(b, m.BlockQuote):
            return replace(b, blocks=tuple(block(x) for x in b.blocks), speaker=inlines(b.speaker))
        if isinstance(b, m.Aside):
            return replace(b, blocks=tuple(block(x) for x in b.blocks), title=inlines(b.title))
        return b

    sections = tuple(
        replace(
            s,
            anchor=prefix + s.anchor,
            blocks=tuple(block(b) for b in s.blocks),
            entries=tuple(replace(e, anchor=prefix + e.anchor, body=inlines(e.body)) for e in s.entries),
        )
        for s in guide.sections
    )
    notes = tuple(replace(n, blocks=tuple(block(b) for b in n.blocks)) for n in guide.notes)
    return replace(guide, sections=sections, notes=notes)


# ---------------------------------------------------------------- the combined index

_STOP = {
    "about",
    "above",
    "after",
    "again",
    "against",
    "their",
    "there",
    "these",
    "those",
    "which",
    "while",
    "where",
    "would",
    "could",
    "should",
    "other",
    "others",
    "being",
    "through",
    "under",
    "between",
    "human",
    "nature",
    "cannot",
    "never",
    "people",
    "world",
    "itself",
    "still",
    "makes",
    "shows",
    "versus",
    "along",
    "within",
    "without",
    "limit",
    "every",
    "something",
}


def theme_keywords(theme: str) -> set[str]:
    """Content words of a theme, folded, for finding themes that recur across books."""
    words = set(re.findall(r"[^\W\d_]{5,}", theme.casefold())) - _STOP
    return {w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words} - _STOP


def recurring_themes(volume: Volume) -> dict[str, list[int]]:
    """Keyword -> indexes of the books whose themes share it (two books at least)."""
    from pipeline.writers.inspect_json import themes_of

    books: dict[str, set[int]] = {}
    for index, guide in enumerate(volume.guides):
        for theme in themes_of(guide):
            for word in theme_keywords(theme):
                books.setdefault(word, set()).add(index)
    return {word: sorted(found) for word, found in sorted(books.items()) if len(found) > 1}
