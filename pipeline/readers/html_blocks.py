"""An HTML block (one of a Markdown manuscript's, or a whole Word file as HTML) into model blocks.

Headings, lists, block quotes, tables, `<pre>` and `<hr>` become the blocks Markdown's would;
every other container (p, div, aside, details, summary, figure …) only ends a paragraph, and its
text stays. Inline tags are read by html.HtmlReader on the same kind of stack Markdown's emphasis
uses. An element to drop (script, form …) left open at the end of a block stays open: the blocks
after it are dropped too, until the HTML block that closes it (`HtmlReader.dropping`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.model import guide as m
from pipeline.model.location import SourceLocation
from pipeline.readers.html import DROPPED, MAX_DEPTH, HtmlReader, InlineFrame, dropped_message, html_events

_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Tags that end a paragraph where they open and close (their text is kept, unwrapped).
_BREAKS = frozenset(
    (
        *("p", "div", "aside", "section", "details", "summary", "figure", "figcaption", "center"),
        *("article", "header", "footer", "main", "nav", "address", "dl", "dt", "dd", "caption"),
        *("hgroup", "body", "html"),
    )
)
_CARRIED = "\x00carried"  # the attribute of a dropped element re-opened from an earlier block


@dataclass(slots=True)
class _Container:
    """A block the HTML has opened and not yet closed, collecting what it holds."""

    kind: str  # root, list, item, quote or table
    line: int
    blocks: list[m.Block] = field(default_factory=list)
    ordered: bool = False
    start: int = 1
    items: list[tuple[m.Block, ...]] = field(default_factory=list)
    header: tuple[tuple[m.Inline, ...], ...] = ()
    rows: list[tuple[tuple[m.Inline, ...], ...]] = field(default_factory=list)
    row: list[tuple[m.Inline, ...]] = field(default_factory=list)
    head_row: bool = False


@dataclass(slots=True)
class HtmlBlocks:
    """Reads one HTML block; `line_of` maps a 0-based line of the parsed text to the manuscript's."""

    reader: HtmlReader
    path: str
    line_of: Callable[[int], int]
    first: int = 0
    containers: list[_Container] = field(default_factory=list)
    stack: list[InlineFrame] = field(default_factory=list)
    heading: int = 0
    pre: list[str] | None = None
    cell: bool = False
    in_head: bool = False
    line: int = 0

    def read(self, markup: str, first: int) -> list[m.Block]:
        self.first = first
        self.line = self.line_of(first)
        self.containers = [_Container("root", self.line)]
        self.stack = [("root", "", [])]
        for name in self.reader.dropping:
            self.stack.append((f"html:{name}", _CARRIED, []))
        self.reader.dropping = []
        for kind, value, attrs, offset in html_events(markup):
            self.line = self.line_of(first + offset)
            if kind == "data":
                self._data(value)
            elif _dropping(self.stack) and kind == "start":
                self.reader.open_tag(value, attrs, self.stack, self.line)
            elif _dropping(self.stack):
                self._close_dropped(value)
            elif kind == "start":
                self._start(value, attrs)
            else:
                self._end(value)
        drops = [i for i, frame in enumerate(self.stack) if frame[0].removeprefix("html:") in DROPPED]
        if drops:
            name = self.stack[drops[0]][0].removeprefix("html:")
            opened = self.stack[drops[0]][1]
            if opened.isdigit():
                self.reader.report.warn("W-RAW-HTML", dropped_message(name), int(opened))
            self.reader.dropping = [name]  # the blocks that follow are dropped until it closes
            del self.stack[drops[0] :]
        self._flush()
        while len(self.containers) > 1:
            self._pop_container()
        return self.containers[0].blocks

    def _close_dropped(self, name: str) -> None:
        if self.stack[-1][0] == f"html:{name}" and self.stack[-1][1] == _CARRIED:
            self.stack.pop()  # closed here, warned about where it opened
        else:
            self.reader.close_tag(name, self.stack, self.line)

    # ------------------------------------------------------------ events

    def _data(self, text: str) -> None:
        if self.pre is not None:
            self.pre.append(text)
        elif _dropping(self.stack):
            return
        elif text.strip() or self._has_text():
            self.stack[-1][2].extend(self.reader.text_inlines(text, self.line))

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        top = self.containers[-1]
        # Lists and quotes nested past MAX_DEPTH stay at that depth (the writers recurse per level).
        nests = not self.cell and len(self.containers) <= MAX_DEPTH
        if name in _HEADINGS and not self.cell:
            self._flush()
            self.heading = _HEADINGS[name]
        elif name == "pre":
            self._flush()
            self.pre = []
        elif name == "hr" and not self.cell:
            self._flush()
            self._add(m.Rule(self._loc()))
        elif name in ("ul", "ol") and nests:
            self._flush()
            start = attrs.get("start", "1")
            self.containers.append(
                _Container(
                    "list", self.line, ordered=name == "ol", start=int(start) if start.isdigit() else 1
                )
            )
        elif name == "li" and top.kind in ("list", "item") and not self.cell:
            self._flush()
            if top.kind == "item":
                self._pop_container()
            self.containers.append(_Container("item", self.line))
        elif name == "blockquote" and nests:
            self._flush()
            self.containers.append(_Container("quote", self.line))
        elif name == "table" and nests:
            self._flush()
            self.containers.append(_Container("table", self.line))
        elif name == "thead":
            self.in_head = True
        elif name in ("td", "th") and top.kind == "table":
            self._end_cell()
            top.head_row = top.head_row or self.in_head or name == "th"
            self.cell = True
        elif name == "tr" and top.kind == "table":
            self._end_row()
        elif name in _BREAKS:
            if self.cell:
                self._space()
            else:
                self._flush()
        else:
            self.reader.open_tag(name, attrs, self.stack, self.line)

    def _end(self, name: str) -> None:
        if name in _HEADINGS and self.heading:
            self._flush()
        elif name == "pre" and self.pre is not None:
            text = self.reader.safe("".join(self.pre).strip("\n"), self.line)
            self.pre = None
            if text.strip():
                self._add(m.CodeBlock(text, self._loc()))
        elif name in ("ul", "ol", "blockquote", "table"):
            kind = {"ul": "list", "ol": "list", "blockquote": "quote", "table": "table"}[name]
            if any(c.kind == kind for c in self.containers[1:]):
                self._flush()
                while self.containers[-1].kind != kind:
                    self._pop_container()
                self._pop_container()
        elif name == "li" and self.containers[-1].kind == "item":
            self._flush()
            self._pop_container()
        elif name == "thead":
            self.in_head = False
        elif name in ("td", "th") and self.cell:
            self._end_cell()
        elif name == "tr" and self.containers[-1].kind == "table":
            self._end_row()
        elif name in _BREAKS:
            if not self.cell:
                self._flush()
        else:
            self.reader.close_tag(name, self.stack, self.line)

    # ------------------------------------------------------------ building

    def _loc(self) -> SourceLocation:
        return SourceLocation(self.path, self.line)

    def _has_text(self) -> bool:
        return any(frame[2] for frame in self.stack)

    def _space(self) -> None:
        if self._has_text():
            self.stack[-1][2].append(m.Text(" "))

    def _take_inlines(self) -> tuple[m.Inline, ...]:
        self.reader.settle(self.stack, self.line)
        while len(self.stack) > 1:  # a Markdown or dropped frame cannot be open here; never lose text
            self.reader.settle_top(self.stack, self.line)
        inlines = _trimmed(self.stack[0][2])
        self.stack = [("root", "", [])]
        return inlines

    def _flush(self) -> None:
        inlines = self._take_inlines()
        level, self.heading = self.heading, 0
        if inlines:
            self._add(m.Heading(level, inlines, self._loc()) if level else m.Paragraph(inlines, self._loc()))

    def _add(self, block: m.Block) -> None:
        top = self.containers[-1]
        if top.kind == "list":  # text straight inside <ul>: an item of its own
            top.items.append((block,))
        elif top.kind == "table":
            return  # text between cells
        else:
            top.blocks.append(block)

    def _end_cell(self) -> None:
        if self.cell:
            self.containers[-1].row.append(self._take_inlines())
            self.cell = False

    def _end_row(self) -> None:
        self._end_cell()
        table = self.containers[-1]
        if table.row:
            if table.head_row and not table.header and not table.rows:
                table.header = tuple(table.row)
            else:
                table.rows.append(tuple(table.row))
        table.row, table.head_row = [], False

    def _pop_container(self) -> None:
        if self.containers[-1].kind == "table":
            self._end_row()
        elif self.cell:
            self._end_cell()
        self._flush()
        done = self.containers.pop()
        loc = SourceLocation(self.path, done.line)
        if done.kind == "item":
            self.containers[-1].items.append(tuple(done.blocks))
        elif done.kind == "list":
            if done.items:
                self._add(m.ListBlock(tuple(done.items), done.ordered, done.start, loc))
        elif done.kind == "quote":
            if done.blocks:
                self._add(m.BlockQuote(tuple(done.blocks), loc))
        elif done.kind == "table":
            header, rows = done.header, done.rows
            if not header and rows:  # Markdown tables always have a header row: the first one
                header, rows = rows[0], rows[1:]
            width = max((len(row) for row in (header, *rows)), default=0)
            if width:
                pad = ((),) * width
                self._add(
                    m.Table(
                        (header + pad)[:width],
                        tuple((row + pad)[:width] for row in rows),
                        ("",) * width,
                        loc,
                    )
                )


def _dropping(stack: list[InlineFrame]) -> bool:
    return any(frame[0].removeprefix("html:") in DROPPED for frame in stack[1:])


def _trimmed(items: list[m.Inline]) -> tuple[m.Inline, ...]:
    """Adjacent texts joined; spaces at either end and empty texts gone."""
    merged: list[m.Inline] = []
    for item in items:
        if isinstance(item, m.Text) and merged and isinstance(merged[-1], m.Text):
            merged[-1] = m.Text(merged[-1].text + item.text)
        elif not (isinstance(item, m.Text) and not item.text):
            merged.append(item)
    if merged and isinstance(merged[0], m.Text):
        merged[0] = m.Text(merged[0].text.lstrip())
    if merged and isinstance(merged[-1], m.Text):
        merged[-1] = m.Text(merged[-1].text.rstrip())
    return tuple(item for item in merged if not (isinstance(item, m.Text) and not item.text))
