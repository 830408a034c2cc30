"""Book metadata from "Key: Value" fields, packed bullets and YAML front matter: pure functions."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from pipeline.i18n.field_values import (
    ABOUT_WORDS,
    AND_WORDS,
    BEFORE_COMMON_ERA,
    OTHER_CALENDAR,
    PAGE_UNITS,
    READING_TIME_NAMES,
    TIME_UNITS_AFTER_NUMBER,
    TIME_WORDS,
    TIME_WORDS_ANYWHERE,
)
from pipeline.i18n.fields import canonical_key
from pipeline.i18n.language_data import alternatives
from pipeline.i18n.scripts import COLONS, DIRECTION_MARKS
from pipeline.model.guide import Metadata
from pipeline.model.lazy_pattern import LazyPattern

_SOFT_SEPARATOR = LazyPattern(r"\s+[·•]\s+")
# "Author - X", or "Author—X" as typography sets a spaced hyphen in English.
_DASH_FIELD = LazyPattern(r"^\s*([^\n]{1,40}?)(?:\s+[-–—]\s+|\s*[–—]\s*)(.+?)\s*$", re.S)
_FIELD = LazyPattern(rf"^\s*([^{COLONS}\n]{{1,40}}?)\s*[{COLONS}]\s*(.+?)\s*$", re.S)
# "320 pages", "۳۲۰ صفحه", "כ-320 עמודים" ("about 320"); ٬ is the Arabic-script thousands separator.
_PAGES_PART = LazyPattern(
    rf"^(?:{alternatives(ABOUT_WORDS)})?(\d[\d,.٬ ]*)\s*({alternatives(PAGE_UNITS)})$",
    re.I,
)
_TIME_HINT = LazyPattern(
    rf"\b({alternatives(TIME_WORDS)})\b|\d\s*(?:{alternatives(TIME_UNITS_AFTER_NUMBER)})"
    rf"|{alternatives(TIME_WORDS_ANYWHERE)}",
    re.I,
)
_YEAR = LazyPattern(r"(\d{1,4})")  # \d is any script's digit: "۱۹۳۷" and "١٩٣٧" are years too
_FULL_YEAR = LazyPattern(r"(?<!\d)(\d{3,4})(?!\d)")
_BCE = LazyPattern(rf"\b({alternatives(BEFORE_COMMON_ERA)})", re.I)
# A year dated by another calendar ("1958 ዓ.ም.", Ethiopian) is no Gregorian year: no number is made.
_OTHER_CALENDAR = LazyPattern(rf"({alternatives(OTHER_CALENDAR)})", re.I)
# "،" and "؛" are the Arabic-script comma and semicolon.
_AUTHOR_SEPARATORS = LazyPattern(rf"\s+(?:{alternatives(AND_WORDS)})\s+|\s*&\s*|\s*[;؛]\s*|、|\s*،\s*")
_GENRE_SEPARATORS = LazyPattern(r"\s*/\s*|\s*[,،]\s*|\s*[;؛]\s*|\s+[·•]\s+|、")
_READING_TIME_NAME = LazyPattern(rf"^({alternatives(READING_TIME_NAMES)})\s*[:：]\s*", re.I)
_NUMBER = LazyPattern(r"\d[\d,.٬\s]*")
_NUMBER_SEPARATORS = LazyPattern(r"[,.٬\s\u00a0\u202f]")


@dataclass(slots=True)
class MetadataDraft:
    """Fields gathered from wherever the dialect keeps them, before they become `Metadata`."""

    values: dict[str, str | list[str]] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)

    def set(self, key: str, value: str | list[str], *, override: bool = False) -> None:
        if override or key not in self.values:
            self.values[key] = value


def split_field(text: str) -> tuple[str, str] | None:
    """ "Key: Value" -> (key, value), and "Author - Value" with a dash for the known field names
    only (a cast list's "Bernard Marx - An Alpha" is no field); None when the text is not a field."""
    match = _FIELD.match(text)
    if not match:
        match = _DASH_FIELD.match(text)
        if not match or canonical_key(match.group(1).strip(" *_" + DIRECTION_MARKS)) is None:
            return None
    return match.group(1).strip(" *_" + DIRECTION_MARKS), match.group(2).strip(DIRECTION_MARKS + " \t\n")


def absorb_field(draft: MetadataDraft, key: str, value: str, *, override: bool = False) -> bool:
    """Add one field, unpacking "A / B | 288 Pages | Reading Time: 4-5 hours"; False if unknown."""
    parts = _packed_parts(value)
    canonical = canonical_key(key)
    known = canonical is not None
    if canonical:
        draft.set(canonical, parts[0], override=override)
    else:
        draft.extra.setdefault(key.strip(), parts[0])
    for part in parts[1:]:
        _absorb_packed_part(draft, part)
    return known


def _packed_parts(value: str) -> list[str]:
    """Split a value that packs several fields: "A / B | 288 Pages", or with middle dots or
    bullets ("1847 · Genre: Gothic · Length: 532 pages") when another "Key:" follows one, since a
    dot alone may just separate two genres."""
    parts = [part.strip() for part in value.split("|")]
    out: list[str] = []
    for part in parts:
        pieces = [piece.strip() for piece in _SOFT_SEPARATOR.split(part)]
        if len(pieces) > 1 and any(canonical_key(p[0]) for p in map(split_field, pieces[1:]) if p):
            out.extend(pieces)
        else:
            out.append(part)
    return out


def _absorb_packed_part(draft: MetadataDraft, part: str) -> None:
    if pages := _PAGES_PART.match(part):
        draft.set("pages", pages.group(1))
    elif (pair := split_field(part)) is not None:
        absorb_field(draft, *pair)
    elif _TIME_HINT.search(part):
        draft.set("reading_time", part)
    elif part:
        draft.extra.setdefault("Note", part)


def parse_year(text: str) -> int | None:
    """The year as an integer (negative for BCE), from text such as "1818" or "c. 725 BCE"."""
    # "1 January 1818" is 1818: a number of three or four digits is the year, else any number.
    match = _FULL_YEAR.search(text) or _YEAR.search(text)
    if not match or _OTHER_CALENDAR.search(text):
        return None
    year = int(match.group(1))
    # "-750" (a YAML number) and "750 BCE" both mean before the common era.
    negative = _BCE.search(text) or text[: match.start()].strip() in ("-", "−")
    return -year if negative else year


def parse_int(text: str) -> int | None:
    found = _NUMBER.search(text)
    digits = _NUMBER_SEPARATORS.sub("", found.group(0) if found else "")
    return int(digits) if digits.isdigit() else None


def split_list(value: str | list[str], separators: re.Pattern[str]) -> tuple[str, ...]:
    items = value if isinstance(value, list) else separators.split(value)
    return tuple(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))


def stable_identifier(title: str, authors: tuple[str, ...], stem: str = "") -> str:
    """A UUID derived from title, authors and the manuscript's file name, so rebuilds keep it.

    The file name is part of it because an identifier names a publication, not the book it
    studies: two guides to the same novel (a Year 9 and a Year 12 one) on one shelf must not look
    like one book to a reader or to the OPDS feed. A front matter `identifier` pins it for good.
    """
    key = "\x1f".join([title.casefold(), *(a.casefold() for a in authors), *([stem] if stem else [])])
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'study-guide:' + key)}"


def build_metadata(draft: MetadataDraft, title: str, language: str, stem: str = "") -> Metadata:
    values = draft.values
    authors = split_list(values.get("authors", []), _AUTHOR_SEPARATORS)
    year_text = str(values["year"]).strip() if "year" in values else None
    genres = split_list(values.get("genres", []), _GENRE_SEPARATORS)
    pages_text = values.get("pages")
    reading = values.get("reading_time")
    return Metadata(
        title=title,
        authors=authors,
        year=parse_year(year_text) if year_text else None,
        year_text=year_text,
        genres=genres,
        pages=parse_int(str(pages_text)) if pages_text else None,
        reading_time=_clean_reading_time(str(reading)) if reading else None,
        language=language,
        identifier=str(values.get("identifier") or stable_identifier(title, authors, stem)),
        subtitle=str(values["subtitle"]) if "subtitle" in values else None,
        extra=tuple(draft.extra.items()),
    )


def _clean_reading_time(text: str) -> str:
    return _READING_TIME_NAME.sub("", text.strip())
