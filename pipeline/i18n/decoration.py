"""What decorates a heading or a field name without naming it: emoji and other pictographs, keycap
and written numbering ("2.", "II.", "2)", "Part 2:"), emphasis markers left as text, trailing colons
and a trailing bracketed qualifier ("Author(s)", "Pages (approx.)"). Chat assistants write
"## 🧠 1. **Main Themes**:" where a person writes "Themes"; both name the same section.

Pictographs are found by their Unicode properties, not by a list: symbols of category So (emoji,
dingbats, arrows drawn as pictures) and Sk (skin-tone modifiers), format characters (Cf: the
zero-width joiner inside emoji sequences, tag characters of flag sequences), variation selectors and
the combining keycap. The zero-width non-joiner (Cf too) is kept: Persian and Urdu words need it."""

from __future__ import annotations

import re
import unicodedata

from pipeline.i18n.language_data import alternatives, words
from pipeline.model.lazy_pattern import LazyPattern

# Marks that belong to an emoji sequence rather than to any script: variation selectors (text or
# emoji presentation, U+FE00-FE0F and the supplement), the combining enclosing keycap (U+20E3).
_SEQUENCE_MARKS = LazyPattern("[\ufe00-\ufe0f\U000e0100-\U000e01ef\u20e3]")
# "2️⃣ Summary": a digit on a keycap numbers the heading.
_KEYCAP = LazyPattern("[0-9#*]\ufe0f?\u20e3")
# A character asked to be shown as an emoji (U+FE0F after it) is a pictograph whatever its category:
# "ℹ️ Book Info" has U+2139 INFORMATION SOURCE, a letter (Ll) to Unicode. ASCII characters are left
# to the keycap rule above.
_EMOJI_PRESENTED = LazyPattern("[^\x00-\x7f]\ufe0f")
# Kept although So, Sk or Cf: the non-joiner (Persian and Urdu words), the direction marks (the
# folding drops them where it must) and the kana voicing marks written on their own.
_KEPT = frozenset("\u200c\u200e\u200f\u309b\u309c")
_DECORATION_CATEGORIES = frozenset(("So", "Sk", "Cf", "Cs", "Co"))
# Numbering before the words: "2.", "2)", "(2)", "II.", "iv)", "2 -", "2:"; Arabic-Indic and Persian
# digits as well ("۲. مضامین"). A Roman numeral needs its full stop or bracket ("I. Summary"), so a
# heading that starts with a word such as "Mix" is not numbered.
_NUMBER = r"(?:\d+|[ivxlc]{1,7})"
_NUMBERING = LazyPattern(r"^\(?(?:\d+(?:\.\d+)+\.?|\d+\s*[.):\-–—]|[ivxlc]{1,7}[.)])(?=\s)\s*", re.I)
# "Part 2:", "Partie 2 :", "Teil II –": the words are each language's [lines] part.
_PART = LazyPattern(rf"^(?:{alternatives(words('lines', 'part'))})\s+{_NUMBER}\b\s*[.:)\-–—]?\s*", re.I)
_EMPHASIS = LazyPattern(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)")
_FRAME = " \t:：.-—–|#>\"'“”«»"
# "Author(s)", "Genre(s)", "Pages (approx.)", "Title [original]": the qualifier is not the name.
_TRAILING_BRACKETS = LazyPattern(r"\s*[(\[（【][^()\[\]（）【】]{0,20}[)\]）】]$")
_SPACES = LazyPattern(r"\s+")


def strip_pictographs(text: str) -> str:
    """The text without emoji, pictographs and the marks that join them into sequences, spaces
    squeezed. Text with nothing outside ASCII is returned as it is (the usual case, and fast)."""
    if text.isascii():
        return text
    marks_gone = _SEQUENCE_MARKS.sub("", _EMOJI_PRESENTED.sub("", _KEYCAP.sub("", text)))
    kept = "".join(
        char
        for char in marks_gone
        if char in _KEPT or unicodedata.category(char) not in _DECORATION_CATEGORIES
    )
    return _SPACES.sub(" ", kept).strip() if kept != text else text


def strip_numbering(text: str) -> str:
    """The words after a heading's numbering: "2. Themes", "II. Themes", "Part 2: Themes",
    "2️⃣ Themes" -> "Themes". A heading that is only a number is left as it is."""
    text = _KEYCAP.sub("", text).strip()  # when pictographs were not stripped first
    for pattern in (_PART, _NUMBERING):
        rest = pattern.sub("", text, count=1)
        if rest.strip(_FRAME):
            text = rest
    return text


def label_text(text: str) -> str:
    """A heading or field name as its words: pictographs, numbering, emphasis markers, framing
    punctuation, a trailing colon and a trailing bracketed qualifier removed ("## 📖 2. **Book
    Info**:" -> "Book Info", "Author(s)" -> "Author")."""
    text = _EMPHASIS.sub("", strip_pictographs(text)).strip(_FRAME)
    text = strip_numbering(text).strip(_FRAME)
    without = _TRAILING_BRACKETS.sub("", text).strip(_FRAME)
    return without or text
