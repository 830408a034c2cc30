"""Cross-links: mentions of characters and glossary terms become references to their entries.

The first mention of an entry in each section links to it; later mentions are marked too (the
PDF index points at them). Headings, links, code and an entry's own text are never touched.

A mention that names the book rather than a character is not linked ("Dracula" the novel is not
Count Dracula). The rule: text that is exactly the book's title, or its main title (before a ";"
or ":", "Frankenstein" of "Frankenstein; or, The Modern Prometheus"), names the book when
  1. it is set in emphasis on its own ("*Dracula*"), or
  2. it follows the possessive of one of the author's names ("Stoker's Dracula", "Mary
     Shelley’s Frankenstein"), or
  3. it follows a word for a work ("the novel Dracula", "the book Frankenstein", "le roman …").
Anywhere else the same word is the character ("Dracula visits her"), and a longer name that holds
it ("Count Dracula") is always the character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import count

from pipeline.model import guide as m
from pipeline.model.rebuilt import rebuilt
from pipeline.model.text import plain_text
from pipeline.model.wide_text import wide_search
from pipeline.transforms.mentions import (
    CJK,
    WORD,
    bare,
    before_title,
    name_variants,
    term_variants,
    title_forms,
)
from pipeline.transforms.word_starts import core, searched_forms, word_starts, word_starts_of_all

SKIPPED_KINDS = ("info",)


class _Linker:
    """Finds mentions with dictionary look-ups over word runs: linear in the text, whatever the
    number of characters and terms (a regular expression of a thousand alternatives is not)."""

    def __init__(self, guide: m.Guide) -> None:
        characters = [e for s in guide.sections if s.kind == "characters" for e in s.entries]
        glossary = [e for s in guide.sections if s.kind == "glossary" for e in s.entries]
        names = [e.term for e in characters]
        self.exact: dict[str, str] = {}  # names match as written
        self.folded: dict[str, str] = {}  # terms match in any case
        cjk: dict[str, str] = {}
        for entry in characters:
            for variant in name_variants(entry.term, names):
                self._add(variant, entry.anchor, self.exact, cjk)
        for entry in glossary:
            for variant in term_variants(entry.term):
                self._add(variant.casefold(), entry.anchor, self.folded, cjk)
        keys = [*self.exact, *self.folded]
        # Only a word that can begin a name or term is worth trying spans from, and only as many
        # words as its longest name or term has.
        self.first_words: dict[str, int] = {}
        for key in keys:
            words = WORD.findall(key) or [""]
            self.first_words[words[0]] = max(self.first_words.get(words[0], 0), len(words))
        self.forms = searched_forms(self.first_words)
        # The names and terms of two words or more, case-folded, by the folded core of their first
        # word: a span from a word can only be one of them if the text goes on as one does.
        self.longer: dict[str, list[str]] = {}
        for key in keys:
            words = WORD.findall(key)
            if len(words) > 1:
                self.longer.setdefault(core(words[0])[2], []).append(key.casefold())
        # Scripts without spaces have no words to look up; their few variants share one expression.
        ordered = sorted(cjk, key=len, reverse=True)
        self.cjk = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        self.cjk_anchor = cjk
        self.active = bool(keys or cjk)
        self.ids = count(1)
        self.titles = title_forms(guide.meta.title)
        self.before_title = before_title(guide.meta.authors)
        self.starts: dict[str, list[tuple[int, str]]] = {}  # found ahead for all texts at once

    def find_ahead(self, sections: list[m.Section]) -> None:
        """The word starts of every text `section` will read, searched in one go."""
        if not self.first_words:
            return
        texts = list(dict.fromkeys(text for section in sections for text in self._section_texts(section)))
        self.starts = dict(zip(texts, word_starts_of_all(texts, self.first_words, self.forms), strict=True))

    # The texts `section`, `block` and `inlines` pass to `text`, in the same walk.
    def _section_texts(self, section: m.Section) -> Iterator[str]:
        for block in section.blocks:
            yield from self._block_texts(block)
        for entry in section.entries:
            yield from self._inline_texts(entry.body)

    def _block_texts(self, block: m.Block) -> Iterator[str]:
        if isinstance(block, m.Paragraph):
            yield from self._inline_texts(block.inlines)
        elif isinstance(block, m.ListBlock):
            for item in block.items:
                for inner in item:
                    yield from self._block_texts(inner)
        elif isinstance(block, (m.BlockQuote, m.Aside)):
            for inner in block.blocks:
                yield from self._block_texts(inner)

    def _inline_texts(self, inlines: tuple[m.Inline, ...]) -> Iterator[str]:
        for item in inlines:
            if isinstance(item, m.Text):
                yield item.text
            elif isinstance(item, (m.Emph, m.Strong, m.Strike, m.Styled)):
                yield from self._inline_texts(item.children)

    def names_the_book(self, text: str, start: int, end: int) -> bool:
        """The match at text[start:end] is the book's title where the text names the book (rules 2
        and 3 of the module docstring)."""
        if text[start:end].casefold() not in self.titles:
            return False
        return bool(self.before_title.search(text, max(0, start - 60), start))

    @staticmethod
    def _add(variant: str, anchor: str, table: dict[str, str], cjk: dict[str, str]) -> None:
        key = variant.strip().rstrip(".")
        if not key:
            return
        if wide_search(CJK, key):
            cjk.setdefault(key, anchor)
        else:
            table.setdefault(key, anchor)

    # Most blocks mention nobody: whatever comes back unchanged is the very object passed in, so
    # the model is copied only along the paths that gained a reference.
    def section(self, section: m.Section) -> m.Section:
        linked: set[str] = set()
        blocks = tuple(self.block(b, linked, excluded="") for b in section.blocks)
        entries = tuple(self.entry(e, linked) for e in section.entries)
        if _same(blocks, section.blocks) and _same(entries, section.entries):
            return section
        return rebuilt(section, blocks=blocks, entries=entries)

    def entry(self, entry: m.Entry, linked: set[str]) -> m.Entry:
        body = self.inlines(entry.body, linked, excluded=entry.anchor)
        return entry if body is entry.body else rebuilt(entry, body=body)

    def block(self, block: m.Block, linked: set[str], excluded: str) -> m.Block:
        if isinstance(block, m.Paragraph):
            inlines = self.inlines(block.inlines, linked, excluded)
            return block if inlines is block.inlines else rebuilt(block, inlines=inlines)
        if isinstance(block, m.ListBlock):
            items = tuple(tuple(self.block(b, linked, excluded) for b in item) for item in block.items)
            if all(_same(new, old) for new, old in zip(items, block.items, strict=True)):
                return block
            return rebuilt(block, items=items)
        if isinstance(block, (m.BlockQuote, m.Aside)):
            blocks = tuple(self.block(b, linked, excluded) for b in block.blocks)
            return block if _same(blocks, block.blocks) else rebuilt(block, blocks=blocks)
        return block  # headings, code and tables stay as written

    def inlines(self, inlines: tuple[m.Inline, ...], linked: set[str], excluded: str) -> tuple[m.Inline, ...]:
        """The inlines with mentions made references; `inlines` itself when there were none."""
        out: list[m.Inline] = []
        changed = False
        for item in inlines:
            if isinstance(item, m.Text):
                if self.cjk is None and self.starts.get(item.text) == []:
                    out.append(item)  # found ahead: no name or term begins in it
                    continue
                pieces = self.text(item.text, linked, excluded)
                if pieces is None:
                    out.append(item)
                else:
                    out.extend(pieces)
                    changed = True
            elif isinstance(item, m.Emph) and bare(plain_text(item.children)) in self.titles:
                out.append(item)  # the book's title in italics (rule 1): the book, not a character
            elif isinstance(item, (m.Emph, m.Strong, m.Strike, m.Styled)):
                children = self.inlines(item.children, linked, excluded)
                if children is item.children:
                    out.append(item)
                else:
                    out.append(rebuilt(item, children=children))
                    changed = True
            else:
                out.append(item)  # links, code, images and note references are left alone
        return tuple(out) if changed else inlines

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, anchor), longest first at each place, in order."""
        found: list[tuple[int, int, str]] = []
        if self.first_words:
            # Most text mentions nobody, and the rest few: work only where a name or term can begin.
            starts = self.starts.get(text)
            if starts is None:
                starts = word_starts(text, self.first_words, self.forms)
            end = 0
            folded = text.casefold() if starts else ""
            if len(folded) != len(text):  # a letter that folds to two moves the places
                folded = None
            for start, raw in starts:
                if start >= end:
                    match = self._longest_at(text, start, raw, folded)
                    if match:
                        found.append(match)
                        end = match[1]
        if self.cjk is not None:
            found += [(m.start(), m.end(), self.cjk_anchor[m.group(0)]) for m in self.cjk.finditer(text)]
            found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
            kept: list[tuple[int, int, str]] = []
            for item in found:
                if not kept or item[0] >= kept[-1][1]:
                    kept.append(item)
            found = kept
        return found

    def _longest_at(
        self, text: str, position: int, raw: str, folded_text: str | None = None
    ) -> tuple[int, int, str] | None:
        """The name or term with the most words that begins with the word `raw` at `position`
        (`folded_text`, when given, is `text` case-folded, of the same length)."""
        lead, word, folded = core(raw)
        limit = max(self.first_words.get(word, 0), self.first_words.get(folded, 0))
        if limit > 1 and folded_text is not None:
            # A span of two words or more equals a name or term, so the folded text starts with
            # that name or term folded: when it starts with none, only the word itself can match.
            for key in self.longer.get(folded, ()):
                if folded_text.startswith(key, position + lead):
                    break
            else:
                limit = 1
        if limit <= 1:  # a one-word name or term: the word itself is the only candidate
            anchor = self.exact.get(word) or self.folded.get(folded)
            return (position + lead, position + lead + len(word), anchor) if anchor else None
        words = [(position + lead, position + lead + len(word))]
        for match in WORD.finditer(text, position + len(raw)):  # as many words as its longest name has
            lead, word, _ = core(match.group())
            words.append((match.start() + lead, match.start() + lead + len(word)))
            if len(words) >= limit:
                break
        for size in range(len(words), 0, -1):
            start, end = words[0][0], words[size - 1][1]
            candidate = text[start:end]
            anchor = self.exact.get(candidate) or self.folded.get(candidate.casefold())
            if anchor:
                return start, end, anchor
        return None

    def text(self, text: str, linked: set[str], excluded: str) -> list[m.Inline] | None:
        """The text split around its mentions; None when it mentions nobody (but `excluded`)."""
        out: list[m.Inline] = []
        position = 0
        for start, end, anchor in self.matches(text):
            if anchor == excluded or self.names_the_book(text, start, end):
                continue
            if start > position:
                out.append(m.Text(text[position:start]))
            first = anchor not in linked
            linked.add(anchor)
            out.append(m.Ref(anchor, (m.Text(text[start:end]),), first, f"mention-{next(self.ids)}"))
            position = end
        if not out:
            return None
        if position < len(text):
            out.append(m.Text(text[position:]))
        return out


def _same(new: tuple, old: tuple) -> bool:
    """Every item of `new` is the very object at the same place in `old`."""
    return len(new) == len(old) and all(a is b for a, b in zip(new, old, strict=True))


def add_cross_links(guide: m.Guide) -> m.Guide:
    linker = _Linker(guide)
    if not linker.active:
        return guide
    linker.find_ahead([s for s in guide.sections if s.kind not in SKIPPED_KINDS])
    sections = tuple(s if s.kind in SKIPPED_KINDS else linker.section(s) for s in guide.sections)
    return rebuilt(guide, sections=sections)
