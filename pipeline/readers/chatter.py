"""What a chat assistant says to the asker rather than about the book: an opening line ("Sure!
Here's a study guide for …") and closing ones ("Would you like …?", "I hope this helps!"). Only the
first paragraph of a manuscript and its last ones are judged, never the text between, against the
[chatter] phrases of the guide's language and of English (`i18n/languages/*.toml`). Chatter lines
are blanked, not removed, so every later line keeps its number; so are the thematic breaks next to
them, so the manuscript still begins where its dialect can be recognised. A reasoning model's
<think> block at the very top is left out the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.i18n.decoration import strip_pictographs
from pipeline.i18n.language_data import words
from pipeline.i18n.section_names import section_kind
from pipeline.model import guide as m
from pipeline.model.lazy_pattern import LazyPattern
from pipeline.model.location import SourceLocation
from pipeline.readers.heading_title import about_book

_PHRASES = {key: words("chatter", key) for key in ("opening", "closing")}
# A paragraph longer than this is about the book even when it starts like chatter: assistants
# say their one or two sentences and stop.
_MAX_CHARS = 400
# How many closing paragraphs may follow one another ("I hope this helps!", then "Would you like …").
_MAX_CLOSING = 3
_RULE = LazyPattern(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
# Lines that are structure, not a paragraph: headings, lists, quotes, tables, fences, HTML, notes.
_STRUCTURE = LazyPattern(r"^\s*(?:#|[-*+•]\s|\d{1,9}[.)]\s|>|\||```|~~~|<|\[\^|!\[|%)")
_FRONT_MATTER_FENCE = LazyPattern(r"^(?:---|\.\.\.)\s*$")
_ATX = LazyPattern(r"^ {0,3}#{1,6}[ \t]+(?P<words>.*?)[ \t#]*$")
# What may precede the words of a chatter line: emphasis, "¡", "¿", quotes.
_LEAD = " \t*_¡¿\"'“”«»"
_APOSTROPHES = str.maketrans("’‘ʼ", "'''")
# A reasoning model's thinking, pasted above its answer: DeepSeek-R1 and QwQ write it between
# <think> tags (others <thinking>, <reasoning>), and the chat apps' copy of it begins with the
# time it took ("Thought for 14 seconds"). Neither is about the book, and the tag line would
# otherwise be the guide's title.
_REASONING_OPEN = LazyPattern(r"^\s*<(think|thinking|reasoning)>", re.I)
_THOUGHT_FOR = LazyPattern(
    r"^\s*(?:thought|reasoned) for "
    r"(?:[\d.]+\s*(?:s|secs?|seconds?|m|mins?|minutes?)|a (?:few )?seconds?)\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Chatter:
    """One paragraph left out: its first line (1-based) and how it began."""

    line: int
    text: str


def leave_out_chatter(text: str, language: str = "en") -> tuple[str, list[Chatter]]:
    """The text with its opening and closing chatter in the guide's language (or English, the
    language assistants default to) blanked, and what was left out."""
    if not text.strip():
        return text, []
    opening, closing = _phrases(language, "opening"), _phrases(language, "closing")
    lines = text.split("\n")
    found: list[Chatter] = _reasoning(lines)
    if (heading := _chatter_heading(lines, opening, language)) is not None:
        found.append(_blank(lines, (heading, heading + 1)))
    first = _first_paragraph(lines)
    # "Sure!" and "Here's a summary of …" may be two lines of one paragraph: each is judged.
    while first is not None and len(found) < 2 and _is_chatter(lines, first, opening):
        found.append(_blank(lines, first))
        following = first[1]
        first = (following, following + 1) if _continues(lines, following) else None
        if first is None:
            _blank_rules_after(lines, following)
    for _ in range(_MAX_CLOSING):
        last = _last_paragraph(lines, closing)
        if last is None or not _is_chatter(lines, last, closing):
            break
        found.append(_blank(lines, last))
    if not found:
        return text, []
    return "\n".join(lines), sorted(found, key=lambda chatter: chatter.line)


@lru_cache(maxsize=64)
def _phrases(language: str, key: str) -> re.Pattern[str]:
    """One language's phrases and English's as one pattern, compiled when first asked for: the
    phrases of every language would cost each process tens of milliseconds to compile."""
    primary = language.split("-")[0].lower()
    tags = [tag for tag in _PHRASES[key] if tag == language or tag.split("-")[0].lower() == primary]
    found = [phrase for tag in dict.fromkeys([*tags, "en"]) for phrase in _PHRASES[key].get(tag, ())]
    return re.compile("|".join(f"(?:{phrase})" for phrase in found) or "(?!)", re.I)


def _first_paragraph(lines: list[str]) -> tuple[int, int] | None:
    """The first paragraph's first line and the line after it (0-based), after any front matter;
    None when the manuscript begins with a heading, a list or anything else."""
    start = 0
    if lines and lines[0].rstrip() == "---":  # front matter: judge what follows it
        close = next((i for i in range(1, len(lines)) if _FRONT_MATTER_FENCE.match(lines[i])), None)
        if close is None:
            return None
        start = close + 1
    start = next((i for i in range(start, len(lines)) if lines[i].strip()), len(lines))
    if start == len(lines) or _STRUCTURE.match(lines[start]) or _RULE.match(lines[start]):
        return None
    # Only the first line: in the loose dialect the title follows on the very next line.
    return start, start + 1


def _chatter_heading(lines: list[str], opening: re.Pattern[str], language: str) -> int | None:
    """The first line (0-based) when it is a heading written as opening chatter ("# Sure thing!
    Here's an overview you can use.") and the next heading is the title: a sentence about the book
    ("## Book Summary: *Of Human Bondage* by …") or no section's name; that heading is then made
    the top one. A chatter-like heading followed by a section ("# Here is a summary of *Emma*",
    then "## Summary") is the only title there is, a sentence about the book itself: kept."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or not (heading := _ATX.match(lines[start])):
        return None
    if not _is_chatter([heading.group("words")], (0, 1), opening):
        return None
    after = next((i for i in range(start + 1, len(lines)) if _ATX.match(lines[i])), None)
    if after is None:
        return None
    words = _ATX.match(lines[after]).group("words")
    names_book = about_book(m.Heading(1, (m.Text(words),), SourceLocation("", 1)), language)
    if names_book is None and section_kind(words) is not None:
        return None
    # The title heading takes the chatter's place at the top of the outline ("## Book Summary: …"
    # under "# Sure thing!" would otherwise be read as a section of a guide without a title).
    lines[after] = f"# {words}"
    return start


def _continues(lines: list[str], index: int) -> bool:
    """The line goes on the paragraph above it: not blank, not structure."""
    return index < len(lines) and bool(lines[index].strip()) and not _STRUCTURE.match(lines[index])


def _last_paragraph(lines: list[str], closing: re.Pattern[str]) -> tuple[int, int] | None:
    """The last paragraph's lines (0-based, end exclusive), thematic breaks after it skipped;
    None when the manuscript ends with a list, a table or other structure."""
    end = len(lines)
    while end and (not lines[end - 1].strip() or _RULE.match(lines[end - 1])):
        end -= 1
    if not end or _STRUCTURE.match(lines[end - 1]):
        return None
    start = end - 1
    while start and lines[start - 1].strip() and not _STRUCTURE.match(lines[start - 1]):
        start -= 1
    if any(_RULE.match(line) for line in lines[start:end]):
        return None
    # A block of lines with no blank between them is one paragraph in Markdown but one paragraph
    # per line in the loose dialect: when its first line is no chatter, judge its last line alone.
    if start < end - 1 and not closing.match(_words(lines[start])):
        return end - 1, end
    return start, end


def _is_chatter(lines: list[str], span: tuple[int, int], pattern: re.Pattern[str]) -> bool:
    paragraph = " ".join(line.strip() for line in lines[span[0] : span[1]])
    return len(paragraph) <= _MAX_CHARS and bool(pattern.match(_words(paragraph)))


def _words(line: str) -> str:
    return strip_pictographs(line.strip()).lstrip(_LEAD).translate(_APOSTROPHES)


def _blank(lines: list[str], span: tuple[int, int]) -> Chatter:
    said = " ".join(line.strip() for line in lines[span[0] : span[1]])
    for index in range(*span):
        lines[index] = ""
    return Chatter(span[0] + 1, said)


def _blank_rules_after(lines: list[str], index: int) -> None:
    """A thematic break under the opening line would otherwise begin the manuscript."""
    while index < len(lines) and (not lines[index].strip() or _RULE.match(lines[index])):
        lines[index] = ""
        index += 1


def _reasoning(lines: list[str]) -> list[Chatter]:
    """The reasoning block at the top (and the "Thought for …" line above it), blanked: an
    unclosed block is left alone, as it may be all there is."""
    found: list[Chatter] = []
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is not None and _THOUGHT_FOR.match(lines[start]):
        found.append(_blank(lines, (start, start + 1)))
        start = next((i for i in range(start, len(lines)) if lines[i].strip()), None)
    if start is None or not (opening := _REASONING_OPEN.match(lines[start])):
        return found
    closing = re.compile(rf"</{opening.group(1)}\s*>", re.I)
    end = next((i for i in range(start, len(lines)) if closing.search(lines[i])), None)
    if end is None:
        return found
    after = closing.split(lines[end], maxsplit=1)[1]
    said = _blank(lines, (start, end + 1))
    lines[end] = after  # an answer that starts on the closing tag's line keeps its words
    shown = " ".join(closing.split(said.text[len(opening.group(0).strip()) :])[0].split())
    return [*found, Chatter(said.line, shown)]
