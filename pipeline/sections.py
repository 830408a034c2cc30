"""Which kind of section a heading names, matched through aliases in several languages."""

from __future__ import annotations

import re
import unicodedata

from pipeline.labels import labels_for
from pipeline.model import SectionKind
from pipeline.section_aliases import ALIASES

# Arabic: vowel marks and the tatweel are optional in writing, and these letters are often typed
# for one another (hamza on or under alef or none, ta marbuta as ha, alef maqsura as ya).
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
# The definite article (with "and" before it) is written joined to its word: "الشخصيات".
_ARABIC_ARTICLE = re.compile(r"(?<!\S)(و?)ال(?=\S\S)")
# Latin, Greek and Cyrillic accents ("Résumé", "персонажи" with ё or й); CJK voicing marks
# (U+3099) are outside this range, so Japanese kana survive the round trip.
_ACCENTS = re.compile(r"[\u0300-\u036f]")
# Punctuation and bullets that frame a heading without naming it: "Summary:", "あらすじ：",
# "【あらすじ】", "■ テーマ", "أسئلة للنقاش؟".
_FRAME = " :.-—–#*_\"'“”«»?!。、，،؛؟!・■□◆◇●○★☆【】「」『』〔〕［］()（）"
_NUMBERING = re.compile(r"^(\d+|[٠-٩]+|[一二三四五六七八九十]+)\s*[.)、:]\s*")


def _fold_letters(text: str) -> str:
    """What both headings and patterns go through: compatibility forms, accents, Arabic variants."""
    text = unicodedata.normalize("NFKC", text)
    text = _ACCENTS.sub("", unicodedata.normalize("NFD", text))
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", text))
    return text.translate(_ARABIC_LETTERS)


def normalise_heading(title: str) -> str:
    """A heading as the alias patterns see it: folded, framing punctuation and numbering gone."""
    text = _fold_letters(title.casefold()).casefold()
    text = re.sub(r"[\s\u00a0\u202f\u3000]+", " ", text).strip(_FRAME)
    text = _NUMBERING.sub("", text).strip(_FRAME)
    return _ARABIC_ARTICLE.sub(r"\1", text)


_COMPILED = tuple(
    (kind, re.compile("|".join(f"(?:{_fold_letters(p)})" for p in patterns.values())))
    for kind, patterns in ALIASES
)


def label(language: str, key: str) -> str:
    """A fixed title (for sections the pipeline adds itself) in the guide's language."""
    return labels_for(language)["glance" if key == "info" else key]


def section_kind(title: str) -> SectionKind | None:
    """The kind a heading names, or None when no alias matches."""
    text = normalise_heading(title)
    for kind, pattern in _COMPILED:
        if pattern.search(text):
            return kind
    return None
