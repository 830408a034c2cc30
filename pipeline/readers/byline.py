"""Bylines: the author named in "Title by Author", "by Author", "מאת עמוס עוז" or "بوف کور از صادق
هدایت" lines, and in a title that carries its byline ("Middlemarch by George Eliot")."""

from __future__ import annotations

import re

from pipeline.i18n.bylines import BY, COPULAS, NAME_PARTICLES, RTL_BY_AFTER_TITLE, RTL_BY_ALONE
from pipeline.i18n.folding import fold_letters
from pipeline.model.lazy_pattern import LazyPattern

_BYLINE = LazyPattern(rf"^(.*?)\s*\b({BY})\s+(\S.*)$", re.I)
_TITLE_BYLINE = LazyPattern(rf"^(.+),?\s+(?:{BY})\s+(\S.{{0,60}})$")
# `\b` does not serve right-to-left bylines: a zero-width non-joiner inside a Persian word is a word
# boundary to it ("بی‌اثر", "ineffective", would hold "اثر"), and after a final mark ("نوشتهٔ") there
# is none before the space. So a word here must not follow a letter or a joiner, and must be
# followed by a space.
_RTL_BY = LazyPattern(rf"(?<![\w\u200c\u200d])({RTL_BY_ALONE}|{RTL_BY_AFTER_TITLE})(?=\s)")
_RTL_BY_ALONE = LazyPattern(RTL_BY_ALONE)
# A byline's year: "by H. G. Wells (1895)", "نوشتهٔ صادق هدایت، ۱۹۳۷" (any script's digits).
BYLINE_YEAR = LazyPattern(r"\s*(?:[,،]\s*|\(\s*)(\d{3,4}(?:\s*(?:BCE|BC|CE|AD))?)\s*\)?\s*$")
# What a name does not hold: sentence punctuation, or a final full stop or comma ("א. ב. יהושע" has
# initials). A "name" ending in a copula (`i18n.bylines.COPULAS`) is a sentence.
_NOT_IN_NAME = LazyPattern(r"[!?؟۔:;؛…«»\d]|[.,،]$")


def looks_like_byline(line: str, title: str) -> bool:
    """A line with a byline word where one could be (a loose manuscript's second line is then no
    heading): looser than `split_byline`, which also wants what follows to read as names."""
    return bool(_BYLINE.match(line) or _rtl_byline(line, title))


def split_byline(text: str, title: str) -> str | None:
    """The author named in a "Title by Author" (or "by Author") line, else None."""
    stripped = text.strip()
    return _latin_byline(stripped, title) or _rtl_byline(stripped, title)


def split_year(author: str) -> tuple[str, str | None]:
    """ "H. G. Wells (1895)" and "H. G. Wells, 1895" -> ("H. G. Wells", "1895")."""
    if year := BYLINE_YEAR.search(author):
        return author[: year.start()].strip(), year.group(1)
    return author, None


def title_byline(title: str) -> tuple[str, str] | None:
    """ "Middlemarch by George Eliot" as the only title line: (title, author), when nothing else
    names the author and what follows "by" reads as a name (two or more capitalised words, so
    "Stand by Me" stays whole)."""
    match = _TITLE_BYLINE.match(title)
    if not match:
        return None
    words = match.group(2).split()
    if len(words) < 2 or not all(w[0].isupper() or w.casefold() in NAME_PARTICLES for w in words):
        return None
    return match.group(1).strip(" ,—–-"), match.group(2).strip()


def same_names(author: str, given: object) -> bool:
    """The byline's names are the author field's (a field may be a list: front matter)."""
    names = " ".join(map(str, given)) if isinstance(given, list) else str(given)
    return " ".join(author.casefold().split()) == " ".join(names.casefold().split())


def _latin_byline(stripped: str, title: str) -> str | None:
    # The title itself may hold the word ("Stand by Me by Stephen King"): try it as the prefix first.
    prefix = title.strip()
    if prefix and stripped.casefold().startswith(prefix.casefold()):
        rest = _BYLINE.match("x " + stripped[len(prefix) :].lstrip(" ,—–-"))
        if rest and rest.group(1).strip() == "x" and _reads_as_latin_names(rest.group(3)):
            return rest.group(3).strip()
    match = _BYLINE.match(stripped)
    if not match:
        return None
    before = match.group(1).strip(" ,—–-").casefold()
    if before and before != prefix.casefold():
        return None
    return match.group(3).strip() if _reads_as_latin_names(match.group(3)) else None


def _reads_as_latin_names(text: str) -> bool:
    """Names, not a sentence that happens to start with "By": "By the end of the war everyone had
    changed" has lower-case words a name list has not (particles such as "de" and "and" aside;
    an all-lower-case name of up to three words, such as "bell hooks", is let through)."""
    words = BYLINE_YEAR.sub("", text).replace(",", " ").split()
    lower = [w for w in words if w[:1].islower() and w.casefold() not in NAME_PARTICLES]
    return 0 < len(words) <= 10 and (not lower or (len(lower) == len(words) and len(words) <= 3))


def _rtl_byline(stripped: str, title: str) -> str | None:
    """ "הנער מן הים מאת עמוס עוז", "نوشتهٔ صادق هدایت", "امراؤ جان ادا از مرزا ہادی رسوا": the
    author, when what precedes the word is the title (letter variants aside) or, for the words that
    are bylines alone, nothing; and what follows reads as a name."""
    for match in _RTL_BY.finditer(stripped):
        before = stripped[: match.start()].strip(" ,،—–-")
        if before:
            if _fold(before) != _fold(title):
                continue  # the title may hold the word ("دور از خانه از ..."): try the next one
        elif not _RTL_BY_ALONE.fullmatch(match.group(1)):
            continue
        author = stripped[match.end() :].strip()
        if _reads_as_name(author):
            return author
    return None


def _fold(text: str) -> str:
    return " ".join(fold_letters(text.casefold()).split())


def _reads_as_name(text: str) -> bool:
    """One to six words, without sentence punctuation, digits (a year aside) or a final copula."""
    name = BYLINE_YEAR.sub("", text).strip()
    words = name.split()
    return (
        0 < len(words) <= 6
        and len(name) <= 60
        and not _NOT_IN_NAME.search(name)
        and _fold(words[-1]) not in COPULAS
    )
