"""Named entries ("Name: description", "**Name**: description", "Name — description") in sections."""

from __future__ import annotations

import re

from pipeline.i18n.decoration import strip_pictographs
from pipeline.model import guide as m
from pipeline.model.lazy_pattern import LazyPattern
from pipeline.model.rebuilt import rebuilt
from pipeline.model.text import plain_text

# The separator after a name: a colon, or a dash with space or a closed em dash.
_SEPARATOR = LazyPattern(
    r"^(?P<term>[^:：—–\n]{1,80}?)\s*(?:[:：]|\s[—–-]\s|—|\u00a0–\s)\s*(?P<rest>.*)$", re.S
)
_LEADING_SEPARATOR = LazyPattern(r"^\s*(?:[:：]|[—–-])\s*")
MAX_TERM_WORDS = 8


def _name(term: str) -> str:
    """An entry's name without the emoji chat assistants set before it ("### 🐗 Napoleon"): they
    decorate the name, they are not part of it (a name that is only pictographs stays as it is)."""
    return strip_pictographs(term) or term


def split_lines(inlines: tuple[m.Inline, ...]) -> list[tuple[m.Inline, ...]]:
    """Split a paragraph's inlines at its line breaks (soft or hard)."""
    lines: list[list[m.Inline]] = [[]]
    for item in inlines:
        if isinstance(item, m.LineBreak):
            lines.append([])
        elif isinstance(item, m.Text) and "\n" in item.text:
            head, *tail = item.text.split("\n")
            if head:
                lines[-1].append(m.Text(head))
            for piece in tail:
                lines.append([m.Text(piece)] if piece else [])
        else:
            lines[-1].append(item)
    return [tuple(line) for line in lines if line and plain_text(tuple(line)).strip()]


def entry_from_inlines(inlines: tuple[m.Inline, ...], loc: m.SourceLocation) -> m.Entry | None:
    """An entry when the inlines begin with a short name and a separator, else None."""
    if not inlines:
        return None
    first = inlines[0]
    # A name in bold, or underlined as Word users mark one (pandoc's `[Name]{.underline}`).
    if isinstance(first, m.Strong) or (isinstance(first, m.Styled) and first.kind == "underline"):
        term = _name(plain_text(first.children).strip().rstrip(":：").strip())
        rest = _strip_leading_separator(inlines[1:])
        if term and len(term.split()) <= MAX_TERM_WORDS:
            return m.Entry(term, rest, loc)
        return None
    if not isinstance(first, m.Text):
        return None
    match = _SEPARATOR.match(first.text)
    if not match:
        return None
    term = _name(match.group("term").strip())
    if not term or len(term.split()) > MAX_TERM_WORDS:
        return None
    rest_text = match.group("rest")
    body = ((m.Text(rest_text),) if rest_text else ()) + inlines[1:]
    return m.Entry(term, _trim(body), loc)


def extract_entries(blocks: tuple[m.Block, ...]) -> tuple[tuple[m.Entry, ...], tuple[m.Block, ...]]:
    """Pull entries out of list items, paragraph lines and sub-headings followed by paragraphs
    ("### Jane Eyre" then a paragraph about her); the rest stays as the section's blocks."""
    entries: list[m.Entry] = []
    kept: list[m.Block] = []
    group = ""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if isinstance(block, m.Heading) and (found := _entry_from_heading(block, blocks, index)):
            entry, index = found  # the paragraphs under the heading are now its description
            entries.append(rebuilt(entry, group=group))
        elif isinstance(block, m.Heading) and _heads_entries(blocks, index):
            # "### Minor characters" over a list of entries: it titles the entries that follow.
            group = plain_text(block.inlines).strip().rstrip(":：").strip()
        elif isinstance(block, m.ListBlock):
            leftovers = []
            for item in block.items:
                own, lifted = _labelled_sub_entries(item, block.loc)
                entry = _entry_from_item(own, block.loc)
                if entry is None:
                    leftovers.append(item)
                else:
                    entries.extend(rebuilt(each, group=group) for each in (entry, *lifted))
            if leftovers:
                kept.append(m.ListBlock(tuple(leftovers), block.ordered, block.start, block.loc))
        elif isinstance(block, m.Table) and (rows := _entries_from_table(block)):
            entries.extend(rebuilt(entry, group=group) for entry in rows)
        elif isinstance(block, m.Paragraph):
            lines = split_lines(block.inlines)
            found = [entry_from_inlines(line, block.loc) for line in lines]
            if found and all(entry is not None for entry in found):
                entries.extend(rebuilt(entry, group=group) for entry in found if entry is not None)
            else:
                kept.append(block)
        else:
            kept.append(block)
    return tuple(entries), tuple(kept)


def _entries_from_table(table: m.Table) -> list[m.Entry]:
    """A table of names ("| Character | Description |"): each row an entry, its first cell the
    name and the other cells the description. Rows without a short name leave the table alone."""
    entries: list[m.Entry] = []
    for row in table.rows:
        term = _name(plain_text(row[0]).strip()) if row else ""
        if not term or len(term.split()) > MAX_TERM_WORDS or len(row) < 2:
            return []
        body: list[m.Inline] = []
        for cell in row[1:]:
            if plain_text(cell).strip():
                body.extend(((m.Text("; "),) if body else ()) + cell)
        entries.append(m.Entry(term, _trim(tuple(body)), table.loc))
    return entries


def _heads_entries(blocks: tuple[m.Block, ...], start: int) -> bool:
    """Whether the block after a sub-heading is a list whose first item is an entry."""
    if start >= len(blocks) or not isinstance(following := blocks[start], m.ListBlock):
        return False
    return bool(following.items) and _entry_from_item(following.items[0], following.loc) is not None


def _entry_from_heading(
    heading: m.Heading, blocks: tuple[m.Block, ...], start: int
) -> tuple[m.Entry, int] | None:
    """A short sub-heading with paragraphs under it names an entry (returned with the index past
    those paragraphs); one with a list under it (or nothing) is a group heading and stays."""
    term = _name(plain_text(heading.inlines).strip().rstrip(":：").strip())
    paragraphs: list[m.Paragraph] = []
    position = start  # walked by index: slicing the tail for every heading would be quadratic
    while position < len(blocks) and isinstance(paragraph := blocks[position], m.Paragraph):
        paragraphs.append(paragraph)
        position += 1
    if not term or not paragraphs or len(term.split()) > MAX_TERM_WORDS:
        return None
    body: list[m.Inline] = []
    for paragraph in paragraphs:
        body.extend(((m.Text(" "),) if body else ()) + paragraph.inlines)
    return m.Entry(term, _trim(tuple(body)), heading.loc), position


def _entry_from_item(item: tuple[m.Block, ...], loc: m.SourceLocation) -> m.Entry | None:
    if not item or not isinstance(item[0], m.Paragraph):
        return None
    entry = entry_from_inlines(item[0].inlines, item[0].loc)
    if entry is None:
        # A bare name with no description is still a character; lint reports the gap.
        text = plain_text(item[0].inlines).strip()
        nested_only = all(isinstance(block, m.ListBlock) for block in item[1:])
        if nested_only and 0 < len(text.split()) <= 4 and not text.endswith("."):
            entry = m.Entry(text, (), item[0].loc)
        else:
            return None
    extra: list[m.Inline] = []
    for block in item[1:]:
        if isinstance(block, m.Paragraph):  # further paragraphs of the item join the description
            extra.extend((m.Text(" "), *block.inlines))
        elif isinstance(block, m.ListBlock):  # sub-bullets ("- an orphan") are part of it too
            extra.extend(_nested_items(block, lead=bool(entry.body or extra)))
        else:  # a quotation, code or a table under the name: kept as running text, never dropped
            extra.extend(_block_as_inlines(block))
    return m.Entry(entry.term, _trim(entry.body + tuple(extra)), entry.loc) if extra else entry


def _labelled_sub_entries(
    item: tuple[m.Block, ...], loc: m.SourceLocation
) -> tuple[tuple[m.Block, ...], list[m.Entry]]:
    """Entries listed under a label in an entry ("Her sisters:" over "Jane Bennet: the gentle
    eldest") are entries of their own, not words of their parent's description: the item without
    those lists, and the entries. Every item under the label must be an entry with a description."""
    kept: list[m.Block] = []
    lifted: list[m.Entry] = []
    for position, block in enumerate(item):
        subs = _under_label(block, loc) if position else None
        if subs:
            lifted.extend(subs)
        else:
            kept.append(block)
    return tuple(kept), lifted


def _under_label(block: m.Block, loc: m.SourceLocation) -> list[m.Entry] | None:
    if not isinstance(block, m.ListBlock) or len(block.items) != 1:
        return None
    [labelled] = block.items
    if (
        len(labelled) != 2
        or not isinstance(labelled[0], m.Paragraph)
        or not isinstance(labelled[1], m.ListBlock)
    ):
        return None
    if not plain_text(labelled[0].inlines).strip().endswith((":", "：")):
        return None
    subs = [_entry_from_item(sub, loc) for sub in labelled[1].items]
    return (
        [sub for sub in subs if sub is not None]
        if all(sub is not None and sub.body for sub in subs)
        else None
    )


def _block_as_inlines(block: m.Block) -> list[m.Inline]:
    """A block an entry's one-paragraph description cannot hold, as inlines: a quotation in
    italics (its words, set apart without quote marks of any one language), code as code, and
    anything else as its text."""
    from pipeline.model.walk import block_inlines, iter_blocks

    if isinstance(block, m.CodeBlock):
        return [m.Text(" "), m.Code(" ".join(block.text.split()))] if block.text.strip() else []
    pieces = [inlines for inner in iter_blocks((block,)) for inlines in block_inlines(inner) if inlines]
    out: list[m.Inline] = []
    for inlines in pieces:
        out.extend((m.Text(" "), *inlines))
    if isinstance(block, m.BlockQuote) and out:
        return [m.Text(" "), m.Emph(tuple(_trim(tuple(out))))]
    return out


def _nested_items(block: m.ListBlock, lead: bool) -> list[m.Inline]:
    """A nested list as running text: "the heroine: an orphan; a governess at Thornfield"."""
    out: list[m.Inline] = []
    for item in block.items:
        for inner in item:
            if isinstance(inner, m.Paragraph):
                out.extend((_separator(out, lead), *inner.inlines))
            elif isinstance(inner, m.ListBlock):
                nested = _nested_items(inner, lead=bool(out) or lead)
                if nested and isinstance(nested[0], m.Text) and nested[0].text == ": ":
                    nested[0] = _separator(out, lead=True)  # "Known for:" is followed by a space only
                out.extend(nested)
    return out


def _separator(before: list[m.Inline], lead: bool) -> m.Inline:
    """ "; " between items, ": " after the description, a space after a label's own colon."""
    last = before[-1] if before else None
    if isinstance(last, m.Text) and last.text.rstrip().endswith((":", "：")):
        return m.Text(" ")
    return m.Text("; ") if before else m.Text(": ") if lead else m.Text("")


def _strip_leading_separator(inlines: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    if inlines and isinstance(inlines[0], m.Text):
        text = _LEADING_SEPARATOR.sub("", inlines[0].text, count=1)
        inlines = ((m.Text(text),) if text else ()) + inlines[1:]
    return _trim(inlines)


def _trim(inlines: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    if inlines and isinstance(inlines[0], m.Text):
        inlines = ((m.Text(inlines[0].text.lstrip()),) if inlines[0].text.strip() else ()) + inlines[1:]
    if inlines and isinstance(inlines[-1], m.Text):
        inlines = inlines[:-1] + ((m.Text(inlines[-1].text.rstrip()),) if inlines[-1].text.strip() else ())
    return inlines
