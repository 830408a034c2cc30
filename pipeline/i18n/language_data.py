"""The per-language data files, pipeline/i18n/languages/<tag>.toml: read once, checked, and handed to
the modules that build their tables from them. Adding a language is adding its file.

A file holds these tables, each optional but [language]:
  [language]      tag (its BCP 47 tag, the file's name), names (what people call it, lower case) and
                  common_words (its commonest words, lower case: `identify` trusts a text that is
                  mostly them without loading its model), quote_space (a space set inside its
                  guillemets, which CLDR's quotation marks do not carry).
  [sections]      per section kind, a regular expression over folded headings (`section_aliases`).
  [fields]        per metadata field (title, subtitle, authors, year, genres, pages, reading_time,
                  language, identifier), the names it is written under before a colon.
  [front_matter]  language, title: front matter keys read before the fields are.
  [lines]         language, title: words (regular expressions) of a "Language: xx" line and of a
                  loose manuscript's first "Title:" line; part: the word that numbers a heading
                  ("Part 2: Themes"), which matching drops with the number (`decoration`);
                  chapter: the word that numbers a chapter's heading ("Chapter 3 – The Barn"):
                  a run of them is one chapter-summaries section (`readers.chapter_runs`).
  [byline]        by (regular expressions: a byline alone or after the title), by_after_title
                  (right-to-left languages: only after the title), name_particles, copulas
                  (`bylines`; a language's direction decides how its words are matched).
  [values]        about, page_units, time_words, time_units_after_number, time_words_anywhere,
                  before_common_era, other_calendar (a year of another calendar: "ዓ.ም."), and,
                  reading_time_names (`field_values`); speech_verbs
                  (regular expressions: "said", "asks"; a quote beside one is speech, not a term:
                  `transforms.glossary`).
  [chatter]       what a chat assistant says to the asker, not about the book (`readers.chatter`),
                  all regular expressions matched case-blind: opening (the start of a first
                  paragraph addressed to the asker: "Sure!", "Here's a summary of"), closing (the
                  start of a last paragraph: "Would you like", "Let me know if", "I hope this
                  helps"), about_book (a top heading's words around the title when the heading is a
                  sentence about the book: "Book Summary:", "Here is a summary of", ": A Study
                  Guide"; anchored with ^ or $, what is left is the title).
  [labels]        the words the guide prints itself (`labels`), every one of LABEL_KEYS required.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from pipeline.files.user_cache import cached_marshal
from pipeline.model.section_kinds import SectionKind

LANGUAGES_DIR = Path(__file__).with_name("languages")
FIELD_KINDS = (
    "title",
    "subtitle",
    "authors",
    "year",
    "genres",
    "pages",
    "reading_time",
    "language",
    "identifier",
)
SECTION_KINDS = tuple(kind for kind in get_args(SectionKind) if kind != "other")
# The words a guide prints itself: metadata labels, page and navigation names, separators.
LABEL_KEYS = (
    *("pages_short", "separator", "glossary", "author", "authors", "year", "genres", "pages"),
    *("reading_time", "language", "contents", "notes", "cover", "title_page", "glance", "study_guide"),
    *("by", "back", "landmarks", "start", "handout", "first_use", "index", "page_short", "this_guide"),
    *("words", "minutes", "theme", "chapters", "collection", "overview_cut"),
)

# Every table and key a file may hold, and its value: one string ("text") or a list of them ("words").
SCHEMA: dict[str, dict[str, str]] = {
    "language": {"tag": "text", "names": "words", "common_words": "words", "quote_space": "text"},
    "sections": dict.fromkeys(SECTION_KINDS, "text"),
    "fields": dict.fromkeys(FIELD_KINDS, "words"),
    "front_matter": {"language": "words", "title": "words"},
    "lines": {"language": "words", "title": "words", "part": "words", "chapter": "words"},
    "byline": dict.fromkeys(("by", "by_after_title", "name_particles", "copulas"), "words"),
    "values": dict.fromkeys(
        (
            *("about", "page_units", "time_words", "time_units_after_number", "time_words_anywhere"),
            *("before_common_era", "other_calendar", "and", "reading_time_names", "speech_verbs"),
        ),
        "words",
    ),
    "chatter": dict.fromkeys(("opening", "closing", "about_book"), "words"),
    "labels": dict.fromkeys(LABEL_KEYS, "text"),
}
REQUIRED = (("language", "tag"), ("language", "names"), *(("labels", key) for key in LABEL_KEYS))


class LanguageDataError(ValueError):
    """A language file that cannot be used: the message names the file and what is wrong."""


@dataclass(frozen=True, slots=True)
class LanguageData:
    """One language's file, checked against `SCHEMA`."""

    tag: str
    tables: dict[str, dict[str, str | list[str]]]

    @property
    def primary(self) -> str:
        """The primary subtag ("zh" of "zh-Hans"), as section names are looked up."""
        return self.tag.split("-")[0].lower()


def load_languages(folder: Path = LANGUAGES_DIR) -> tuple[LanguageData, ...]:
    """Every language file in the folder, in file-name order."""
    files = []
    for path in sorted(folder.glob("*.toml")):
        try:
            files.append((path, path.read_bytes()))
        except OSError as exc:
            raise LanguageDataError(f"{path}: cannot be read: {exc}") from None
    parsed = _parsed_files(files)
    return tuple(LanguageData(str(tables["language"]["tag"]), tables) for tables in parsed)


def _parsed_files(files: list[tuple[Path, bytes]]) -> list[dict[str, Any]]:
    """The files' tables, checked. Parsing TOML in pure Python costs every process about 3 ms (2.5 %
    of a one-guide build), so checked tables are kept in the user's cache, keyed by the files' bytes
    and the Python version (marshal's format), as compiled templates are."""
    key = hashlib.sha256(repr(sys.version_info).encode())
    for path, data in files:
        key.update(path.name.encode() + b"\0" + data + b"\0")
    return cached_marshal(
        "languages",
        f"{key.hexdigest()[:32]}.marshal",
        lambda: _parse_files(files),
        lambda tables: isinstance(tables, list) and len(tables) == len(files),
    )


def _parse_files(files: list[tuple[Path, bytes]]) -> list[dict[str, Any]]:
    """The files' tables, parsed and checked."""
    import tomllib

    parsed = []
    for path, data in files:
        try:
            tables = tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise LanguageDataError(f"{path}: cannot be read: {exc}") from None
        check(tables, path)
        parsed.append(tables)
    return parsed


def check(tables: dict[str, Any], path: Path) -> None:
    """Raise LanguageDataError for a missing required key, an unknown table or key (a typo would
    otherwise be ignored), a value of the wrong kind, or a tag that is not the file's name."""
    for table, key in REQUIRED:
        section = tables.get(table)
        if not isinstance(section, dict) or key not in section:
            raise LanguageDataError(f"{path}: required key {key!r} missing from [{table}]")
    for table, section in tables.items():
        if table not in SCHEMA or not isinstance(section, dict):
            raise LanguageDataError(f"{path}: unknown table [{table}]")
        for key, value in section.items():
            kind = SCHEMA[table].get(key)
            if kind is None:
                raise LanguageDataError(f"{path}: unknown key {key!r} in [{table}]")
            if kind == "text" and not (isinstance(value, str) and value):
                raise LanguageDataError(f"{path}: [{table}] {key} must be a non-empty string")
            if kind == "words" and not (
                isinstance(value, list) and value and all(isinstance(word, str) and word for word in value)
            ):
                raise LanguageDataError(f"{path}: [{table}] {key} must be a list of non-empty strings")
    if (tag := tables["language"]["tag"]) != path.stem:
        raise LanguageDataError(f"{path}: tag {tag!r} is not the file's name")


LANGUAGES = load_languages()


def words(table: str, key: str) -> dict[str, tuple[str, ...]]:
    """Per language tag, its words under [table] `key`, for the languages that have any."""
    return {
        language.tag: tuple(language.tables[table][key])
        for language in LANGUAGES
        if key in language.tables.get(table, {})
    }


def union(by_language: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Every language's words, each once, in order."""
    return tuple(dict.fromkeys(word for found in by_language.values() for word in found))


def alternatives(by_language: dict[str, tuple[str, ...]]) -> str:
    """One regular-expression alternation of every language's words, each once, in order."""
    return "|".join(union(by_language))
