"""The per-language data files (pipeline/i18n/languages/<tag>.toml): every shipped one is complete
and sound, and a broken one is refused with its file and fault named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.i18n.folding import fold_key, fold_letters
from pipeline.i18n.labels import LABEL_LANGUAGES
from pipeline.i18n.language_data import (
    LANGUAGES,
    LANGUAGES_DIR,
    REQUIRED,
    SCHEMA,
    LanguageDataError,
    load_languages,
)

# Section kinds a language has no name for yet (a heading in it is kept as an unknown section).
_MISSING = {"de": {"symbols"}, "fr": {"questions"}}
REGEX_KEYS = {
    *(("lines", "language"), ("lines", "title"), ("lines", "part"), ("byline", "by")),
    ("byline", "by_after_title"),
    *(("chatter", "opening"), ("chatter", "closing"), ("chatter", "about_book")),
}


def _minimal(tag: str, extra: str = "") -> str:
    """A file with its tag, a name, English's labels and `extra`: the least a file may hold."""
    english = (LANGUAGES_DIR / "en.toml").read_text(encoding="utf-8")
    labels = english[english.index("[labels]") :]
    return f"[language]\ntag = '{tag}'\nnames = ['x']\n{extra}\n{labels}"


def _without(text: str, table: str, key: str) -> str:
    """The file's text with one `key = ...` line of [table] left out."""
    out, current = [], None
    for line in text.split("\n"):
        if line.startswith("["):
            current = line.strip("[]")
        if current == table and line.split("=")[0].strip() == key:
            continue
        out.append(line)
    return "\n".join(out)


def test_every_shipped_file_loads_with_its_tag_as_its_name():
    files = sorted(LANGUAGES_DIR.glob("*.toml"))
    assert [language.tag for language in LANGUAGES] == [path.stem for path in files]
    assert {"en", "fr", "de", "fa", "he", "ur", "zh-Hans"} <= {language.tag for language in LANGUAGES}


@pytest.mark.parametrize(("table", "key"), REQUIRED)
def test_a_file_without_a_required_key_is_refused(tmp_path: Path, table: str, key: str):
    text = (LANGUAGES_DIR / "en.toml").read_text(encoding="utf-8")
    (tmp_path / "en.toml").write_text(_without(text, table, key), encoding="utf-8")
    with pytest.raises(LanguageDataError, match=rf"en\.toml: required key '{key}' missing from \[{table}\]"):
        load_languages(tmp_path)


@pytest.mark.parametrize(
    ("extra", "fault"),
    [
        ("[fields]\nauthor = ['x']", r"unknown key 'author' in \[fields\]"),  # a typo for "authors"
        ("[section]\nsummary = 'x'", r"unknown table \[section\]"),
        ("[values]\nand = 'and'", r"\[values\] and must be a list of non-empty strings"),
        ("[byline]\nby = ['by', '']", r"\[byline\] by must be a list of non-empty strings"),
    ],
)
def test_unknown_keys_and_wrong_values_are_refused(tmp_path: Path, extra: str, fault: str):
    (tmp_path / "xx.toml").write_text(_minimal("xx", extra), encoding="utf-8")
    with pytest.raises(LanguageDataError, match=rf"xx\.toml: {fault}"):
        load_languages(tmp_path)


def test_a_tag_that_is_not_the_file_name_is_refused(tmp_path: Path):
    (tmp_path / "xx.toml").write_text(_minimal("yy"), encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"xx\.toml: tag 'yy' is not the file's name"):
        load_languages(tmp_path)


def test_a_file_without_a_label_names_the_file_and_the_label(tmp_path: Path):
    text = _minimal("xx").replace('\nhandout = "', '\nx_handout = "')  # the key misspelt: missing
    (tmp_path / "xx.toml").write_text(text, encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"xx\.toml: required key 'handout' missing from \[labels\]"):
        load_languages(tmp_path)


def test_there_are_at_least_35_languages_and_each_is_read_and_printed():
    assert len(LANGUAGES) >= 35
    tags = {language.tag for language in LANGUAGES}
    assert {"ko", "el", "hi", "bn", "ta", "th", "hy", "ka", "pl", "nl", "sv", "da", "nb", "fi"} <= tags
    assert {"cs", "hu", "ro", "uk", "tr", "vi", "id", "ca"} <= tags
    for language in LANGUAGES:
        assert {"sections", "fields", "values", "labels"} <= set(language.tables), language.tag


def test_every_language_the_guide_is_printed_in_is_read_in_too():
    """A language with labels has its section names, field names and language names."""
    for primary in sorted(LABEL_LANGUAGES):
        language = next(language for language in LANGUAGES if language.primary == primary)
        assert {"language", "sections", "fields"} <= set(language.tables), language.tag
        assert set(language.tables["sections"]) == set(SCHEMA["sections"]) - _MISSING.get(primary, set())


def test_every_pattern_compiles():
    for language in LANGUAGES:
        for pattern in language.tables.get("sections", {}).values():
            re.compile(fold_letters(pattern))
        for table, key in REGEX_KEYS | {("values", key) for key in SCHEMA["values"]}:
            for word in language.tables.get(table, {}).get(key, []):
                re.compile(word, re.I)


def test_no_name_names_two_languages_once_folded():
    tags: dict[str, set[str]] = {}
    for language in LANGUAGES:
        for name in language.tables["language"]["names"]:
            tags.setdefault(fold_key(name), set()).add(language.tag)
    assert {name: found for name, found in tags.items() if len(found) > 1} == {}


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path):
    (tmp_path / "xx.toml").write_text("[language\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"xx\.toml: cannot be read"):
        load_languages(tmp_path)


def test_every_language_says_what_chat_assistants_say_in_it():
    """Chatter and the words of a sentence-like top heading are data: every shipped language has
    them, and each about_book pattern is anchored at one end (what is left is the title)."""
    for language in LANGUAGES:
        chatter = language.tables.get("chatter", {})
        assert set(chatter) == set(SCHEMA["chatter"]), language.tag
        for pattern in chatter["about_book"]:
            assert pattern.startswith("^") or pattern.endswith("$"), (language.tag, pattern)
