"""Lint: everything the normaliser would warn about, and the sloppiness it forgives, without building."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.model import guide as m
from pipeline.model.diagnostics import Diagnostic, GuideError, Report
from pipeline.model.walk import iter_inlines

# Every code a lint run can print, with what it means; the README's table is generated from this.
CODES: dict[str, str] = {
    "E-EMPTY": "the manuscript is empty",
    "E-BINARY": "the file is not text",
    "E-ENCODING": "the bytes are not UTF-8 and no encoding fits",
    "E-TOO-LARGE": "the manuscript is over the size limit",
    "E-NO-TITLE": "no title line, '# Title' heading or front matter title",
    "E-READ": "the file cannot be read, or is a symlink to a file outside its folder",
    "E-DOCX": "a .docx that is not a readable Word document (damaged, encrypted, not a ZIP)",
    "W-ENCODING": "not UTF-8; decoded with a detected encoding",
    "W-CONTROL-CHARS": "control characters removed",
    "W-BIDI-CONTROLS": "bidirectional override characters removed",
    "W-FRONT-MATTER": "front matter is not valid YAML or not a mapping",
    "W-LANGUAGE": "language missing or not understood",
    "W-TOO-DEEP": "nesting past the parser's limit was flattened",
    "W-RAW-HTML": "HTML that runs or embeds (script, iframe, form …) was removed with its content",
    "W-CHATTER": "an opening or closing line addressed to the asker (a chat assistant's) was left out",
    "W-CITATIONS": "an answer engine's numbered sources, [1] calls and related questions were left out",
    "W-MAIL": "an e-mail's forwarding headers, quote marks, sender's note or signature were left out",
    "W-TABLE-SPANS": "a grid table with cells spanning rows or columns was read as one paragraph a cell",
    "W-LINK-REFUSED": "a link was removed (its text is kept)",
    "W-IMAGE-REFUSED": "an image is outside the folder, remote, missing or of an unknown type",
    "W-NO-AUTHOR": "no author",
    "W-NO-YEAR": "no publication year",
    "W-NO-GENRE": "no genre",
    "W-NO-PAGES": "no page count",
    "W-NO-READING-TIME": "no reading time",
    "W-NO-SUMMARY": "no summary section",
    "W-UNKNOWN-SECTION": "a section name no alias matches (kept as it is)",
    "W-EMPTY-SECTION": "a section with nothing in it",
    "W-DUPLICATE-SECTION": "a second section of the same kind",
    "W-NO-DESCRIPTION": "a character or term without a description",
    "W-STRAIGHT-QUOTES": "straight quotes the typography could not pair",
    "W-DOUBLE-SPACE": "two or more spaces between words",
}
_DOUBLE_SPACE = re.compile(r"\S {2,}\S")
# Block markers a line may open with, spaced as they like: ">", "-", "1.", and ":" or "~" before a
# definition (pandoc writes ":   definition").
_LEADING_MARKERS = re.compile(r"^\s*(?:(?:[>:~*+-]|\d{1,9}[.)])[ \t]+)*")
_MISSING = (
    ("year_text", "W-NO-YEAR", "no publication year (a Year field)"),
    ("genres", "W-NO-GENRE", "no genre (a Genre field)"),
    ("pages", "W-NO-PAGES", "no page count (a Pages field)"),
    ("reading_time", "W-NO-READING-TIME", "no reading time (a Reading Time field)"),
)


def lint_file(path: Path) -> list[Diagnostic]:
    """All diagnostics for one manuscript, in line order."""
    from pipeline.build.batch import load_guide

    try:
        guide, report = load_guide(path)
    except GuideError as exc:
        return exc.diagnostics
    extra = Report(str(path))
    for attribute, code, message in _MISSING:
        if not getattr(guide.meta, attribute):
            extra.warn(code, message, 1)
    for section in guide.sections:
        for entry in section.entries:
            if not entry.body and not entry.context:
                extra.warn("W-NO-DESCRIPTION", f"{entry.term!r} has no description", entry.loc.line)
        _straight_quotes(section, extra)
    _double_spaces(path, extra)
    return sorted([*report.items, *extra.items], key=lambda d: (d.location.line, d.code))


def _straight_quotes(section: m.Section, report: Report) -> None:
    for block_line, inline in _texts(section):
        if '"' in inline.text:
            report.warn("W-STRAIGHT-QUOTES", 'a straight double quote (") is left unpaired', block_line)
            return


def _texts(section: m.Section):
    from pipeline.model.walk import block_inlines, iter_blocks, iter_inline_tree

    for block in iter_blocks(section.blocks):
        for inlines in block_inlines(block):
            for inline in iter_inline_tree(inlines):
                if isinstance(inline, m.Text):
                    yield block.loc.line, inline
    for entry in section.entries:
        for inline in iter_inlines(m.Section(section.kind, section.title, (), section.loc, (entry,))):
            if isinstance(inline, m.Text):
                yield entry.loc.line, inline


def _double_spaces(path: Path, report: Report) -> None:
    if path.suffix.lower() == ".docx":
        return  # a ZIP archive: its lines are not the author's (and Word's spacing is its own)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return
    in_fence = False
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        words = _LEADING_MARKERS.sub("", line).rstrip()
        if not in_fence and not line.startswith(("    ", "\t")) and _DOUBLE_SPACE.search(words):
            report.warn("W-DOUBLE-SPACE", "two or more spaces between words", number)
