"""Dialect detection and the loose-format adapter that turns bare-line headings into Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.i18n.section_names import fold_letters, section_kind
from pipeline.readers.metadata import COLONS

_ATX = re.compile(r"^ {0,3}#{1,6}(\s|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
_LIST_ITEM = re.compile(r"^\s*([-*+•]|\d{1,9}[.)])(\s|$)")
_BLOCK_START = re.compile(r"^ {0,3}(>|\||```|~~~|<|\[\^|!\[)")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+\S")
_ASKS = re.compile(r"[?？؟]$")
# "Name - text", "Name — text": an entry line of the loose dialect (a name of up to 40 characters).
_ENTRY_LINE = re.compile(r"^\S.{0,39}?\s[-–—]\s+\S")
# "by" in the languages bylines are written in; normalise reads a title line with it too.
BY_WORDS = "by|par|von|por|di|door"
# Lower-case words a name may hold ("Honoré de Balzac", "Ludwig van Beethoven").
NAME_PARTICLES = frozenset(
    {"de", "da", "di", "van", "von", "der", "le", "la", "du", "del", "y", "and", "&", "et", "und", "e"}
)
_BYLINE = re.compile(rf"^(.*?)\s*\b({BY_WORDS})\s+(\S.*)$", re.I)
# "by" in right-to-left bylines. `\b` does not serve these words: a zero-width non-joiner inside a
# Persian word is a word boundary to it ("بی‌اثر", "ineffective", would hold "اثر"), and after a
# final mark ("نوشتهٔ") there is none before the space. So a word here must not follow a letter or
# a joiner, and must be followed by a space. Hebrew מאת, the Persian ezafe forms of نوشته ("written
# by", however the ezafe is typed) and به قلم ("by the pen of") are bylines on their own line
# ("מאת עמוס עוז"). Bare نوشته, اثر ("work", also "effect") and از ("from"; Urdu's "by") are among
# the commonest words of Persian prose ("از آن روز" is "from that day"), so they are bylines only
# after the manuscript's own title: "بوف کور از صادق هدایت".
_RTL_BY_ALONE = r"מאת|نوشت(?:هٔ|ۀ|هء|ه\u200c[یي]|ه [یي])|ب[هہ] قلم"
_RTL_BY_AFTER_TITLE = r"نوشته|اثر|از"
_RTL_BY = re.compile(rf"(?<![\w\u200c\u200d])({_RTL_BY_ALONE}|{_RTL_BY_AFTER_TITLE})(?=\s)")
# A byline's year: "by H. G. Wells (1895)", "نوشتهٔ صادق هدایت، ۱۹۳۷" (any script's digits).
BYLINE_YEAR = re.compile(r"\s*(?:[,،]\s*|\(\s*)(\d{3,4}(?:\s*(?:BCE|BC|CE|AD))?)\s*\)?\s*$")
# What a name does not hold: sentence punctuation, or a final full stop or comma ("א. ב. יהושע" has
# initials). Persian and Urdu put the verb last, so a "name" ending in a copula is a sentence
# ("بوف کور از مهم‌ترین رمان‌های فارسی است", "is among the most important Persian novels").
_NOT_IN_NAME = re.compile(r"[!?؟۔:;؛…«»\d]|[.,،]$")
_COPULAS = frozenset(
    fold_letters(word)
    for words in ("است هست هستند بود بودند نیست شد شده باشد", "ہے ہیں تھا تھی تھے")  # Persian, Urdu
    for word in words.split(" ")
)
_ENDS_SENTENCE = re.compile(r"[.!?;,。！？；，۔\"”»)\]…]$")
# A line that ends like a sentence is prose even when it names a section ("物語は京で始まる。"; "۔" is
# the Urdu full stop).
_ENDS_STATEMENT = re.compile(r"[.。．!！;；,，،۔]$")
_FIELD_LIKE = re.compile(rf"^[^{COLONS}]{{1,40}}[{COLONS}]\s+\S")
_TITLE_FIELD = re.compile(
    r"^(?:title|titre|título|titel|titolo|书名|标题|שם הספר|כותרת|عنوان|نام [کك]تاب|[کك]تاب [کك]ا نام)"
    rf"\s*[{COLONS}]\s*(?=\S)",
    re.I,
)
_FRONT_MATTER = re.compile(r"^---[ \t]*\n")


@dataclass(frozen=True, slots=True)
class Adapted:
    """Markdown text plus, for each of its lines, the 1-based line of the manuscript it came from."""

    text: str
    line_map: tuple[int, ...]
    dialect: str

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
    if text.startswith("% "):
        return _pandoc_title_block(text)
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
    if next_line is None or not next_line.strip():
        return False
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
            index == second and (_BYLINE.match(stripped) or _rtl_byline(stripped, title))
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


def _pandoc_title_block(text: str) -> Adapted:
    """pandoc's "% Title / % Author; Author / % Date" lines become front matter, line for line."""
    import json

    lines = text.split("\n")
    fields: list[tuple[str, int]] = []  # (value, source line) for title, author, date in order
    index = 0
    while index < len(lines) and len(fields) < 3 and lines[index].startswith("%"):
        value = lines[index][1:].strip()
        source = index + 1
        index += 1
        while index < len(lines) and lines[index].startswith((" ", "\t")) and lines[index].strip():
            value += " " + lines[index].strip()  # a long title or author list continues indented
            index += 1
        fields.append((value, source))
    names = ("title", "author", "date")
    yaml_lines = ["---"]
    line_map = [1]
    for name, (value, source) in zip(names, fields, strict=False):
        if not value:
            continue
        if name == "author":
            authors = [a.strip() for a in value.split(";") if a.strip()]
            yaml_lines.append(f"author: {json.dumps(authors, ensure_ascii=False)}")
        else:
            yaml_lines.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
        line_map.append(source)
    yaml_lines.append("---")
    line_map.append(fields[-1][1])
    rest = lines[index:]
    adapted = "\n".join([*yaml_lines, *rest])
    return Adapted(adapted, tuple(line_map + list(range(index + 1, len(lines) + 1))), "frontmatter")


def _second(lines: list[str], first: int | None) -> int | None:
    if first is None:
        return None
    return next((i for i in range(first + 1, len(lines)) if lines[i].strip()), None)


def split_byline(text: str, title: str) -> str | None:
    """The author named in a "Title by Author" (or "by Author") line, else None."""
    stripped = text.strip()
    return _latin_byline(stripped, title) or _rtl_byline(stripped, title)


def _latin_byline(stripped: str, title: str) -> str | None:
    # The title itself may hold the word ("Stand by Me by Stephen King"): try it as the prefix first.
    prefix = title.strip()
    if prefix and stripped.casefold().startswith(prefix.casefold()):
        rest = _BYLINE.match("x " + stripped[len(prefix) :].lstrip(" ,—–-"))
        if rest and rest.group(1).strip() == "x" and _reads_as_latin_names(rest.group(3)):
            return rest.group(3).strip()
    match = _BYLINE.match(stripped)
    if not match:
        return None
    before = match.group(1).strip(" ,—–-").casefold()
    if before and before != prefix.casefold():
        return None
    return match.group(3).strip() if _reads_as_latin_names(match.group(3)) else None


def _reads_as_latin_names(text: str) -> bool:
    """Names, not a sentence that happens to start with "By": "By the end of the war everyone had
    changed" has lower-case words a name list has not (particles such as "de" and "and" aside;
    an all-lower-case name of up to three words, such as "bell hooks", is let through)."""
    words = BYLINE_YEAR.sub("", text).replace(",", " ").split()
    lower = [w for w in words if w[:1].islower() and w.casefold() not in NAME_PARTICLES]
    return 0 < len(words) <= 10 and (not lower or (len(lower) == len(words) and len(words) <= 3))


def _rtl_byline(stripped: str, title: str) -> str | None:
    """ "הנער מן הים מאת עמוס עוז", "نوشتهٔ صادق هدایت", "امراؤ جان ادا از مرزا ہادی رسوا": the
    author, when what precedes the word is the title (letter variants aside) or, for the words that
    are bylines alone, nothing; and what follows reads as a name."""
    for match in _RTL_BY.finditer(stripped):
        before = stripped[: match.start()].strip(" ,،—–-")
        if before:
            if _fold(before) != _fold(title):
                continue  # the title may hold the word ("دور از خانه از ..."): try the next one
        elif not re.fullmatch(_RTL_BY_ALONE, match.group(1)):
            continue
        author = stripped[match.end() :].strip()
        if _reads_as_name(author):
            return author
    return None


def _fold(text: str) -> str:
    return " ".join(fold_letters(text.casefold()).split())


def _reads_as_name(text: str) -> bool:
    """One to six words, without sentence punctuation, digits (a year aside) or a final copula."""
    name = BYLINE_YEAR.sub("", text).strip()
    words = name.split()
    return (
        0 < len(words) <= 6
        and len(name) <= 60
        and not _NOT_IN_NAME.search(name)
        and _fold(words[-1]) not in _COPULAS
    )
