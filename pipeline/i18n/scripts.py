"""Writing systems as characters: the colons and direction marks typed around fields, the ranges of
CJK and Hangul, and the scripts that one language writes almost alone (for guessing a guide's
language when it names none)."""

from __future__ import annotations

# Colons as typed: ASCII (Arabic-script text has no colon of its own and uses it), full-width (CJK),
# and the small colon and ratio sign that look like it. Right-to-left text often carries
# direction marks next to them ("نویسنده\u200f: ..."), which are no part of the key or the value.
COLONS = ":：﹕∶"
DIRECTION_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Left as text, compiled when a manuscript holds such characters (see model.wide_text).
CJK = r"[\u4e00-\u9fff]"
KANA = r"[\u3040-\u30ff]"
HANGUL = r"[\uac00-\ud7af]"

# Scripts that one language writes almost alone. Cyrillic and Arabic are not among them (Russian
# or Ukrainian, Arabic or Persian or Urdu): their section names decide, if anything does.
SCRIPT_LANGUAGES: tuple[tuple[str, str], ...] = (
    ("el", r"[\u0370-\u03ff\u1f00-\u1fff]"),
    ("hi", r"[\u0900-\u097f]"),
    ("bn", r"[\u0980-\u09ff]"),
    ("ta", r"[\u0b80-\u0bff]"),
    ("th", r"[\u0e00-\u0e7f]"),
    ("he", r"[\u0590-\u05ff]"),
    ("hy", r"[\u0530-\u058f]"),
    ("ka", r"[\u10a0-\u10ff]"),
    # Scripts with no data file behind them: the guide keeps English labels, but screen readers,
    # hyphenation and the `lang` tags get the right language instead of the identifier's nearest
    # guess among the languages with files (an Amharic guide read as Latin, a Khmer one as English).
    ("am", r"[\u1200-\u139f\u2d80-\u2ddf]"),  # Ethiopic (Tigrinya writes it too, far less)
    ("km", r"[\u1780-\u17ff\u19e0-\u19ff]"),
    ("lo", r"[\u0e80-\u0eff]"),
    ("my", r"[\u1000-\u109f]"),
    ("si", r"[\u0d80-\u0dff]"),
    ("ml", r"[\u0d00-\u0d7f]"),
    ("kn", r"[\u0c80-\u0cff]"),
    ("te", r"[\u0c00-\u0c7f]"),
    ("gu", r"[\u0a80-\u0aff]"),
    ("pa", r"[\u0a00-\u0a7f]"),  # Gurmukhi
    ("or", r"[\u0b00-\u0b7f]"),
    ("dv", r"[\u0780-\u07bf]"),  # Thaana
)

# Letters that, in a script several languages write, only one of them uses: Cyrillic with ђ and ћ
# is Serbian (Russian and Ukrainian have neither; Macedonian writes ѓ and ќ instead), Hebrew
# script with the Yiddish ligatures װ ױ ײ or the rafe of פֿ is Yiddish, not Hebrew. Each is
# (tag, the script as a character class, its letters, the share of the script's letters they must
# make); a few such letters and that share decide (Serbian prose writes one in a hundred, Yiddish
# one in twenty-five). A letter may be a sequence, compared in NFC: Yoruba marks the tone on its
# dotted vowels (ẹ́ ẹ̀ ọ́ ọ̀, one in twenty letters of its prose), which Vietnamese never does (a dot
# below is itself one of its tones, and a vowel carries one tone); its share is set high so that an
# English guide quoting a Yoruba title is not Yoruba.
DISTINCT_LETTERS: tuple[tuple[str, str, tuple[str, ...], float], ...] = (
    ("sr", r"[\u0400-\u04ff]", tuple("ђћЂЋ"), 0.003),
    ("mk", r"[\u0400-\u04ff]", tuple("ѓќѕЃЌЅ"), 0.003),
    ("yi", r"[\u0590-\u05ff\ufb1d-\ufb4f]", tuple("\u05f0\u05f1\u05f2\u05bf\ufb1f\ufb4e"), 0.003),
    (
        "yo",
        r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]",
        tuple(f"{vowel}{tone}" for vowel in "\u1eb9\u1ecd\u1eb8\u1ecc" for tone in "\u0301\u0300"),
        0.01,
    ),
)
