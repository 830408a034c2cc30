"""markdown-it's rules tried only where they can match: by the character they must start at.

markdown-it tries every block rule at every line and every inline rule at every character that
ends a run of plain text, in order, until one matches; almost all of them look at one character
and give up (after a debug-logging call each). A rule whose syntax starts with a known character
(a heading's "#", a link's "[") cannot match anywhere else, so skipping it there leaves every token
as it was: the same rules, in the same order, see every place they could match. Rules this module
does not know (a plugin added later) are tried everywhere, as before. Likewise the first rule,
which rewrites line endings, runs only on text that has one to rewrite.

The setext heading rule ("lheading"), tried at the start of every paragraph, reads the paragraph's
lines ahead for an underline; it is tried only where a later line before the next blank one is an
underline of "=" or "-" (after indentation and blockquote marks), found by one search in C.

The characters come from each rule's own first test (markdown-it-py 4.3, mdit-py-plugins 0.7 and
note_syntax.py); tests/readers/test_rule_triggers.py parses the CommonMark examples with and
without the triggers and compares the tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.lheading import lheading
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline

_DIGITS = "0123456789"

# Block rule -> the characters its line must start with (after its indentation).
BLOCK_TRIGGERS: dict[str, str] = {
    "front_matter": "-",  # and only on the first line
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+" + _DIGITS,  # a bullet or an ordered list's ASCII number
    "footnote_def": "[",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
    "note_comment": "%",
}

# Inline rule -> the characters it must start at.
INLINE_TRIGGERS: dict[str, str] = {
    "note_comment": "%",
    "block_id": "^",
    "note_tag": "#",
    "newline": "\n",
    "escape": "\\",
    "backticks": "`",
    "mark": "=",
    "strikethrough": "~",
    "emphasis": "*_",
    "wikilink": "[!",
    "link": "[",
    "span": "[",
    "image": "!",
    "footnote_inline": "^",
    "footnote_ref": "[",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
    "attr": "{",
}

InlineRule = Callable[[StateInline, bool], bool]
BlockRule = Callable[[StateBlock, int, int, bool], bool]


def use_triggers(md: MarkdownIt) -> None:
    """Guard the known block rules by their line's first character, and try the inline rules after
    "text" through one look-up by the character at hand. Call once the parser has every plugin."""
    _normalize_when_needed(md)
    for rule in md.block.ruler.__rules__:
        chars = BLOCK_TRIGGERS.get(rule.name)
        if chars is not None and rule.enabled:
            md.block.ruler.at(rule.name, _guarded(rule.fn, frozenset(chars)), {"alt": list(rule.alt)})
        elif rule.name == "lheading" and rule.enabled and rule.fn is lheading:  # markdown-it's own
            md.block.ruler.at(rule.name, _when_underlined(rule.fn), {"alt": list(rule.alt)})
    _dispatch_inline(md)


def _normalize_when_needed(md: MarkdownIt) -> None:
    """markdown-it's first rule rewrites every line ending to "\n" and NUL to U+FFFD, a regular
    expression over the whole text that matches at every line; text with neither "\r" nor NUL
    (every manuscript: sources.py cleans both away) comes out of it unchanged, so it is skipped."""
    rules: list[Any] = md.core.ruler.__rules__
    normalize = next((rule.fn for rule in rules if rule.name == "normalize" and rule.enabled), None)
    if normalize is None:
        return

    def normalize_when_needed(state: StateCore) -> None:
        if "\r" in state.src or "\0" in state.src:
            normalize(state)

    md.core.ruler.at("normalize", normalize_when_needed)


def _guarded(rule: BlockRule, chars: frozenset[str]) -> BlockRule:
    def guarded(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        begin = state.bMarks[start_line] + state.tShift[start_line]
        if state.src[begin : begin + 1] not in chars:
            return False
        return rule(state, start_line, end_line, silent)

    return guarded


# A line that could underline a setext heading: a run of "=" or of "-" and nothing else but spaces
# and tabs, after the ">" of blockquotes (the only marks a container puts before a continuation
# line's text; a line a region cuts short may match too, which only means lheading is tried).
_UNDERLINE = re.compile(r"\n[ \t>]*(?:-+|=+)[ \t]*(?:\n|\Z)")


def _when_underlined(rule: BlockRule) -> BlockRule:
    def underline_guarded(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        # The lines lheading reads: after the first, up to end_line, stopping at an empty line (an
        # empty line of the source is empty in every container). Without an underline among them
        # it returns False, having set parentType unless the line is code: so does this.
        src = state.src
        stop = state.bMarks[end_line] if end_line < state.lineMax else len(src)
        blank = src.find("\n\n", state.eMarks[start_line], stop)
        if _UNDERLINE.search(src, state.eMarks[start_line], stop if blank < 0 else blank + 1):
            return rule(state, start_line, end_line, silent)
        if not state.is_code_block(start_line):
            state.parentType = "paragraph"  # what lheading leaves behind when it finds no underline
        return False

    return underline_guarded


def _dispatch_inline(md: MarkdownIt) -> None:
    """One rule in place of the enabled ones after "text": each character's list keeps their order,
    and a rule with no known trigger is in every list."""
    rules: list[Any] = md.inline.ruler.__rules__
    if not rules or rules[0].name != "text":
        return
    tried = [rule for rule in rules[1:] if rule.enabled]
    if not tried:
        return
    chars = {char for rule in tried for char in INLINE_TRIGGERS.get(rule.name, "")}
    table: dict[str, tuple[InlineRule, ...]] = {
        char: tuple(r.fn for r in tried if char in INLINE_TRIGGERS.get(r.name, char)) for char in chars
    }
    anywhere = tuple(r.fn for r in tried if r.name not in INLINE_TRIGGERS)

    def by_trigger(state: StateInline, silent: bool) -> bool:
        # A loop, not any() over a generator: this runs at every place plain text stops.
        for rule in table.get(state.src[state.pos], anywhere):  # noqa: SIM110
            if rule(state, silent):
                return True
        return False

    md.inline.ruler.disable([rule.name for rule in tried])
    md.inline.ruler.after("text", "by_trigger", by_trigger)
