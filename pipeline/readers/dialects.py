"""Dialect detection and the loose-format adapter that turns bare-line headings into Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.i18n.fields import TITLE_LINE_WORDS
from pipeline.i18n.language_data import alternatives
from pipeline.i18n.scripts import COLONS
from pipeline.i18n.section_names import section_kind
from pipeline.model.lazy_pattern import LazyPattern
from pipeline.readers.byline import looks_like_byline
from pipeline.readers.front_matter import pandoc_title_block
from pipeline.readers.word_exports import read_word_export

_ATX = LazyPattern(r"^ {0,3}#{1,6}(\s|$)")
_SETEXT_UNDERLINE = LazyPattern(r"^ {0,3}(=+|-+)\s*$")
_LIST_ITEM = LazyPattern(r"^\s*([-*+•]|\d{1,9}[.)])(\s|$)")
_BLOCK_START = LazyPattern(r"^ {0,3}(>|\||```|~~~|<|\[\^|!\[)")
_DEFINITION = LazyPattern(r"^ {0,3}[:~][ \t]+\S")
_NUMBERED = LazyPattern(r"^\d{1,3}[.)]\s+\S")
_ASKS = LazyPattern(r"[?？؟]$")
# "Name - text", "Name — text": an entry line of the loose dialect (a name of up to 40 characters).
_ENTRY_LINE = LazyPattern(r"^\S.{0,39}?\s[-–—]\s+\S")
_ENDS_SENTENCE = LazyPattern(r"[.!?;,。！？；，۔\"”»)\]…]$")
# A line that ends like a sentence is prose even when it names a section ("物語は京で始まる。"; "۔" is
# the Urdu full stop).
_ENDS_STATEMENT = LazyPattern(r"[.。．!！;；,，،۔]$")
_FIELD_LIKE = LazyPattern(rf"^[^{COLONS}]{{1,40}}[{COLONS}]\s+\S")
_TITLE_FIELD = LazyPattern(rf"^(?:{alternatives(TITLE_LINE_WORDS)})\s*[{COLONS}]\s*(?=\S)", re.I)
_FRONT_MATTER = LazyPattern(r"^---[ \t]*\n")


@dataclass(frozen=True, slots=True)
class Adapted:
    """Markdown text plus, for each of its lines, the 1-based line of the manuscript it came from."""

    text: str
    line_map: tuple[int, ...]
    dialect: str
    notes: tuple[tuple[int, str], ...] = ()  # (manuscript line, warning) from reading a word export

    def source_line(self, markdown_line: int) -> int:
        """Map a 0-based line of the adapted text back to the manuscript's 1-based line."""
        if not self.line_map:
            return markdown_line + 1
        return self.line_map[min(markdown_line, len(self.line_map) - 1)]


def detect_dialect(text: str) -> str:
    """ "frontmatter", "labelled" or "loose", from how the manuscript begins."""
    if _FRONT_MATTER.match(text):
        return "frontmatter"
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return "loose"
    first = lines[0]
    if _ATX.match(first) or (
        len(lines) > 1 and _SETEXT_UNDERLINE.match(lines[1]) and not _LIST_ITEM.match(first)
    ):
        return "labelled"
    return "loose"


def adapt(text: str) -> Adapted:
    """The manuscript as Markdown: a word processor's export made plain first, then its dialect."""
    exported = read_word_export(text)
    if exported is None:
        return _adapt_dialect(text)
    adapted = _adapt_dialect(exported.text)
    # Compose the two line maps, so every line still names the manuscript's own line.
    inner = adapted.line_map or tuple(range(1, len(exported.text.split("\n")) + 1))
    line_map = tuple(exported.line_map[min(line, len(exported.line_map)) - 1] for line in inner)
    return Adapted(adapted.text, line_map, adapted.dialect, exported.notes)


def _adapt_dialect(text: str) -> Adapted:
    if text.startswith("% "):
        return Adapted(*pandoc_title_block(text), "frontmatter")
    dialect = detect_dialect(text)
    if dialect != "loose":
        return Adapted(text, (), dialect)
    return _adapt_loose(text.split("\n"))


def is_bare_heading(line: str, next_line: str | None, previous_line: str | None = None) -> bool:
    """A loose-dialect heading: a short line of its own that names a section or reads as a title."""
    stripped = line.strip()
    if not stripped or line[:1].isspace() or _BLOCK_START.match(line):
        return False
    if _LIST_ITEM.match(line):
        # "1. Summary", "2) Characters": numbered section names, not an ordered list's items.
        return bool(_NUMBERED.match(line)) and _names_a_section(stripped) and not _ASKS.search(stripped)
    if _ATX.match(line):
        return False
    # "Lenina Crowne - A popular Beta worker" between two more such lines is an entry, however short.
    if _ENTRY_LINE.match(stripped) and any(
        other is not None and _ENTRY_LINE.match(other.strip()) and not other[:1].isspace()
        for other in (previous_line, next_line)
    ):
        return False
    if _names_a_section(stripped):
        return True
    if next_line is None or not next_line.strip() or _DEFINITION.match(next_line):
        return False  # nothing under it, or a term over its definition (definitions.py)
    # A heading no alias names must have content under it: a run of short lines ("Class division",
    # "Entropy" under THEMES) is a list written one item a line, not a heading over each other.
    return _title_like(stripped) and not (
        _title_like(next_line.strip()) and not _LIST_ITEM.match(next_line) and not next_line[:1].isspace()
    )


def _names_a_section(stripped: str) -> bool:
    # The cheap tests first: most lines are long prose, and naming a section takes a regex per kind.
    return len(stripped) <= 60 and not _ENDS_STATEMENT.search(stripped) and section_kind(stripped) is not None


def _title_like(stripped: str) -> bool:
    """Short, not ending like a sentence, not a "Key: value" field, starting as a title does."""
    return (
        0 < len(stripped) <= 60
        and len(stripped.split()) <= 8
        and not _ENDS_SENTENCE.search(stripped)
        and not _FIELD_LIKE.match(stripped)
        and (stripped[0].isupper() or not stripped[0].isascii())
    )


def _adapt_loose(lines: list[str]) -> Adapted:
    """Line 1 becomes the `#` title, bare headings become `##`, every other line its own block."""
    out: list[str] = []
    line_map: list[int] = []

    def emit(text: str, source_line: int) -> None:
        out.append(text)
        line_map.append(source_line)

    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    second = _second(lines, first)
    title = _TITLE_FIELD.sub("", lines[first].strip()) if first is not None else ""
    previous_kind = "blank"
    in_fence = False
    for index, line in enumerate(lines):
        number = index + 1
        stripped = line.strip()
        if in_fence or stripped.startswith(("```", "~~~")):
            if stripped.startswith(("```", "~~~")):
                in_fence = not in_fence
            emit(line, number)
            previous_kind = "fence"
            continue
        if not stripped:
            emit("", number)
            previous_kind = "blank"
            continue
        next_line = lines[index + 1] if index + 1 < len(lines) else None
        if index == first and not _LIST_ITEM.match(line):
            # "Title: Silas Marner" on line 1 is the title field, not a title with "Title:" in it.
            kind, text = "heading", "# " + _TITLE_FIELD.sub("", stripped)
        elif is_bare_heading(line, next_line, lines[index - 1] if index else None) and not (
            index == second and looks_like_byline(stripped, title)
        ):
            kind, text = "heading", "## " + stripped
        elif _LIST_ITEM.match(line) or (line[:1].isspace() and previous_kind == "list"):
            kind, text = "list", line
        else:
            kind, text = "para", line
        # Each loose line is a block of its own: a blank line keeps CommonMark from gluing it
        # to the line above (a paragraph, or a list item as lazy continuation).
        if previous_kind not in ("blank",) and not (kind == "list" and previous_kind == "list"):
            emit("", number)
        emit(text, number)
        previous_kind = kind
    return Adapted("\n".join(out), tuple(line_map), "loose")


def _second(lines: list[str], first: int | None) -> int | None:
    if first is None:
        return None
    return next((i for i in range(first + 1, len(lines)) if lines[i].strip()), None)
