"""Caps block nesting in Markdown text before markdown-it reads it, in one pass over the lines.

markdown-it stops descending at its `maxNesting` and silently drops the rest of that container, often
the rest of the file; mending that after the parse meant parsing again, and an input could make that
repeat (footnote definitions before a deep list did, about 14 ms per level). Instead, each line's
containers (block quotes, list items, footnote definitions) are followed here as CommonMark opens
and continues them; once `limit` levels are open, a line that reaches them all loses the markers and
indentation that would go deeper: its text joins the deepest container, as a plain paragraph.

The model errs on the deep side (a blank or lazy line keeps every container open, any list marker
opens a list, even in a code block), so markdown-it never nests deeper than it says: tests hold
that for generated texts. Every container consumes at least
one character of the line it is matched on, and no more than `limit` are followed, so the pass is
linear in the size of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model.lazy_pattern import LazyPattern

_QUOTE = LazyPattern(r" {0,3}> ?")
_ITEM = LazyPattern(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?= |$)")
_NOTE = LazyPattern(r" {0,3}\[\^[^\]\s]+\]:")
# Markers and white space before a line's content, where tabs set columns.
_PREFIX = LazyPattern(r"(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)]|\[\^[^\]\s]+\]:)(?=[ \t]|$)))*[ \t]*")
# markdown-it continues an open quote past any indentation (">x" then "    >>y" nests a second
# quote), unlike CommonMark's three spaces: follow markdown-it, which is what nests.
_QUOTE_GOES_ON = LazyPattern(r" *> ?")
_LAST_MARK = LazyPattern(r"([-*_])[ ]*$")
_FENCE = LazyPattern(r" {0,3}(`{3,}|~{3,})")
_HEADING = LazyPattern(r" {0,3}#{1,6}(?: |$)")
_SPACES = LazyPattern(r" *")
# What would open containers past the limit: removed with the indentation around it, in one match.
_DEEPER = LazyPattern(r"(?: *(?:>|(?:[-*+]|\d{1,9}[.)])(?= |$)|\[\^[^\]\s]+\]:))* *")

# A line starting with at least (the placeholder) characters that could be markers or indentation.
_LEADING_MARKS = r"^(?:[ \t>*+\-0-9.)]|\[\^[^\]\s]+\]:){%d}"

# The levels markdown-it spends on each kind of container: a list and its item, a quote, a note.
_WEIGHT = {"item": 2, "quote": 1, "note": 1}


@dataclass(slots=True)
class _Box:
    """A container open at the current line: a block quote, a list item or a footnote."""

    kind: str  # "quote", "item" or "note"
    width: int  # columns of indentation that continue an item or a note (a quote needs its ">")
    depth: int  # levels markdown-it has opened once inside it, this one included
    quotes: int  # quotes among it and the containers around it


def cap_nesting(text: str, limit: int) -> tuple[str, list[int]]:
    """The text with no block nested more than `limit` levels deep, and the 0-based lines changed.

    The text keeps its line count, so line numbers in what markdown-it makes of it stay true.
    """
    if not _may_nest(text, limit):
        return text, []
    lines = text.split("\n")
    model = _Model(limit)
    changed: list[int] = []
    tabbed = False
    for number, line in enumerate(lines):
        if "\t" in line:
            line, marked = _tabs_as_spaces(line)
            if marked:  # tabs among markers: markdown-it is given the spaces the model reads
                lines[number], tabbed = line, True
        capped = model.read(line)
        if capped is not None:
            lines[number] = capped
            changed.append(number)
    return ("\n".join(lines), changed) if changed or tabbed else (text, [])


def _may_nest(text: str, limit: int) -> bool:
    """Whether any line could open `limit` levels: a cheap bound that spares most texts the pass.

    A container opens only on a line that also continues every container around it, and each takes
    at least one column of that line's leading markers and white space; markdown-it spends at most
    two levels on one (a list and its item). So a line reaches `limit` levels only if it starts with
    `limit / 2` columns of such characters, and a tab, which may stand for four columns, counts four.
    """
    columns = -(-limit // (8 if "\t" in text else 2))
    return len(text) >= columns and re.search(_LEADING_MARKS % columns, text, re.MULTILINE) is not None


def _tabs_as_spaces(line: str) -> tuple[str, bool]:
    """The line with the tabs before its content as the spaces of 4-column tab stops, and whether
    markers stand among them.

    Among markers markdown-it counts some tabs otherwise (">> -\t   >x" nests the last quote in the
    item, where tab stops make it code), so such a line is given to it with spaces; indentation
    alone it counts right, and a tab kept in an indented code block stays a tab.
    """
    end = _PREFIX.match(line).end()
    return line[:end].expandtabs(4) + line[end:], bool(line[:end].strip(" \t"))


class _Model:
    """The containers open after each line, as markdown-it would have them, or deeper."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.boxes: list[_Box] = []
        self.paragraph = False  # the last line could be continued lazily
        self.guessed: int | None = None  # boxes from here on were opened by a line read both ways

    def read(self, line: str) -> str | None:
        """Follow one line; returns it shortened when it reaches past the limit, else None."""
        boxes = self.boxes
        if not line.strip():
            self.paragraph = False
            return None  # a blank line ends nothing here: erring deep
        matched, pos = _continue(line, boxes)
        if self.guessed is not None and matched < self.guessed:
            self.guessed = None
        rule = _rule_start(line)
        if matched < len(boxes) and not line[pos:].strip():
            self.paragraph = False
            return None  # blank inside the containers it goes on in: as a blank line
        base = matched
        if matched < len(boxes) and self.paragraph and not _opens(line, pos, rule):
            if not _NOTE.match(line, pos):
                return None  # a lazy continuation line: it keeps every container open, opens none
            if _quote_left(boxes, matched):
                # A footnote definition is lazy text in a quote, a note elsewhere, and the model
                # may hold a quote markdown-it has not: read it both ways, the note on top of all
                # that is open (replacing the last such guess, so a run of them does not pile up).
                base = self.guessed if self.guessed is not None else len(boxes)
                self.guessed = base
        # "2. x" or an empty item after a paragraph line is more of that paragraph (or a list after
        # a table): opened either way, and the next line may still be lazy.
        maybe_text = self.paragraph and matched == len(boxes) and _cannot_interrupt(line, pos)
        going_on = self.paragraph and matched == len(boxes)  # may go on with the last line's paragraph
        del boxes[base:]
        start, pos = pos, _open(line, pos, rule, boxes, self.limit)
        capped = None
        if (boxes[-1].depth if boxes else 0) >= self.limit - 1:  # full: nothing more may open here
            deeper = _DEEPER.match(line, pos).end()
            if deeper > pos:
                line = capped = line[:pos] + line[deeper:]
                if not line.strip():
                    self.paragraph = False
                    return capped
                # The containers as markdown-it sees the shorter line: an item left empty is narrower.
                del boxes[base:]
                rule = _rule_start(line)
                pos = _open(line, start, rule, boxes, self.limit)
        going_on = going_on and len(boxes) == matched
        code = not going_on and line.startswith("    ", pos)  # indented code, not a paragraph
        ends = _is_rule(line, pos, rule) or _HEADING.match(line, pos) or _FENCE.match(line, pos)
        self.paragraph = maybe_text or (bool(line[pos:].strip()) and not ends and not code)
        return capped


def _continue(line: str, boxes: list[_Box]) -> tuple[int, int]:
    """How many open containers the line continues, and the position after them."""
    matched = pos = 0
    run_end = _SPACES.match(line).end()  # the indentation is measured once per run of spaces
    for box in boxes:
        if box.kind == "quote":
            match = _QUOTE_GOES_ON.match(line, pos)
            if not match:
                break
            pos = match.end()
            run_end = _SPACES.match(line, pos).end()
        elif run_end - pos >= box.width:
            pos += box.width
        else:
            break
        matched += 1
    return matched, pos


def _rule_start(line: str) -> tuple[int, str]:
    """Where the line's tail of one of "-*_" and spaces begins, and that character.

    From there on, three of them make a thematic break, not list items ("- - -"). Found once per
    line: a regular expression tried at every marker of "- - - … x" made the pass quadratic.
    """
    last = _LAST_MARK.search(line)
    if not last:
        return len(line) + 1, ""
    mark = last.group(1)
    start = last.start()
    while start > 0 and line[start - 1] in (mark, " "):
        start -= 1
    return start, mark


def _is_rule(line: str, pos: int, rule: tuple[int, str]) -> bool:
    start, mark = rule
    if pos < start:
        return False
    return len(line) - pos - line.count(" ", pos) >= 3 and line[pos : pos + 4].lstrip(" ")[:1] == mark


def _quote_left(boxes: list[_Box], matched: int) -> bool:
    """Whether a quote is among the containers the line does not continue."""
    return boxes[-1].quotes > (boxes[matched - 1].quotes if matched else 0)


def _opens(line: str, pos: int, rule: tuple[int, str]) -> bool:
    """Whether the line ends a paragraph it could continue lazily (most often by opening a container).

    A footnote definition ends a paragraph, but markdown-it lets a quote take it as a lazy line:
    the caller reads it both ways.
    """
    if _is_rule(line, pos, rule) or _HEADING.match(line, pos) or _FENCE.match(line, pos):
        return True  # they open nothing, but end the paragraph: the next line cannot be lazy
    return bool(_QUOTE.match(line, pos) or _ITEM.match(line, pos))


def _cannot_interrupt(line: str, pos: int) -> bool:
    """An item CommonMark does not let end a paragraph: an empty one, or a number other than 1."""
    match = _ITEM.match(line, pos)
    if not match:
        return False
    marker = line[pos : match.end()].strip()
    return not line[match.end() :].strip() or (marker[0].isdigit() and int(marker[:-1]) != 1)


def _open(line: str, pos: int, rule: tuple[int, str], boxes: list[_Box], limit: int) -> int:
    """Push the containers the line opens from `pos`, up to `limit` levels; returns where it goes on."""
    shift = 0  # columns markdown-it counts after a note's colon that this line does not show
    while not _is_rule(line, pos, rule):
        if match := _QUOTE.match(line, pos):
            kind, width, end, shift = "quote", 0, match.end(), 0
        elif match := _ITEM.match(line, pos):
            spaces = _SPACES.match(line, match.end()).end() - match.end()
            # CommonMark: 1-4 spaces after the marker set the content column; more start code.
            gap = spaces if 0 < spaces <= 4 and match.end() + spaces < len(line) else 1
            kind, width, end = "item", shift + match.end() - pos + gap, min(match.end() + gap, len(line))
            shift = 0
        elif match := _NOTE.match(line, pos):
            # A note's lines go on 4 columns in, but markdown-it sets its first line's content at
            # 4 + the spaces after the colon (when fewer than 4): what opens there is that much wider.
            end = _SPACES.match(line, match.end()).end()
            spaces = end - match.end()
            kind, width, shift = "note", 4, spaces if spaces < 4 else spaces - 4
        else:
            break
        depth = (boxes[-1].depth if boxes else 0) + _WEIGHT[kind]
        if depth > limit:
            break
        boxes.append(_Box(kind, width, depth, (boxes[-1].quotes if boxes else 0) + (kind == "quote")))
        pos = end
    return pos
