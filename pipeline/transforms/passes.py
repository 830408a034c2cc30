"""Ordered, named passes Guide -> Guide that run after normalising: anchors for every target."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.model import guide as m
from pipeline.model.rebuilt import rebuilt
from pipeline.model.text import plain_text, slugify

Transform = Callable[[m.Guide], m.Guide]


class _Ids:
    """Unique ids: the first "x" is "x", later ones "x-2", "x-3"... in constant time each."""

    def __init__(self, reserved: set[str]) -> None:
        self.taken = set(reserved)
        self.next_number: dict[str, int] = {}

    def __call__(self, slug: str) -> str:
        candidate = slug
        number = self.next_number.get(slug, 2)
        while candidate in self.taken:
            candidate, number = f"{slug}-{number}", number + 1
        self.next_number[slug] = number
        self.taken.add(candidate)
        return candidate


def assign_anchors(guide: m.Guide) -> m.Guide:
    """Stable ids: sections by kind ("summary", "characters"), entries by name ("char-kathy-h")."""
    unique = _Ids({"cover", "title", "toc", "notes", "glance", "index", "nav", "titlepage"})
    sections = []
    for number, section in enumerate(guide.sections, 1):
        base = section.kind if section.kind != "other" else slugify(section.title, f"section-{number}")
        anchor = unique(base)
        prefix = "char" if section.kind == "characters" else "term" if section.kind == "glossary" else anchor
        entries = tuple(
            rebuilt(entry, anchor=unique(f"{prefix}-{slugify(entry.term, str(i))}"))
            for i, entry in enumerate(section.entries, 1)
        )
        blocks = tuple(
            rebuilt(block, anchor=unique(f"{anchor}-{slugify(plain_text(block.inlines), str(i))}"))
            if isinstance(block, m.Heading) and block.level == 1
            else block
            for i, block in enumerate(section.blocks, 1)
        )
        sections.append(rebuilt(section, anchor=anchor, entries=entries, blocks=blocks))
    return rebuilt(guide, sections=tuple(sections))


def _glossary(guide: m.Guide) -> m.Guide:
    from pipeline.transforms.glossary import add_auto_glossary

    return add_auto_glossary(guide)


def _crosslinks(guide: m.Guide) -> m.Guide:
    from pipeline.transforms.crosslinks import add_cross_links

    return add_cross_links(guide)


# Order matters: the glossary adds entries, anchors name them, cross-links point at the anchors.
PASSES: tuple[tuple[str, Transform], ...] = (
    ("glossary", _glossary),
    ("anchors", assign_anchors),
    ("crosslinks", _crosslinks),
)


def apply_transforms(guide: m.Guide, skip: frozenset[str] = frozenset()) -> m.Guide:
    for name, transform in PASSES:
        if name not in skip:
            guide = transform(guide)
    return guide
