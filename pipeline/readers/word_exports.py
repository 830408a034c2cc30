"""What word processors' Markdown exports write differently: Google Docs escapes the list markers a
person typed (`\\- item`, `1\\. item`) and pandoc puts `{#id .class}` after headings and writes grid
and simple tables. A text pass before the parse turns them into the Markdown they mean; pandoc's
`[text]{.underline}` spans (parsed by mdit-py-plugins' attrs plugin) become the model's styles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import guide as m
from pipeline.readers.pandoc_tables import pipe_table_lines

# A text pass, not a markdown-it rule: by the time a block rule sees "\- item" CommonMark has made
# it a paragraph, and the escape is only a line-start matter. Fenced code keeps its text (below);
# indented code (4 spaces) never matches.
_ESCAPED_MARKER = re.compile(r"^( {0,3})(?:\\([-*+])|(\d{1,9})\\([.)]))(?=[ \t])")
# "# Summary {#summary .unnumbered}": pandoc's attributes after a heading say nothing to a reader.
_HEADING_ATTRS = re.compile(r"^( {0,3}#{1,6}[ \t].*?)[ \t]+\{[#.][^{}]*\}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
# What tells that the pass has anything to do (most manuscripts: nothing, one search each).
_ANY = re.compile(r"^ {0,3}(?:\\[-*+]|\d{1,9}\\[.)])[ \t]|\{[#.]|^ *(?:\+[-=:]|-{3,}[ \t]+-{3,})", re.M)


@dataclass(frozen=True, slots=True)
class Exported:
    """The text as Markdown, the 1-based source line of each of its lines, and warnings (line, text)."""

    text: str
    line_map: tuple[int, ...]
    notes: tuple[tuple[int, str], ...] = ()


def read_word_export(text: str) -> Exported | None:
    """The text with escaped list markers, heading attributes and pandoc tables made Markdown; None
    when it has none of them (its lines then map to themselves)."""
    if not _may_hold_export(text) or not _ANY.search(text):
        return None
    lines = text.split("\n")
    out: list[str] = []
    line_map: list[int] = []
    notes: list[tuple[int, str]] = []
    in_fence = False
    index = 0
    while index < len(lines):
        line = lines[index]
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or _FENCE.match(line):
            out.append(line)
            line_map.append(index + 1)
            index += 1
            continue
        table = pipe_table_lines(lines, index)
        if table is not None:
            for offset, row in table.rows:
                out.append(row)
                line_map.append(index + offset + 1)
            if table.note:
                notes.append((index + 1, table.note))
            index += table.length
            continue
        line = _ESCAPED_MARKER.sub(_unescape, line)
        out.append(_HEADING_ATTRS.sub(r"\1", line))
        line_map.append(index + 1)
        index += 1
    return Exported("\n".join(out), tuple(line_map), tuple(notes))


def _may_hold_export(text: str) -> bool:
    """False when `_ANY` cannot match: each of its alternatives needs one of these (a substring test
    runs through the text many times faster than the pattern tries it at every place)."""
    return any(needed in text for needed in ("\\", "{", "+", "--- ", "---\t"))


def _unescape(match: re.Match[str]) -> str:
    indent, bullet, number, delimiter = match.groups()
    return indent + (bullet or f"{number}{delimiter}")


# Pandoc's span classes for Word's character formatting, as the model's styles; other classes
# (a custom style name, a language) say nothing a reader sees, so their span just unwraps.
_SPAN_STYLES: dict[str, m.StyleKind] = {"underline": "underline", "smallcaps": "small", "mark": "mark"}


def styled_span(classes: str, children: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    """A `[text]{.underline}` span as a Styled inline, or just its text when no class is a style."""
    for name in classes.split():
        if name in _SPAN_STYLES:
            return (m.Styled(_SPAN_STYLES[name], children),)
    return children
