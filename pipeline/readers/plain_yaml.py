"""The plainest front matter read without PyYAML: `key: value` lines whose values are words, whole
numbers, "double-quoted text" or [lists, of words]. Importing PyYAML costs a one-guide build some 7 %
of its instructions, and most manuscripts write nothing more; anything else (comments, nesting,
escapes, values YAML would read as true, null, dates or floats) is left to PyYAML, so what a
document means never depends on which reader read it."""

from __future__ import annotations

import re

_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): (.+)")
_INTEGER = re.compile(r"0|[1-9][0-9]{0,17}")
_QUOTED = re.compile(r'"([^"\\]*)"')
# A plain scalar that starts with a letter is text to YAML unless it is one of the words YAML 1.1
# reads as a boolean or null (PyYAML's resolver; "y" and "n" too, to be safe).
_NOT_TEXT = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}
# Inside words: letters, digits, spaces and punctuation with no meaning to YAML in any position
# after the first character (no ":", "#", quotes at the start, brackets or braces).
_WORD_PUNCTUATION = set(" .'()&/-")


def plain_mapping(text: str) -> dict[str, object] | None:
    """The mapping PyYAML's safe loader would give `text`, or None when `text` is not this plain."""
    if not text or not all(line.isprintable() for line in text.split("\n")):
        return None  # tabs, carriage returns, control characters: PyYAML's rules
    found: dict[str, object] = {}
    for line in text.split("\n"):
        match = _LINE.fullmatch(line)
        if match is None or match.group(1) in found or not _text_word(match.group(1)):
            return None
        value = _value(match.group(2))
        if value is None:
            return None
        found[match.group(1)] = value
    return found


def _value(raw: str) -> object | None:
    if _INTEGER.fullmatch(raw):
        return int(raw)
    if quoted := _QUOTED.fullmatch(raw):
        return quoted.group(1)
    if raw.startswith("[") and raw.endswith("]"):
        items = [_item(item.strip(" ")) for item in raw[1:-1].split(",")]
        return None if any(item is None for item in items) else items
    return raw if _plain_text(raw) else None


def _item(raw: str) -> str | None:
    if quoted := _QUOTED.fullmatch(raw):
        return quoted.group(1) if "," not in quoted.group(1) else None
    return raw if _plain_text(raw) else None


def _plain_text(raw: str) -> bool:
    """Words YAML reads as this very string: a letter first, no space at either end."""
    return (
        raw[:1].isalpha()
        and raw == raw.strip(" ")
        and all(char.isalnum() or char in _WORD_PUNCTUATION for char in raw)
        and _text_word(raw)
    )


def _text_word(raw: str) -> bool:
    return raw.lower() not in _NOT_TEXT
