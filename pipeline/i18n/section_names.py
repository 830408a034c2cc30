"""Which kind of section a heading names, matched through aliases in several languages."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.i18n.decoration import strip_numbering, strip_pictographs
from pipeline.i18n.folding import fold_letters
from pipeline.i18n.labels import labels_for
from pipeline.i18n.section_aliases import ALIAS_TAGS, ALIASES
from pipeline.i18n.section_patterns import kind_of
from pipeline.model.guide import SectionKind

# The definite article (with "and" before it) is written joined to its word: "الشخصيات".
_ARABIC_ARTICLE = re.compile(r"(?<!\S)(و?)ال(?=\S\S)")
# Punctuation and bullets that frame a heading without naming it: "Summary:", "あらすじ：",
# "【あらすじ】", "■ テーマ", "أسئلة للنقاش؟".
_FRAME = " :.-—–#*_\"'“”«»?!。、，،؛؟۔!・■□◆◇●○★☆【】「」『』〔〕［］()（）"
# Western, Arabic-Indic (٢) and Persian/Urdu (۲) digits; "۔" is Urdu's full stop.
_NUMBERING = re.compile(r"^(\d+|[٠-٩]+|[۰-۹]+|[一二三四五六七八九十]+)\s*[.)、:۔]\s*")


def normalise_heading(title: str) -> str:
    """A heading as the alias patterns see it: folded, emoji, framing punctuation and numbering
    gone ("## 🧠 Part 2: **Main Themes**" names the themes)."""
    text = fold_letters(strip_numbering(strip_pictographs(title)).casefold()).casefold()
    text = re.sub(r"[\s\u00a0\u202f\u3000]+", " ", text).strip(_FRAME)
    text = _NUMBERING.sub("", text).strip(_FRAME)
    return _ARABIC_ARTICLE.sub(r"\1", text)


def label(language: str, key: str) -> str:
    """A fixed title (for sections the pipeline adds itself) in the guide's language."""
    return labels_for(language)["glance" if key == "info" else key]


_folded_heading = lru_cache(maxsize=4096)(normalise_heading)  # a library's guides share their headings


@lru_cache(maxsize=4096)
def section_kind(title: str) -> SectionKind | None:
    """The kind a heading names, or None when no alias matches."""
    return kind_of(_folded_heading(title))


# Per language, every section name it has: compiled when a manuscript names no language of its own.
_BY_LANGUAGE: dict[str, re.Pattern[str] | None] = {}

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
        return ALIAS_TAGS.get(language, language), names
    return None, [
        heading for heading, text in zip(known, texts, strict=True) if not (home and home.search(text))
    ]
