"""Cross-links: mentions of characters and glossary terms become references to their entries.

The first mention of an entry in each section links to it; later mentions are marked too (the
PDF index points at them). Headings, links, code and an entry's own text are never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import count

from pipeline import model as m

# Words that name a rank or relation rather than a person: "Miss Emily" is found as "Emily".
_NOT_A_NAME = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord", "captain", "capt", "the", "of", "and", "de",
    "du", "la", "le", "von", "van", "der", "di", "da", "saint", "st", "mme", "mlle", "m", "monsieur",
    "madame", "comte", "count", "king", "queen", "prince", "princess", "uncle", "aunt", "father", "mother",
    "brother", "sister", "old", "young", "little", "family",
}
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
SKIPPED_KINDS = ("info",)


@dataclass(frozen=True, slots=True)
class _Target:
    anchor: str
    pattern: str  # one alternative of the combined expression


def name_variants(term: str, all_terms: list[str]) -> list[str]:
    """The full name, its alternatives ("Pip (Philip Pirrip)", "A / B") and any part no other
    character shares ("Kathy" for "Kathy H.", but not "Bennet" when five Bennets are listed)."""
    full = [part.strip() for part in re.split(r"\s*/\s*|\s*\(|\)", term) if part.strip()]
    variants = list(dict.fromkeys([term.strip(), *full]))
    others = [t for t in all_terms if t != term]
    for name in full:
        for word in re.findall(r"[\w’'-]+", name):
            if len(word) < 3 or word.casefold().strip(".") in _NOT_A_NAME or not word[0].isupper():
                continue
            if not any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", other) for other in others):
                variants.append(word)
    return list(dict.fromkeys(variants))


def term_variants(term: str) -> list[str]:
    base = term.strip()
    forms = [base]
    if not _CJK.search(base):
        forms.append(base[:-1] if base.endswith("s") and len(base) > 3 else base + "s")
    return forms


def _alternative(variant: str, case_insensitive: bool) -> str:
    body = re.escape(variant)
    if case_insensitive:
        body = f"(?i:{body})"
    return body if _CJK.search(variant) else rf"(?<![\w’'-]){body}(?![\w’'-])"


class _Linker:
    def __init__(self, guide: m.Guide) -> None:
        characters = [e for s in guide.sections if s.kind == "characters" for e in s.entries]
        glossary = [e for s in guide.sections if s.kind == "glossary" for e in s.entries]
        names = [e.term for e in characters]
        alternatives: list[tuple[str, str]] = []  # (variant, anchor)
        for entry in characters:
            alternatives += [(v, entry.anchor) for v in name_variants(entry.term, names)]
        for entry in glossary:
            alternatives += [(v, entry.anchor) for v in term_variants(entry.term)]
        # Longest first, so "Miss Emily" wins over "Emily" and "Mr. Bennet" over nothing shorter.
        alternatives.sort(key=lambda pair: -len(pair[0]))
        self.anchors: list[str] = []
        parts = []
        glossary_anchors = {e.anchor for e in glossary}
        for variant, anchor in alternatives:
            self.anchors.append(anchor)
            parts.append(f"({_alternative(variant, anchor in glossary_anchors)})")
        self.pattern = re.compile("|".join(parts)) if parts else None
        self.ids = count(1)

    def section(self, section: m.Section) -> m.Section:
        linked: set[str] = set()
        blocks = tuple(self.block(b, linked, excluded="") for b in section.blocks)
        entries = tuple(
            replace(e, body=self.inlines(e.body, linked, excluded=e.anchor)) for e in section.entries
        )
        return replace(section, blocks=blocks, entries=entries)

    def block(self, block: m.Block, linked: set[str], excluded: str) -> m.Block:
        if isinstance(block, m.Paragraph):
            return replace(block, inlines=self.inlines(block.inlines, linked, excluded))
        if isinstance(block, m.ListBlock):
            items = tuple(tuple(self.block(b, linked, excluded) for b in item) for item in block.items)
            return replace(block, items=items)
        if isinstance(block, m.BlockQuote):
            return replace(block, blocks=tuple(self.block(b, linked, excluded) for b in block.blocks))
        return block  # headings, code and tables stay as written

    def inlines(self, inlines: tuple[m.Inline, ...], linked: set[str], excluded: str) -> tuple[m.Inline, ...]:
        out: list[m.Inline] = []
        for item in inlines:
            if isinstance(item, m.Text):
                out.extend(self.text(item.text, linked, excluded))
            elif isinstance(item, (m.Emph, m.Strong, m.Strike)):
                out.append(replace(item, children=self.inlines(item.children, linked, excluded)))
            else:
                out.append(item)  # links, code, images and note references are left alone
        return tuple(out)

    def text(self, text: str, linked: set[str], excluded: str) -> list[m.Inline]:
        if self.pattern is None:
            return [m.Text(text)]
        out: list[m.Inline] = []
        position = 0
        for match in self.pattern.finditer(text):
            anchor = self.anchors[match.lastindex - 1] if match.lastindex else ""
            if not anchor or anchor == excluded:
                continue
            if match.start() > position:
                out.append(m.Text(text[position : match.start()]))
            first = anchor not in linked
            linked.add(anchor)
            out.append(m.Ref(anchor, (m.Text(match.group(0)),), first, f"mention-{next(self.ids)}"))
            position = match.end()
        if position < len(text):
            out.append(m.Text(text[position:]))
        return out


def add_cross_links(guide: m.Guide) -> m.Guide:
    linker = _Linker(guide)
    if linker.pattern is None:
        return guide
    sections = tuple(s if s.kind in SKIPPED_KINDS else linker.section(s) for s in guide.sections)
    return replace(guide, sections=sections)
