"""Typographic clean-up of plain text that markdown-it's typographer leaves alone."""

from __future__ import annotations

import re

from pipeline.i18n.cldr import quotation_marks
from pipeline.i18n.language_data import LANGUAGES

# A hyphen with a space on each side, between two non-space characters, is a dash in disguise.
_SPACED_HYPHEN = re.compile(r"(?<=\S) +-{1,3} +(?=\S)")
_DOUBLE_HYPHEN = re.compile(r"(?<!-)--(?!-)")
_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
_TRIPLE_HYPHEN = re.compile(r"(?<!-)---(?!-)")
_ELLIPSIS = re.compile(r"\.\.\.(?!\.)")

# A space a language sets inside its guillemets (French: a narrow no-break space), which CLDR's
# delimiters do not carry: each language's data file, [language] quote_space.
_QUOTE_SPACES = {
    language.tag.casefold(): str(language.tables["language"]["quote_space"])
    for language in LANGUAGES
    if "quote_space" in language.tables["language"]
}
_ENGLISH = ("\u201c", "\u201d", "\u2018", "\u2019")


def quote_marks(language: str) -> tuple[str, str, str, str]:
    """Double open, double close, single open, single close for a language, from CLDR (English's
    for a language without a data file)."""
    marks = quotation_marks(language) or _ENGLISH
    tag = language.replace("_", "-").casefold()
    space = _QUOTE_SPACES.get(tag) or _QUOTE_SPACES.get(tag.split("-")[0])
    if not space:
        return marks
    opening, closing, inner_opening, inner_closing = marks
    return (
        opening + space if opening in "«‹" else opening,
        space + closing if closing in "»›" else closing,
        inner_opening + space if inner_opening in "«‹" else inner_opening,
        space + inner_closing if inner_closing in "»›" else inner_closing,
    )


def quoted(text: str, language: str) -> str:
    """`text` in the language's quotation marks; quotes already inside it become the inner kind,
    so a quoted sentence that quotes a word reads “… their ‘purpose.’” and not “… “purpose.””."""
    outer_open, outer_close, inner_open, inner_close = quote_marks(language)
    # Inner marks that carry their own space (French « ») take the place of any typed one.
    space = "[ \u00a0\u202f]?" if inner_open != inner_open.strip() else "\u202f?"
    opening = re.escape(outer_open.strip()) + space
    closing = space + re.escape(outer_close.strip())
    if outer_open.strip() == outer_close.strip():  # Swedish ”…”: one mark both ways
        text = re.sub(opening, inner_open, text)
    else:
        text = re.sub(closing, inner_close, re.sub(opening, inner_open, text))
    return f"{outer_open}{text}{outer_close}"


def dash_for(language: str) -> str:
    """English sets a closed em dash; most other languages a spaced en dash, never at a line start."""
    return "\u2014" if language.split("-")[0].lower() == "en" else "\u00a0\u2013 "


def smarten(text: str, language: str = "en") -> str:
    """Ellipses from "...", dashes from "---", "--" and spaced hyphens, single spaces between words."""
    if "--" not in text and " -" not in text and "..." not in text and "  " not in text:
        # Most text has nothing to fix: skip the expressions. (A hyphen changes only after a
        # space or beside another: "well-known" is not a dash.)
        return text
    dash = dash_for(language)
    # Each expression only where its characters are: they scan slowly (a look-behind at every place).
    if "..." in text:
        text = _ELLIPSIS.sub("\u2026", text)
    if "---" in text:
        text = _TRIPLE_HYPHEN.sub("\u2014", text)
    if " -" in text:
        text = _SPACED_HYPHEN.sub(dash, text)
    if "--" in text:
        text = _DOUBLE_HYPHEN.sub(dash.strip() if dash.strip() == "\u2014" else "\u2013", text)
    return _SPACES.sub(" ", text) if "  " in text else text
