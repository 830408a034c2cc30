"""HTML inside a manuscript, read into the model and never printed.

Note apps and word processors put HTML in what they export (`<aside>`, `<details>`, `<b>`, `<br>`,
comments). It is read by the standard library's HTML tokenizer (`html.parser`, which follows the
HTML tokenizing rules and never builds or fixes a tree) into the model's own blocks and inlines:

- inline formatting is kept (b, strong, i, em, u, mark, s, sup, sub, small, code, q, abbr, br);
- containers are unwrapped and their text kept (div, span, p, aside, section, details, summary,
  font, center, figure and any tag not named here);
- headings, lists, tables, block quotes, `<pre>` and `<hr>` mean what they mean in Markdown;
- comments disappear; script, style, iframe, object, embed, form, template and the other
  elements in `DROPPED` disappear with everything inside them, and only that is warned about
  (W-RAW-HTML, naming the element and the line);
- links and images go through the manuscript's one link and image policy (links.py).

A tokenizer rather than a tree builder because markdown-it hands inline HTML over one tag at a time
(`<b>`, then text, then `</b>` as separate tokens): the tags are paired here, on the same stack as
Markdown's own emphasis (tokens.Converter), and a tree builder would close `<b>` at its token's end.
Nothing of a tag ever becomes text; attributes other than href, src, alt, title and start are never read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from pipeline.i18n.typography import quote_marks, smarten
from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.model.text import plain_text

# Elements that run code, embed other documents or take input: gone with all they hold.
DROPPED = frozenset(
    (
        *("script", "style", "iframe", "object", "embed", "form", "template", "noscript", "noembed"),
        *("noframes", "frame", "frameset", "applet", "svg", "math", "canvas", "video", "audio"),
        *("button", "input", "select", "textarea", "option", "head", "title", "meta", "link"),
        *("base", "param", "source", "track", "portal", "dialog"),
    )
)
# Of those, the ones that never have content (no end tag follows).
_DROPPED_VOID = frozenset(["embed", "input", "meta", "link", "base", "param", "source", "track", "frame"])
# Tags whose content is ignored without a warning: nothing of the author's is lost with them.
_SILENT = frozenset(["head", "title", "meta", "link", "base"])
INLINE_KINDS: dict[str, str] = {
    **dict.fromkeys(("b", "strong"), "strong"),
    **dict.fromkeys(("i", "em", "cite", "dfn", "var"), "emph"),
    **dict.fromkeys(("s", "del", "strike"), "strike"),
    **dict.fromkeys(("code", "kbd", "samp", "tt"), "code"),
    **dict.fromkeys(("u", "ins"), "underline"),
    **{name: name for name in ("mark", "sup", "sub", "small", "abbr", "q", "a")},
}
_VOID = frozenset(["br", "img", "hr", "wbr", "col", "area"])

# Tags nested deeper than this add no level (the writers recurse per level), as tokens.py does
# for Markdown's emphasis.
MAX_DEPTH = 40
_FLAT = "\x00flat"

InlineFrame = tuple[str, str, list[m.Inline]]  # the Converter's stack: (kind, attribute, children)
Event = tuple[str, str, dict[str, str], int]  # (start|end|data, tag or text, attributes, line offset)


class _Events(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[Event] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {
            name: value or "" for name, value in attrs if name in ("href", "src", "alt", "title", "start")
        }
        self.events.append(("start", tag, wanted, self.getpos()[0] - 1))
        if tag in _VOID or tag in _DROPPED_VOID:
            self.events.append(("end", tag, {}, self.getpos()[0] - 1))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and tag not in _DROPPED_VOID:
            self.events.append(("end", tag, {}, self.getpos()[0] - 1))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and tag not in _DROPPED_VOID:
            self.events.append(("end", tag, {}, self.getpos()[0] - 1))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", data, {}, self.getpos()[0] - 1))

    # Comments, declarations (<!DOCTYPE>), processing instructions and CDATA: nothing to read.


def html_events(markup: str) -> list[Event]:
    """The start tags, end tags and text of some HTML, in order; an unfinished tag or comment at
    the end is left out (the tokenizer would otherwise hand it back as text)."""
    parser = _Events()
    parser.feed(markup)
    if not parser.rawdata.lstrip().startswith("<"):
        parser.close()  # what is left is text the tokenizer held back for its character references
    return parser.events


@dataclass(slots=True)
class HtmlReader:
    """Reads the HTML of one manuscript; `text_inlines` reads the text between tags (inline
    Markdown in a Markdown manuscript, plain text in a Word file)."""

    report: Report
    language: str
    text_inlines: Callable[[str, int], tuple[m.Inline, ...]]
    vet_link: Callable[[str, int], str | None]
    vet_image: Callable[[str, int], str | None]
    safe: Callable[[str, int], str]
    dropping: list[str] = field(default_factory=list)  # dropped elements still open after a block
    too_deep: bool = False  # warned once about nesting past MAX_DEPTH

    # ------------------------------------------------------------ inline tags

    def inline_markup(self, markup: str, stack: list[InlineFrame], line: int) -> None:
        """One html_inline token: a tag opens or closes a frame on the Converter's stack."""
        for kind, value, attrs, _ in html_events(markup):
            if kind == "start":
                self.open_tag(value, attrs, stack, line)
            elif kind == "end":
                self.close_tag(value, stack, line)
            elif not _dropping(stack):
                stack[-1][2].extend(self.text_inlines(value, line))

    def open_tag(self, name: str, attrs: dict[str, str], stack: list[InlineFrame], line: int) -> None:
        if _dropping(stack):
            if name == stack[-1][0].removeprefix("html:"):
                stack.append((f"html:{name}", "nested", []))  # the same element nested: count its ends
            return
        if name == "br":
            stack[-1][2].append(m.LineBreak())
        elif name == "img":
            src = self.vet_image(attrs.get("src", ""), line)
            alt = self.safe(attrs.get("alt", ""), line)
            stack[-1][2].append(m.Image(src, alt) if src is not None else m.Text(alt))
        elif name in _DROPPED_VOID:
            self._dropped(name, line)
        elif name in DROPPED:
            stack.append((f"html:{name}", str(line), []))  # warned about at its end, naming this line
        elif name not in _VOID and len(stack) > MAX_DEPTH:
            stack.append((f"html:{name}", _FLAT, []))  # its text joins the enclosing level
            if not self.too_deep:
                self.too_deep = True
                self.report.warn(
                    "W-TOO-DEEP", f"HTML nested deeper than {MAX_DEPTH} levels is flattened", line
                )
        elif name not in _VOID:
            stack.append((f"html:{name}", attrs.get({"a": "href", "abbr": "title"}.get(name, ""), ""), []))

    def close_tag(self, name: str, stack: list[InlineFrame], line: int) -> None:
        """Close the innermost open `name`, and every tag left open inside it; a stray end tag is
        ignored, and so is every end tag inside a dropped element but its own."""
        if _dropping(stack) and stack[-1][0] != f"html:{name}":
            return
        for depth in range(len(stack) - 1, 0, -1):
            if stack[depth][0] == f"html:{name}":
                break
        else:
            return
        while len(stack) > depth:
            self.settle_top(stack, line)

    def settle(self, stack: list[InlineFrame], line: int) -> None:
        """Close every HTML tag left open at the top of the stack (a Markdown closer, or the end
        of the paragraph, ends them)."""
        while len(stack) > 1 and stack[-1][0].startswith("html:"):
            self.settle_top(stack, line)

    def settle_top(self, stack: list[InlineFrame], line: int) -> None:
        kind, attr, children = stack.pop()
        name = kind.removeprefix("html:")
        if not kind.startswith("html:"):  # a Markdown opener left open inside a tag: keep its text
            stack[-1][2].extend(children)
            return
        if name in DROPPED:
            if not _dropping(stack) and attr.isdigit():
                self._dropped(name, int(attr))
            return
        if attr == _FLAT:
            stack[-1][2].extend(children)
            return
        stack[-1][2].extend(self.element(name, attr, tuple(children), line))

    def element(
        self, name: str, attr: str, children: tuple[m.Inline, ...], line: int
    ) -> tuple[m.Inline, ...]:
        kind = INLINE_KINDS.get(name)
        if kind == "strong":
            return (m.Strong(children),)
        if kind == "emph":
            return (m.Emph(children),)
        if kind == "strike":
            return (m.Strike(children),)
        if kind == "code":
            return (m.Code(plain_text(children)),)
        if kind == "q":
            marks = quote_marks(self.language.split("-")[0].lower())
            return (m.Text(marks[0]), *children, m.Text(marks[1]))
        if kind == "a":
            href = self.vet_link(attr, line) if attr else None
            return (m.Link(href, children),) if href is not None else children
        if kind in ("underline", "mark", "sup", "sub", "small", "abbr"):
            title = self.safe(attr, line) if kind == "abbr" else ""
            return (m.Styled(kind, children, title),)  # type: ignore[arg-type]
        return children  # a container: its text stays, the tag goes

    def _dropped(self, name: str, line: int) -> None:
        if name not in _SILENT:
            self.report.warn("W-RAW-HTML", dropped_message(name), line)


def dropped_message(name: str) -> str:
    return f"<{name}> removed with its content: HTML that runs, styles or embeds never reaches a guide"


def _dropping(stack: list[InlineFrame]) -> bool:
    return len(stack) > 1 and stack[-1][0].removeprefix("html:") in DROPPED


def plain_text_inlines(
    language: str, safe: Callable[[str, int], str]
) -> Callable[[str, int], tuple[m.Inline, ...]]:
    """Text between tags as it stands, with the language's typography (a Word file's text is not
    Markdown: its asterisks are asterisks)."""

    def read(text: str, line: int) -> tuple[m.Inline, ...]:
        return (m.Text(smarten(safe(text, line), language)),) if text else ()

    return read
