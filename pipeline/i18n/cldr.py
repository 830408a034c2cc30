"""Locale facts from CLDR: writing direction, quotation marks and language names for the languages
with a data file from cldr_tables.json (made by scripts/cldr-tables from Babel and CLDR's own
delimiter data; the versions are in the file), and through Babel, imported only when a call needs
it, the same facts for any other tag, list patterns and number forms. Importing Babel costs some
50 ms: a guide in a language whose facts are in the table, or in English, never pays it."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_TABLES = json.loads(Path(__file__).with_name("cldr_tables.json").read_text(encoding="utf-8"))
VERSIONS: dict[str, str] = _TABLES["versions"]
_FACTS: dict[str, dict[str, Any]] = {tag.casefold(): facts for tag, facts in _TABLES["languages"].items()}
# Each table tag by its folded form, and the tags of each primary subtag ("zh": zh-Hans, zh-Hant).
_TAGS = {tag.casefold(): tag for tag in _TABLES["languages"]}
_BY_PRIMARY: dict[str, list[str]] = {}
for _tag in _TABLES["languages"]:
    _BY_PRIMARY.setdefault(_tag.split("-")[0].casefold(), []).append(_tag)

# Per tag, every name CLDR gives its language (English, its own, the other languages').
CLDR_NAMES: dict[str, tuple[str, ...]] = {
    tag: tuple(facts["names"]) for tag, facts in _TABLES["languages"].items()
}


def _subtags(tag: str) -> list[str]:
    return tag.replace("_", "-").casefold().split("-")


def table_tag(tag: str) -> str | None:
    """The table's (and the language files') tag for a tag: itself, else its primary subtag's entry
    when the tag names no script the table lacks ("fr-CA" is "fr", "az-Arab" is not "az"); for a
    language written in two scripts, the one CLDR finds likely ("zh-TW" is "zh-Hant")."""
    subtags = _subtags(tag)
    if "-".join(subtags) in _TAGS:
        return _TAGS["-".join(subtags)]
    if any(len(subtag) == 4 and subtag.isalpha() for subtag in subtags[1:]):
        return None  # a script subtag the table lacks: Babel decides
    entries = _BY_PRIMARY.get(subtags[0], [])
    if len(entries) > 1 and len(subtags) > 1:
        from babel.core import get_global

        key = "_".join([subtags[0], *(part.upper() if len(part) == 2 else part for part in subtags[1:])])
        likely = get_global("likely_subtags").get(key) or ""
        script = next((part for part in likely.split("_")[1:] if len(part) == 4), "")
        entries = [
            entry for entry in entries if entry.casefold().endswith("-" + script.casefold())
        ] or entries
    return entries[0] if entries else None


def _facts(tag: str) -> dict[str, Any] | None:
    found = table_tag(tag)
    return None if found is None else _FACTS[found.casefold()]


@lru_cache(maxsize=256)
def _locale(tag: str) -> Any:
    """Babel's locale for a tag (imported here, on first need), its likely locale for a script
    ("und_Thaa" is Dhivehi), or None when CLDR knows neither."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    code = tag.replace("-", "_")
    for candidate in (code, get_global("likely_subtags").get(f"und_{code.split('_')[-1].title()}")):
        if candidate:
            try:
                return Locale.parse(candidate)
            except (ValueError, UnknownLocaleError):
                continue
    return None


def direction(tag: str) -> str:
    """ "rtl" or "ltr": CLDR's character order of the tag's locale."""
    if (facts := _facts(tag)) is not None:
        return str(facts["direction"])
    locale = _locale(tag)
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"


def quotation_marks(tag: str) -> tuple[str, str, str, str] | None:
    """CLDR's quotation start and end, then the alternate (inner) ones; None for a language
    without a data file (the caller's default applies)."""
    facts = _facts(tag)
    return None if facts is None else tuple(facts["quotes"])  # type: ignore[return-value]


def format_number(number: int, language: str) -> str:
    """An integer with the language's digit grouping ("12,345", "12 345", "12.345"). English's CLDR
    pattern (#,##0) is Python's own: no Babel for it."""
    if _subtags(language)[0] == "en":
        return f"{number:,}"
    locale = _locale(language)
    if locale is None:
        return f"{number:,}"
    from babel.numbers import format_decimal

    return format_decimal(number, locale=locale)


def join_names(names: list[str] | tuple[str, ...], language: str) -> str:
    """Names joined as the language lists them ("A, B, and C", "A, B i C", "A، B و C")."""
    if len(names) < 2:
        return "".join(names)
    locale = _locale(language) or _locale("en")
    from babel.lists import format_list

    return format_list(list(names), locale=locale)


def english_name(tag: str) -> str:
    """The language's English name ("Polish"), or the tag when CLDR has none."""
    if (facts := _facts(tag)) is not None:
        return str(facts["names"][0]).title()
    locale = _locale(tag)
    return locale.get_display_name("en") if locale is not None else tag
