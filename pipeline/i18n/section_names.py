"""Which kind of section a heading names, matched through aliases in several languages."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.i18n.labels import labels_for
from pipeline.i18n.section_aliases import ALIASES
from pipeline.model.guide import SectionKind

# Arabic script: vowel marks and the tatweel are optional in writing, and these letters are often
# typed for one another (hamza on or under alef or none, ta marbuta as ha, alef maqsura as ya).
# Hebrew vowel points and cantillation are optional too ("תַּקְצִיר" = "תקציר").
_MARKS = re.compile(
    r"[\u0610-\u061a\u064b-\u065f\u0670\u0640\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]"
)
# Persian and Urdu are typed on Arabic keyboards and Arabic on Persian ones, so Farsi yeh and keheh
# are Arabic yeh and kaf here; Urdu's heh goal, do-chashmi heh and teh marbuta goal, and the Persian
# ezafe heh (ۀ) are heh, as ta marbuta is; hamza on waw or yeh is dropped as on alef ("سؤال" = "سوال").
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",
        "ک": "ك",
        "ہ": "ه",
        "ۂ": "ه",
        "ھ": "ه",
        "ۃ": "ه",
        "ۀ": "ه",
        "ؤ": "و",
        "ئ": "ي",
    }
)
# A zero-width non-joiner separates the parts of a Persian or Urdu word ("شخصیت‌ها") that others
# write with a space or not at all: it reads as a space here, so patterns write " ?" ("شخصیت ?ها").
# Direction marks pasted with right-to-left text are dropped.
_ZWNJ = "\u200c"
_DIRECTION_MARKS = re.compile(r"[\u200d\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
# The definite article (with "and" before it) is written joined to its word: "الشخصيات".
_ARABIC_ARTICLE = re.compile(r"(?<!\S)(و?)ال(?=\S\S)")
# Latin, Greek and Cyrillic accents ("Résumé", "персонажи" with ё or й); CJK voicing marks
# (U+3099) are outside this range, so Japanese kana survive the round trip.
_ACCENTS = re.compile(r"[\u0300-\u036f]")
# Punctuation and bullets that frame a heading without naming it: "Summary:", "あらすじ：",
# "【あらすじ】", "■ テーマ", "أسئلة للنقاش؟".
_FRAME = " :.-—–#*_\"'“”«»?!。、，،؛؟۔!・■□◆◇●○★☆【】「」『』〔〕［］()（）"
# Western, Arabic-Indic (٢) and Persian/Urdu (۲) digits; "۔" is Urdu's full stop.
_NUMBERING = re.compile(r"^(\d+|[٠-٩]+|[۰-۹]+|[一二三四五六七八九十]+)\s*[.)、:۔]\s*")


def fold_letters(text: str) -> str:
    """What both headings and patterns go through: compatibility forms, accents, Arabic variants."""
    text = unicodedata.normalize("NFKC", text)
    text = _ACCENTS.sub("", unicodedata.normalize("NFD", text))
    text = _MARKS.sub("", unicodedata.normalize("NFC", text))
    text = _DIRECTION_MARKS.sub("", text).replace(_ZWNJ, " ")
    return text.translate(_ARABIC_LETTERS)


def normalise_heading(title: str) -> str:
    """A heading as the alias patterns see it: folded, framing punctuation and numbering gone."""
    text = fold_letters(title.casefold()).casefold()
    text = re.sub(r"[\s\u00a0\u202f\u3000]+", " ", text).strip(_FRAME)
    text = _NUMBERING.sub("", text).strip(_FRAME)
    return _ARABIC_ARTICLE.sub(r"\1", text)


_COMPILED = tuple(
    (kind, re.compile("|".join(f"(?:{fold_letters(p)})" for p in patterns.values())))
    for kind, patterns in ALIASES
)


def label(language: str, key: str) -> str:
    """A fixed title (for sections the pipeline adds itself) in the guide's language."""
    return labels_for(language)["glance" if key == "info" else key]


_folded_heading = lru_cache(maxsize=4096)(normalise_heading)  # a library's guides share their headings


@lru_cache(maxsize=4096)
def section_kind(title: str) -> SectionKind | None:
    """The kind a heading names, or None when no alias matches."""
    text = _folded_heading(title)
    for kind, pattern in _COMPILED:
        if pattern.search(text):
            return kind
    return None


# Per language, every section name it has: compiled when a manuscript names no language of its own.
_BY_LANGUAGE: dict[str, re.Pattern[str] | None] = {}
_ALIAS_LANGUAGE_TAGS = {"zh": "zh-Hans"}  # the alias tables' "zh" is Simplified Chinese
_ALIAS_LANGUAGES = tuple(dict.fromkeys(language for _, patterns in ALIASES for language in patterns))


def _names_in(language: str) -> re.Pattern[str] | None:
    if language not in _BY_LANGUAGE:
        union = "|".join(
            f"(?:{fold_letters(patterns[language])})" for _, patterns in ALIASES if language in patterns
        )
        _BY_LANGUAGE[language] = re.compile(union) if union else None
    return _BY_LANGUAGE[language]


def heading_language(headings: list[str], default: str = "en") -> tuple[str | None, list[str]] | None:
    """Which language the section names are in: None when they are all `default`'s (or there are
    none); else (language, the names that say so), or (None, the foreign names) when they do not
    decide. A language needs two of the names, and more than any other language: a name several
    languages share ("Temas" is Spanish and Portuguese) counts for each of them."""
    known = [heading for heading in headings if section_kind(heading) is not None]  # cached
    texts = [_folded_heading(heading) for heading in known]
    home = _names_in(default.split("-")[0].lower())
    if not texts or (home is not None and all(home.search(text) for text in texts)):
        return None  # the usual case, decided by one pattern: the other languages are not compiled
    named_by: dict[str, list[str]] = {}
    for heading, text in zip(known, texts, strict=True):
        for language in _ALIAS_LANGUAGES:
            if (pattern := _names_in(language)) and pattern.search(text):
                named_by.setdefault(language, []).append(heading)
    ranked = sorted(named_by.items(), key=lambda item: len(item[1]), reverse=True)
    if ranked and len(ranked[0][1]) >= 2 and (len(ranked) == 1 or len(ranked[1][1]) < len(ranked[0][1])):
        language, names = ranked[0]
        return _ALIAS_LANGUAGE_TAGS.get(language, language), names
    return None, [
        heading for heading, text in zip(known, texts, strict=True) if not (home and home.search(text))
    ]
