"""The guide's language: the one its front matter or a "Language:" line declares, else the one its
script says (CJK, Hangul, or a script one language writes alone), else the one a language
identifier reads in its prose (`i18n.identify`), else the one its section names are in (a text too
short to identify), else the default. Every guess is reported with how sure it is, so an author can
declare the language instead."""

from __future__ import annotations

import re
import unicodedata

from pipeline.i18n.cldr import english_name
from pipeline.i18n.fields import FRONT_MATTER_LANGUAGE_KEYS, LANGUAGE_LINE_WORDS
from pipeline.i18n.identify import identify, reads_as
from pipeline.i18n.language_data import alternatives
from pipeline.i18n.language_names import language_tag
from pipeline.i18n.scripts import (
    CJK,
    COLONS,
    DIRECTION_MARKS,
    DISTINCT_LETTERS,
    HANGUL,
    KANA,
    SCRIPT_LANGUAGES,
)
from pipeline.i18n.section_names import heading_language
from pipeline.model.diagnostics import Report
from pipeline.model.lazy_pattern import LazyPattern
from pipeline.model.wide_text import wide_search

_LANGUAGE_LINE = LazyPattern(
    rf"^[\s*_>-]*(?:{alternatives(LANGUAGE_LINE_WORDS)})[*_]*"
    rf"[\s{DIRECTION_MARKS}]*[{COLONS}][*_\s{DIRECTION_MARKS}]*([^\s|*{DIRECTION_MARKS}]+(?: [A-Za-z]+)?)",
    re.I | re.M,
)
_SCRIPT_LETTERS = 40  # a few words ("[ΑΓΩ]: /φου") are no guide in that language
# A character of any of those scripts (each a character class): most guides have none, and one
# search over one class says so.
_ANY_SCRIPT = LazyPattern(f"[{''.join(script[1:-1] for _, script in SCRIPT_LANGUAGES)}]")
# Fewer letters than this are a heading or two and a line: the identifier would guess, the section
# names decide. Below this probability the identifier's answer is not taken either.
_IDENTIFY_LETTERS = 100
_IDENTIFY_SURE = 0.8
_IDENTIFY_SAMPLE = 5000  # characters read: a page of prose decides, and counting costs per character


def choose_language(
    front_matter: dict[str, object], text: str, adapted_text: str, report: Report, default: str = "en"
) -> str:
    """The guide's BCP 47 tag, from the manuscript's text and its adapted (Markdown) text."""
    value = next((front_matter[k] for k in FRONT_MATTER_LANGUAGE_KEYS if k in front_matter), None)
    if value is None and (match := _LANGUAGE_LINE.search(text[:5000])):
        value = match.group(1)
    if value is not None:
        tag = language_tag(str(value))
        if tag:
            return tag
        report.warn(
            "W-LANGUAGE", f"language {value!r} is not a BCP 47 tag or a known name; using {default!r}"
        )
        return default
    sample = text[:20000]
    if not wide_search(CJK, sample) and not wide_search(HANGUL, sample):
        return (
            _distinct_language(sample, report)
            or _script_language(sample, report)
            or _identified_language(sample, report, default)
            or _heading_language(_atx_headings(adapted_text), report, default)
        )
    letters = _letters(sample) or 1
    kana = len(re.findall(KANA, sample))
    # Kana count with the ideographs: everyday Japanese prose is two-thirds kana or more.
    if (share := (len(re.findall(CJK, sample)) + kana) / letters) > 0.3:
        guess = "ja" if kana else "zh-Hans"
    elif (share := len(re.findall(HANGUL, sample)) / letters) > 0.3:
        guess = "ko"
    else:
        return default
    _script_warning(report, guess, share)
    return guess


def _script_warning(report: Report, language: str, share: float) -> None:
    """What was chosen, and how sure: the share of the letters in the language's script."""
    report.warn(
        "W-LANGUAGE",
        f"no language given; the text looks like {language!r} ({english_name(language)}: "
        f"{min(share, 1.0):.0%} of its letters are in its script), so that is used: "
        f"add a language line (Language: {language}) to be sure",
        1,
    )


def _atx_headings(text: str) -> list[str]:
    """The text of every `#` heading (the loose dialect's bare headings are made `##` ones)."""
    return [
        line.lstrip("#").strip()
        for line in text.split("\n")
        if line.startswith("#") and line.lstrip("#")[:1] == " "
    ]


def _script_language(sample: str, report: Report) -> str | None:
    """The language of a text mostly in a script only it writes (a Hindi guide tagged English is
    hyphenated as English and read by screen readers in an English voice)."""
    if not _ANY_SCRIPT.search(sample):  # the usual case: one pass in C finds none of them
        return None
    letters = 0
    for language, script in SCRIPT_LANGUAGES:
        written = len(re.findall(script, sample))
        if written < _SCRIPT_LETTERS:
            continue
        # Counted only for a script written often enough: counting costs a call per character.
        letters = letters or _letters(sample) or 1
        if written / letters > 0.3:
            _script_warning(report, language, written / letters)
            return language
    return None


# Letters and words that have them: one name quoted again and again ("Ђоковић" in Russian prose, a
# Yoruba title in an English one) does not make the text that language.
_DISTINCT_MIN = 3
# The first character of every distinct letter: most texts have none, and one search says so.
_ANY_DISTINCT = LazyPattern(
    f"[{''.join(letter[0] for _, _, letters, _ in DISTINCT_LETTERS for letter in letters)}]"
)


def _distinct_language(sample: str, report: Report) -> str | None:
    """The language whose own letters a text in a shared script writes (Serbian Cyrillic is not
    Russian, Yiddish is not Hebrew, Yoruba is not Vietnamese): the identifier knows only
    languages with a file and would name the nearest of them with full confidence."""
    # NFC first: tone marks typed as combining characters (Yoruba keyboards) are compared as one
    # form; NFC of text already in it is a quick check.
    sample = unicodedata.normalize("NFC", sample)
    if not _ANY_DISTINCT.search(sample):  # the usual case: none of those letters
        return None
    for language, script, letters, share in DISTINCT_LETTERS:
        marks = sum(map(sample.count, letters))
        if marks < _DISTINCT_MIN or _words_with(sample, letters) < _DISTINCT_MIN:
            continue
        written = len(re.findall(script, sample))
        if marks >= share * written and written / (_letters(sample) or 1) > 0.3:
            report.warn(
                "W-LANGUAGE",
                f"no language given; the text looks like {language!r} ({english_name(language)}: "
                f"it writes {_seen(sample, letters)}, which no other language of its script does), "
                f"so that is used: add a language line (Language: {language}) to be sure",
                1,
            )
            return language
    return None


def _words_with(sample: str, letters: tuple[str, ...]) -> int:
    """How many different words hold one of the letters."""
    return len(
        {word.strip('.,;:!?"“”«»()') for word in sample.split() if any(map(word.__contains__, letters))}
    )


def _seen(sample: str, letters: tuple[str, ...]) -> str:
    """The distinct letters as the text writes them, in order of appearance; a combining mark (the
    rafe of פֿ) is shown on the letter before it."""
    singles = {letter for letter in letters if len(letter) == 1}
    found = [
        (i, sample[max(i - 1, 0) : i + 1] if unicodedata.combining(c) else c)
        for i, c in enumerate(sample)
        if c in singles
    ]
    found += [(sample.find(letter), letter) for letter in letters if len(letter) > 1 and letter in sample]
    return ", ".join(dict.fromkeys(text for _, text in sorted(found)))


def _letters(text: str) -> int:
    return sum(map(str.isalpha, text))


def _has_letters(text: str, count: int) -> bool:
    """At least `count` letters: a short prefix usually says so (prose is mostly letters)."""
    return _letters(text[: 4 * count]) >= count or _letters(text) >= count


def _identified_language(sample: str, report: Report, default: str) -> str | None:
    """The language py3langid reads in the text; the default, without loading its model, when the
    text is plainly in it (an English guide does not pay for the model); None when the text is too
    short or the identifier unsure."""
    sample = sample[:_IDENTIFY_SAMPLE]
    if not _has_letters(sample, _IDENTIFY_LETTERS):
        return None
    if reads_as(sample, default):
        return default
    language, probability = identify(sample)
    if probability < _IDENTIFY_SURE:
        return None
    if language != default:
        report.warn(
            "W-LANGUAGE",
            f"no language given; the text reads as {language!r} ({english_name(language)}, "
            f"probability {probability:.2f}), "
            f"so that is used: add a language line (Language: {language}) to be sure",
            1,
        )
    return language


def _heading_language(headings: list[str], report: Report, default: str) -> str:
    """A guide in German that names no language is not to be hyphenated, quoted, labelled and read
    aloud as English: its section names ("Zusammenfassung", "Figuren") tell the language."""
    found = heading_language(headings, default)
    if found is None or found[0] == default:
        return default
    language, examples = found
    named = ", ".join(repr(example) for example in examples[:3])
    if language is None:
        report.warn(
            "W-LANGUAGE",
            f"no language given, and the section names ({named}) are not {default!r} ones; "
            f"{default!r} is used: add a language line (Language: es)",
            1,
        )
        return default
    report.warn(
        "W-LANGUAGE", f"no language given; the section names ({named}) are {language!r}, so that is used", 1
    )
    return language
