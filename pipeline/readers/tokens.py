"""markdown-it tokens -> model blocks and inlines; the only module that knows token types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markdown_it.token import Token

from pipeline.i18n.typography import smarten
from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.model.location import SourceLocation
from pipeline.model.text import plain_text
from pipeline.readers.callouts import callout_block
from pipeline.readers.definitions import definition_list
from pipeline.readers.parse import markdown_parser
from pipeline.readers.unsafe_chars import strip_unsafe
from pipeline.readers.word_exports import styled_span

if TYPE_CHECKING:  # imported when a manuscript holds HTML: most hold none
    from pipeline.readers.html import HtmlReader

_OPENERS = ("em_open", "strong_open", "s_open", "mark_open", "link_open", "span_open")
_CLOSERS = ("em_close", "strong_close", "s_close", "mark_close", "link_close", "span_close")
# Emphasis nested deeper than this is flattened (with W-TOO-DEEP): the writers recurse per level.
MAX_INLINE_DEPTH = 40

LinkPolicy = Callable[[str, int], str | None]  # (href, line) -> vetted href, or None to unlink
ImagePolicy = Callable[[str, int], str | None]  # (src, line) -> local path, or None to drop


@dataclass(slots=True)
class Converter:
    """Walks one token stream; collects footnotes in order of first reference."""

    path: str
    language: str
    report: Report
    line_of: Callable[[int], int]
    vet_link: LinkPolicy
    vet_image: ImagePolicy
    keep_replacement: bool = False  # True when the author typed U+FFFD; else it marks a bad reference
    unsafe_lines: list[int] = field(default_factory=list)
    too_deep_lines: list[int] = field(default_factory=list)
    note_numbers: dict[int, int] = field(default_factory=dict)
    note_bodies: dict[int, tuple[m.Block, ...]] = field(default_factory=dict)
    markup: str = "markdown"  # "html" when the whole text is HTML (a Word file): its text is not Markdown
    html_reader: HtmlReader | None = None  # made at the first HTML the manuscript holds

    def loc(self, token: Token) -> SourceLocation:
        return SourceLocation(self.path, self.line_of(token.map[0]) if token.map else 0)

    # ------------------------------------------------------------ blocks

    def blocks(self, tokens: list[Token], start: int, stop_type: str | None) -> tuple[list[m.Block], int]:
        """Convert tokens from `start` until a closing token of `stop_type`; returns (blocks, next index)."""
        out: list[m.Block] = []
        i = start
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if stop_type is not None and kind == stop_type:
                return out, i + 1
            # Blocks inside an element being dropped (a <form> opened in an earlier HTML block).
            mark = (
                len(out) if self.html_reader and self.html_reader.dropping and kind != "html_block" else None
            )
            if kind == "paragraph_open":
                loc = self.loc(token)
                inlines = self.inlines(tokens[i + 1].children or [], loc.line)
                if inlines:
                    out.append(m.Paragraph(inlines, loc))
                i += 3
            elif kind == "heading_open":
                loc = self.loc(token)
                inlines = self.inlines(tokens[i + 1].children or [], loc.line)
                out.append(m.Heading(int(token.tag[1]), inlines, loc))
                i += 3
            elif kind in ("bullet_list_open", "ordered_list_open"):
                block, i = self._list(tokens, i)
                out.append(block)
            elif kind == "blockquote_open":
                inner, i = self.blocks(tokens, i + 1, "blockquote_close")
                out.append(m.BlockQuote(tuple(inner), self.loc(token)))
            elif kind == "callout_open":  # "> [!note] Title" (note_syntax.py)
                block, i = callout_block(self, tokens, i)
                out.append(block)
            elif kind == "dl_open":  # "Term" then ":   definition"
                block, i = definition_list(self, tokens, i)
                out.append(block)
            elif kind in ("fence", "code_block", "math_block"):
                loc = self.loc(token)
                out.append(m.CodeBlock(self.safe(token.content.rstrip("\n"), loc.line), loc))
                i += 1
            elif kind == "hr":
                out.append(m.Rule(self.loc(token)))
                i += 1
            elif kind == "html_block":
                out.extend(self._raw_html_block(token))
                i += 1
            elif kind == "table_open":
                block, i = self._table(tokens, i)
                out.append(block)
            elif kind == "footnote_block_open":
                i = self._footnotes(tokens, i + 1)
            else:  # front matter and anything a plugin adds that has no meaning here
                i += 1
            if mark is not None:
                del out[mark:]
        return out, i

    def _list(self, tokens: list[Token], i: int) -> tuple[m.ListBlock, int]:
        open_token = tokens[i]
        close = open_token.type.replace("_open", "_close")
        ordered = open_token.type == "ordered_list_open"
        start = int(open_token.attrs.get("start", 1)) if ordered else 1
        items: list[tuple[m.Block, ...]] = []
        i += 1
        while tokens[i].type != close:
            inner, i = self.blocks(tokens, i + 1, "list_item_close")
            items.append(tuple(inner))
        return m.ListBlock(tuple(items), ordered, start, self.loc(open_token)), i + 1

    def _table(self, tokens: list[Token], i: int) -> tuple[m.Table, int]:
        loc = self.loc(tokens[i])
        header: list[tuple[m.Inline, ...]] = []
        rows: list[tuple[tuple[m.Inline, ...], ...]] = []
        aligns: list[str] = []
        row: list[tuple[m.Inline, ...]] = []
        in_head = False
        i += 1
        while tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type in ("th_open", "td_open"):
                style = str(token.attrs.get("style", ""))
                if in_head:
                    aligns.append(style.removeprefix("text-align:") or "")
            elif token.type == "inline":
                row.append(self.inlines(token.children or [], loc.line))
            elif token.type == "tr_close":
                (header if in_head else rows).extend([tuple(row)] if not in_head else row)
                row = []
            i += 1
        return m.Table(tuple(header), tuple(rows), tuple(aligns), loc), i + 1

    def _footnotes(self, tokens: list[Token], i: int) -> int:
        while tokens[i].type != "footnote_block_close":
            token = tokens[i]
            if token.type == "footnote_open":
                inner, i = self.blocks(tokens, i + 1, "footnote_close")
                self.note_bodies[int(token.meta["id"])] = tuple(inner)
            else:
                i += 1
        return i + 1

    def _raw_html_block(self, token: Token) -> list[m.Block]:
        from pipeline.readers.html_blocks import HtmlBlocks

        reader = HtmlBlocks(self.html(), self.path, self.line_of)
        return reader.read(token.content, token.map[0] if token.map else 0)

    def html(self) -> HtmlReader:
        if self.html_reader is None:
            from pipeline.readers.html import HtmlReader, plain_text_inlines

            text = (
                plain_text_inlines(self.language, self.safe) if self.markup == "html" else self._markdown_text
            )
            self.html_reader = HtmlReader(
                self.report, self.language, text, self.vet_link, self.vet_image, self.safe
            )
        return self.html_reader

    def _markdown_text(self, text: str, line: int) -> tuple[m.Inline, ...]:
        """Text inside an HTML block, read as inline Markdown (note apps write **bold** there); its
        `<` and `&` are the author's characters, escaped so they stay characters."""
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")
        tokens = markdown_parser(self.language).parseInline(escaped)
        return self.inlines(tokens[0].children or [] if tokens else [], line)

    # ------------------------------------------------------------ inlines

    def safe(self, text: str, line: int) -> str:
        """Character references (&#12;) and bad ones (U+FFFD) can still smuggle in what XML refuses."""
        cleaned = strip_unsafe(text)
        if not self.keep_replacement:
            cleaned = cleaned.replace("\ufffd", "")
        if cleaned != text:
            self.unsafe_lines.append(line)
        return cleaned

    def inlines(self, tokens: list[Token], line: int) -> tuple[m.Inline, ...]:
        stack: list[tuple[str, str, list[m.Inline]]] = [("root", "", [])]
        skipped: list[str] = []  # openers past MAX_INLINE_DEPTH: their text joins the enclosing level
        for token in tokens:
            kind = token.type
            top = stack[-1][2]
            if kind == "text":
                if token.content:
                    top.append(m.Text(smarten(self.safe(token.content, line), self.language)))
            elif kind == "softbreak":
                top.append(m.Text("\n"))  # kept, so "Key: Value" lines stay apart
            elif kind == "hardbreak":
                top.append(m.LineBreak())
            elif kind in ("code_inline", "math_inline"):  # TeX math as written (parse.py)
                top.append(m.Code(self.safe(token.content, line)))
            elif kind in _OPENERS:
                if len(stack) > MAX_INLINE_DEPTH:
                    skipped.append(kind)
                    self.too_deep_lines.append(line)
                    continue
                # A link's href, or a pandoc span's classes ("underline"), carried to its closing.
                href = str(token.attrs.get("href" if kind == "link_open" else "class", ""))
                stack.append((kind, href, []))
            elif kind in _CLOSERS and skipped:
                skipped.pop()
            elif kind in _CLOSERS and len(stack) > 1:
                if self.html_reader is not None:  # tags left open inside the emphasis end with it
                    self.html_reader.settle(stack, line)
                opener, href, children = stack.pop()
                stack[-1][2].extend(self._close(opener, href, tuple(children), line))
            elif kind == "image":
                alt = self.safe(plain_text(self.inlines(token.children or [], line)) or token.content, line)
                src = self.vet_image(str(token.attrs.get("src", "")), line)
                if src is not None or alt:  # a refused image without alt text leaves nothing
                    top.append(m.Image(src, alt) if src is not None else m.Text(alt))
            elif kind == "footnote_ref":
                note_id = int(token.meta["id"])
                number = self.note_numbers.setdefault(note_id, len(self.note_numbers) + 1)
                top.append(m.NoteRef(number))
            elif kind == "html_inline":
                self.html().inline_markup(token.content, stack, line)
        if self.html_reader is not None:
            self.html_reader.settle(stack, line)
        while len(stack) > 1:  # unbalanced markers cannot happen in markdown-it, but never lose text
            _, _, children = stack.pop()
            stack[-1][2].extend(children)
        return _merge_text(stack[0][2])

    def _close(
        self, opener: str, href: str, children: tuple[m.Inline, ...], line: int
    ) -> tuple[m.Inline, ...]:
        if opener == "em_open":
            return (m.Emph(children),)
        if opener == "strong_open":
            return (m.Strong(children),)
        if opener == "s_open":
            return (m.Strike(children),)
        if opener == "mark_open":
            return (m.Styled("mark", children),)
        if opener == "span_open":
            return styled_span(href, children)
        vetted = self.vet_link(href, line)
        # A refused link keeps its text and formatting, without the link.
        return (m.Link(vetted, children),) if vetted is not None else children


def _merge_text(items: list[m.Inline]) -> tuple[m.Inline, ...]:
    merged: list[m.Inline] = []
    for item in items:
        if isinstance(item, m.Text) and merged and isinstance(merged[-1], m.Text):
            merged[-1] = m.Text(merged[-1].text + item.text)
        else:
            merged.append(item)
    return tuple(merged)
