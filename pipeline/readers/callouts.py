"""Callouts and alerts: a block quote whose first line is `[!kind]` (Obsidian's `> [!note] Title`,
`> [!tip]-` folded, GitHub's `> [!NOTE]`) is an aside of that kind with its title; `> [!quote]
Speaker` is a pull quote spoken by its title.

A core rule of the parser marks such quotes after the block pass (so quotes inside code stay
quotes of code), and `callout_block` turns the marked tokens into the model. A guide is read, not
clicked: folded callouts are shown open. A callout without a title gets none, rather than an English
"Note" in a guide in any language; its kind still shows in its style.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from pipeline.model import guide as m
from pipeline.model.lazy_pattern import LazyPattern

if TYPE_CHECKING:  # tokens.py calls in here with its converter
    from pipeline.readers.tokens import Converter

_MARKER = LazyPattern(r"^\[!(?P<kind>[A-Za-z][\w-]{0,30})\](?P<fold>[+-]?)[ \t]*(?P<title>[^\n]*)(?:\n|$)")

# The kinds Obsidian and GitHub know, each with its aliases, as the few styles a guide gives them.
_KINDS = {
    "note": "note",
    "info": "info",
    "todo": "info",
    "abstract": "summary",
    "summary": "summary",
    "tldr": "summary",
    "tip": "tip",
    "hint": "tip",
    "important": "important",
    "success": "success",
    "check": "success",
    "done": "success",
    "question": "question",
    "help": "question",
    "faq": "question",
    "warning": "warning",
    "caution": "warning",
    "attention": "warning",
    "failure": "danger",
    "fail": "danger",
    "missing": "danger",
    "danger": "danger",
    "error": "danger",
    "bug": "danger",
    "example": "example",
    "quote": "quote",
    "cite": "quote",
}


def callout_kind(written: str) -> str:
    """The style of a kind as written (`NOTE`, `cite`, `faq`); kinds no app defines are notes."""
    return _KINDS.get(written.casefold(), "note")


def callouts_rule(state: StateCore) -> None:
    """Block quotes that open with a `[!kind]` line open as `callout_open` (closing as quotes do),
    the marker line taken out of their first paragraph and its title kept as an inline token."""
    if "[!" not in state.src:  # no marker anywhere: no token to look at
        return
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        opening = tokens[index]
        index += 1
        if opening.type != "blockquote_open" or index + 1 >= len(tokens):
            continue
        paragraph, inline = tokens[index], tokens[index + 1]
        if paragraph.type != "paragraph_open" or inline.type != "inline":
            continue
        match = _MARKER.match(inline.content)
        if match is None:
            continue
        opening.type = "callout_open"  # it still closes with its blockquote_close
        opening.meta = {"kind": callout_kind(match.group("kind"))}
        title = Token("inline", "", 0, content=match.group("title").strip(), map=opening.map, children=[])
        title.level = opening.level + 1
        rest = inline.content[match.end() :]
        if rest.strip():
            inline.content = rest
        else:
            del tokens[index : index + 3]  # the paragraph held only the marker line
        tokens.insert(index, title)


def callout_block(converter: Converter, tokens: list[Token], index: int) -> tuple[m.Block, int]:
    """The callout opening at `index` as an Aside (a pull quote for the quote kind); the index past it."""
    opening = tokens[index]
    loc = converter.loc(opening)
    title = converter.inlines(tokens[index + 1].children or [], loc.line)
    inner, after = converter.blocks(tokens, index + 2, "blockquote_close")
    kind = opening.meta.get("kind", "note")
    if kind == "quote" and not inner and title:
        # "> [!quote] Whatever our souls are made of": the words are the title, and no one says them.
        return m.BlockQuote((m.Paragraph(title, loc),), loc), after
    if kind == "quote":
        return m.BlockQuote(tuple(inner), loc, speaker=title), after
    return m.Aside(kind, title, tuple(inner), loc), after
