"""Typographic clean-up of plain text that markdown-it's typographer leaves alone."""

from __future__ import annotations

import re

# A hyphen with a space on each side, between two non-space characters, is a dash in disguise.
_SPACED_HYPHEN = re.compile(r"(?<=\S) +-{1,3} +(?=\S)")
_DOUBLE_HYPHEN = re.compile(r"(?<!-)--(?!-)")
_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
_TRIPLE_HYPHEN = re.compile(r"(?<!-)---(?!-)")
_ELLIPSIS = re.compile(r"\.\.\.(?!\.)")

# Curly quotes by language (primary subtag): double open, double close, single open, single close.
QUOTES = {
    "en": "“”‘’",
    "fr": ["«\u202f", "\u202f»", "“", "”"],
    "de": "„“‚‘",
    "es": "«»“”",
    "it": "«»“”",
    "pt": "«»“”",
    "nl": "“”‘’",
    "ru": "«»„“",
    "pl": "„”‚’",
    "sv": "””’’",
    "zh": "“”‘’",
    "ja": "「」『』",
}


def quote_marks(language: str) -> tuple[str, str, str, str]:
    """Double open, double close, single open, single close for a language (English by default)."""
    marks = QUOTES.get(language.split("-")[0].lower(), QUOTES["en"])
    return (marks[0], marks[1], marks[2], marks[3])


def quoted(text: str, language: str) -> str:
    """`text` in the language's quotation marks; quotes already inside it become the inner kind,
    so a quoted sentence that quotes a word reads “… their ‘purpose.’” and not “… “purpose.””."""
    outer_open, outer_close, inner_open, inner_close = quote_marks(language)
    opening = re.escape(outer_open.strip()) + "\u202f?"
    closing = "\u202f?" + re.escape(outer_close.strip())
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
    if "-" not in text and "..." not in text and "  " not in text:
        return text  # most text has nothing to fix: skip the expressions
    dash = dash_for(language)
    text = _ELLIPSIS.sub("\u2026", text)
    text = _TRIPLE_HYPHEN.sub("\u2014", text)
    text = _SPACED_HYPHEN.sub(dash, text)
    text = _DOUBLE_HYPHEN.sub(dash.strip() if dash.strip() == "\u2014" else "\u2013", text)
    return _SPACES.sub(" ", text)
