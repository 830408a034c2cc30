"""Caps block nesting in Markdown text before markdown-it reads it, in one pass over the lines.

markdown-it stops descending at its `maxNesting` and silently drops the rest of that container, often
the rest of the file; mending that after the parse meant parsing again, and an input could make that
repeat (footnote definitions before a deep list did, about 14 ms per level). Instead, each line's
containers (block quotes, list items, footnote definitions) are followed here as CommonMark opens
and continues them; once `limit` levels are open, a line that reaches them all loses the markers and
indentation that would go deeper: its text joins the deepest container, as a plain paragraph.

The model errs on the deep side (a blank or lazy line keeps every container open, any list marker
opens a list), so markdown-it never nests deeper than it says. Every container consumes at least
one character of the line it is matched on, and no more than `limit` are followed, so the pass is
linear in the size of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE = re.compile(r" {0,3}> ?")
_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?= |$)")
_NOTE = re.compile(r" {0,3}\[\^[^\]\s]+\]:")
_LAST_MARK = re.compile(r"([-*_])[ ]*$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_SPACES = re.compile(r" *")
# What would open containers past the limit: removed with the indentation around it, in one match.
_DEEPER = re.compile(r"(?: *(?:>|(?:[-*+]|\d{1,9}[.)])(?= |$)|\[\^[^\]\s]+\]:))* *")

# The levels markdown-it spends on each kind of container: a list and its item, a quote, a note.
_WEIGHT = {"item": 2, "quote": 1, "note": 1}


@dataclass(slots=True)
class _Box:
    kind: str  # "quote", "item" or "note"
    width: int  # columns of indentation that continue an item or a note (a quote needs its ">")
    depth: int  # levels markdown-it has opened once inside it, this one included


@dataclass(slots=True)
class _Fence:
    marker: str
    boxes: int  # the containers it sits in


def cap_nesting(text: str, limit: int) -> tuple[str, list[int]]:
    """The text with no block nested more than `limit` levels deep, and the 0-based lines changed.

    The text keeps its line count, so line numbers in what markdown-it makes of it stay true.
    """
    if len(text) < limit:  # too short to nest that deep: every container takes a character
        return text, []
    lines = text.split("\n")
    boxes: list[_Box] = []
    fence: _Fence | None = None
    paragraph = False  # the last line could be continued lazily
    changed: list[int] = []
    for number, raw in enumerate(lines):
        line = raw.expandtabs(4) if "\t" in raw else raw
        if not line.strip():
            paragraph = False
            continue  # a blank line ends nothing here: erring deep
        matched, pos = _continue(line, boxes)
        rule = _rule_start(line)
        if fence is not None and matched < fence.boxes:
            fence = None
        if fence is not None:
            paragraph = False
            if re.match(rf" {{0,3}}{re.escape(fence.marker)}+ *$", line[pos:]):
                fence = None
            continue
        if matched < len(boxes) and paragraph and not _opens(line, pos, rule):
            continue  # a lazy continuation line: it keeps every container open and opens none
        del boxes[matched:]
        pos = _open(line, pos, rule, boxes, limit)
        if boxes and boxes[-1].depth >= limit - 1:  # full: nothing more may open here
            deeper = _DEEPER.match(line, pos).end()
            if deeper > pos:
                lines[number] = line[:pos] + line[deeper:]
                changed.append(number)
                pos = deeper
        opening = _FENCE.match(line, pos)
        fence = _Fence(opening.group(1)[0] * 3, len(boxes)) if opening else None
        paragraph = fence is None
    return ("\n".join(lines), changed) if changed else (text, [])


def _continue(line: str, boxes: list[_Box]) -> tuple[int, int]:
    """How many open containers the line continues, and the position after them."""
    matched = pos = 0
    run_end = _SPACES.match(line).end()  # the indentation is measured once per run of spaces
    for box in boxes:
        if box.kind == "quote":
            match = _QUOTE.match(line, pos)
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


def _opens(line: str, pos: int, rule: tuple[int, str]) -> bool:
    return not _is_rule(line, pos, rule) and any(p.match(line, pos) for p in (_QUOTE, _ITEM, _NOTE))


def _open(line: str, pos: int, rule: tuple[int, str], boxes: list[_Box], limit: int) -> int:
    """Push the containers the line opens from `pos`, up to `limit` levels; returns where it goes on."""
    while not _is_rule(line, pos, rule):
        if match := _QUOTE.match(line, pos):
            kind, width, end = "quote", 0, match.end()
        elif match := _ITEM.match(line, pos):
            spaces = _SPACES.match(line, match.end()).end() - match.end()
            # CommonMark: 1-4 spaces after the marker set the content column; more start code.
            gap = spaces if 0 < spaces <= 4 and match.end() + spaces < len(line) else 1
            kind, width, end = "item", match.end() - pos + gap, min(match.end() + gap, len(line))
        elif match := _NOTE.match(line, pos):
            kind, width, end = "note", 4, _SPACES.match(line, match.end()).end()
        else:
            break
        depth = (boxes[-1].depth if boxes else 0) + _WEIGHT[kind]
        if depth > limit:
            break
        boxes.append(_Box(kind, width, depth))
        pos = end
    return pos
