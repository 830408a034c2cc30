"""Letter folding: how headings, section-name patterns and field names are compared across the ways
people type them (case, accents, Arabic vowel marks and letter variants, Hebrew points, the Persian
zero-width non-joiner and ezafe, Hebrew geresh)."""

from __future__ import annotations

import re
import unicodedata

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
# Latin, Greek and Cyrillic accents ("Résumé", "персонажи" with ё or й); CJK voicing marks
# (U+3099) are outside this range, so Japanese kana survive the round trip.
_ACCENTS = re.compile(r"[\u0300-\u036f]")
# Hebrew geresh and gershayim typed as apostrophes and quotation marks, or as their own letters.
_GERESH = str.maketrans({"׳": "'", "’": "'", "‘": "'", "`": "'", "״": '"', "“": '"', "”": '"'})
# The Persian ezafe after a final heh, written as a yeh of its own ("گونه‌ی ادبی") or a hamza
# ("گونهء"), is the mark "گونهٔ" carries, which folding drops.
_EZAFE = re.compile(r"(?<=ه) ?ي(?= |$)|(?<=ه)ء")
_SPACES = re.compile(r"[\s_]+")


def fold_letters(text: str) -> str:
    """What both headings and patterns go through: compatibility forms, accents, Arabic variants."""
    text = unicodedata.normalize("NFKC", text)
    text = _ACCENTS.sub("", unicodedata.normalize("NFD", text))
    text = _MARKS.sub("", unicodedata.normalize("NFC", text))
    text = _DIRECTION_MARKS.sub("", text).replace(_ZWNJ, " ")
    return text.translate(_ARABIC_LETTERS)


def fold_key(key: str) -> str:
    """A field name (or a language's name) as the aliases are compared: case, accents, marks,
    Arabic-script letter variants and the zero-width non-joiner folded as section headings are
    (`fold_letters`), geresh and ezafe written any of the usual ways, runs of spaces and
    underscores one space."""
    text = fold_letters(key.casefold()).casefold().translate(_GERESH)
    text = _SPACES.sub(" ", text).strip(" *_")
    return _EZAFE.sub("", text)
