"""An answer engine's citations (Perplexity, Copilot, Gemini with sources): the numbered calls after
its sentences ("… in 1958 [1][2].") and the list they point to at the end ("Citations:" then
"[1] Title https://…"), and the "Related" questions such an answer ends with. The guide cites
nothing of them: the list would be read as a section of quotes and the calls printed in the text
and in fields ("Published: 1958 [1]"). The list's lines are blanked, never removed, so every line
keeps its number; the calls are taken out of their lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model.lazy_pattern import LazyPattern

# "[3] Things Fall Apart - Wikipedia https://…", "[3]: https://…", "3. [Title](https://…)".
_SOURCE = LazyPattern(r"^\s*(?:[-*]\s+)?(?:\[(\d{1,3})\]:?|(\d{1,3})[.)])\s+\S.*?https?://\S+\s*$")
# The list's own heading: one to three words, maybe a colon or a Markdown heading's marks.
_LIST_HEADING = LazyPattern(r"^\s*(?:#{1,6}\s+)?\**[^\W\d_][\w ]{0,30}\**:?\s*$")
# The calls: one or more bracketed numbers after a word or a sentence's end, with the space before.
_CALLS = LazyPattern(r"[ \t\u00a0]?(?:\[\d{1,3}\])+(?![(:\[])")
_NUMBER = LazyPattern(r"\[(\d{1,3})\]")
# The answer engine's own label over its follow-up questions (its English interface's).
_RELATED = LazyPattern(r"^\s*(?:#{1,6}\s+)?\**(?:related|related questions|people also ask)\**:?\s*$", re.I)
_MIN_SOURCES = 2


@dataclass(frozen=True, slots=True)
class Uncited:
    """The text without its citations, and the first line (1-based) of the list left out."""

    text: str
    line: int | None


def leave_out_citations(text: str) -> Uncited:
    """The text without the numbered source list at its end, the calls to it and any "Related"
    questions after it; the text itself when it cites no such list."""
    if "http" not in text or "[" not in text:  # the usual case: two searches in C
        return Uncited(text, None)
    lines = text.split("\n")
    end = len(lines)
    related = _related_questions(lines)
    if related is not None:
        end = related
    sources = _source_list(lines, end)
    if sources is None:
        return Uncited(text, None)
    start, numbers = sources
    body = "\n".join(lines[:start])
    called = {int(n) for n in _NUMBER.findall(body)}
    if not called & numbers:  # a list of links nobody calls is the author's reading list: kept
        return Uncited(text, None)
    for i in range(start, len(lines) if related is not None else end):
        lines[i] = ""

    def drop(match: re.Match[str]) -> str:
        cited = {int(n) for n in _NUMBER.findall(match.group(0))}
        return "" if cited <= numbers else match.group(0)

    for i in range(start):
        if "[" in lines[i]:
            lines[i] = _CALLS.sub(drop, lines[i])
    return Uncited("\n".join(lines), start + 1)


def _related_questions(lines: list[str]) -> int | None:
    """Where a closing "Related" block of questions begins, if the text ends with one."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for position in range(len(filled) - 2, max(len(filled) - 12, -1), -1):
        i = filled[position]
        if _RELATED.match(lines[i]):
            after = filled[position + 1 :]
            if after and all(lines[j].rstrip().endswith(("?", "？")) for j in after):
                return i
            return None
    return None


def _source_list(lines: list[str], end: int) -> tuple[int, set[int]] | None:
    """The first line of the numbered source list that ends the text before `end` (its heading
    included), and its numbers; None when the text does not end with one."""
    numbers: set[int] = set()
    start = end
    for i in range(end - 1, -1, -1):
        line = lines[i]
        if not line.strip():
            continue
        match = _SOURCE.match(line)
        if match is None:
            break
        numbers.add(int(match.group(1) or match.group(2)))
        start = i
    if len(numbers) < _MIN_SOURCES:
        return None
    heading = next((i for i in range(start - 1, -1, -1) if lines[i].strip()), None)
    if heading is not None and _LIST_HEADING.match(lines[heading]):
        start = heading
    return start, numbers
