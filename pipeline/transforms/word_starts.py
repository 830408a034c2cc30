"""Where a name or term can begin in a text, for the cross-links: the places of the whole words
whose core (the word without quotes around it or a possessive ending: "Mina's", "‘Mina’") is, as
written or case-folded, the first word of one of them.

Most text mentions a guide's few names and terms seldom, so each first word is looked for with a
substring search over the case-folded text (a pass in C) and only the places found are read as
words. Reading every word of every text instead cost the cross-links more than half their time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from pipeline.transforms.mentions import WORD

_QUOTES = "’'"
_WORD_PUNCTUATION = "_’'-"  # what WORD takes into a word besides letters and digits
_SEPARATOR = "\x00"  # neither a word's character nor a quote
_LEADING = re.compile(r"^[’']+")
_TRAILING = re.compile(r"[’']s$|[’']+$")

# Raw word -> its core, shared by every guide a process builds: the words of a language repeat,
# so after the first guides almost every word is one dictionary look-up instead of two regexes.
_CORES: dict[str, tuple[int, str, str]] = {}
_CORES_LIMIT = 50_000  # a long-lived process (watch, serve) starts over rather than grow (~8 MB)


def core(word: str) -> tuple[int, str, str]:
    """(characters cut from the front, the word without quotes or possessive, its casefold)."""
    found = _CORES.get(word)
    if found is not None:
        return found
    if len(_CORES) > _CORES_LIMIT:
        _CORES.clear()
    start, raw = 0, word
    lead = _LEADING.match(word)
    if lead and lead.end() < len(word):
        start, word = lead.end(), word[lead.end() :]
    trail = _TRAILING.search(word)
    if trail and trail.start() > 0:
        word = word[: trail.start()]
    found = _CORES[raw] = (start, word, word.casefold())
    return found


def is_word_char(char: str) -> bool:
    """What WORD takes into a word: `\\w` is `str.isalnum()` or "_" to `re`, and the apostrophes and
    hyphen (a method call, where a regular expression match costs a match object)."""
    return char.isalnum() or char in _WORD_PUNCTUATION


def occurrences(text: str, word: str) -> list[int]:
    """Where `word` stands as a whole word of `text` (what WORD would find as one match)."""
    found = []
    position = text.find(word)
    while position >= 0:
        after = position + len(word)
        if not (position and is_word_char(text[position - 1])) and not (
            after < len(text) and is_word_char(text[after])
        ):
            found.append(position)
        position = text.find(word, after)
    return found


def searched_forms(first_words: Iterable[str]) -> tuple[str, ...] | None:
    """What `word_starts` looks for in the folded text: the first words folded (a core matches a
    first word as written or folded; either way its fold, which Unicode keeps stable under folding
    again, is in the folded text), less those another one begins (every place of "renfield" is a
    place of "r"). None when a first word is empty: it would be found everywhere, so every word is
    read instead."""
    folded = {word.casefold() for word in first_words}
    if "" in folded:
        return None
    # In sorted order every form that begins with a kept one comes right after it, before any
    # other is kept: one comparison each, where trying every pair cost a third of the set-up.
    kept: list[str] = []
    for form in sorted(folded):
        if not kept or not form.startswith(kept[-1]):
            kept.append(form)
    return tuple(kept)


def word_starts(
    text: str, first_words: dict[str, int], forms: tuple[str, ...] | None
) -> list[tuple[int, str]]:
    """(place, word as written) of the whole words of `text` whose core, as written or folded, is
    in `first_words` (`forms` is `searched_forms(first_words)`), in order."""
    folded = text.casefold()
    if forms is None or len(folded) != len(text):
        # A letter that folds to two ("ß" to "ss") moves the folded text's places: read every word.
        return _by_words(text, first_words)
    return sorted(_places(text, folded, first_words, forms).items())


def word_starts_of_all(
    texts: list[str], first_words: dict[str, int], forms: tuple[str, ...] | None
) -> list[list[tuple[int, str]]]:
    """`word_starts` of each text, searched in one joined text: a guide's texts are many and short,
    and a search per form and text cost more than the few places found. The texts are joined by a
    character that is neither a word's nor a quote's, so no word, and no form, reaches across."""
    joined = _SEPARATOR.join(texts)
    folded = joined.casefold()
    # Folding never shortens a letter, and folds each on its own: the same length overall is the
    # same length, and the same places, for each text.
    if forms is None or len(folded) != len(joined):
        return [word_starts(text, first_words, forms) for text in texts]
    found: list[list[tuple[int, str]]] = [[] for _ in texts]
    offsets = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
    for place, raw in sorted(_places(joined, folded, first_words, forms).items()):
        index = bisect_right(offsets, place) - 1
        found[index].append((place - offsets[index], raw))
    return found


def _places(text: str, folded: str, first_words: dict[str, int], forms: tuple[str, ...]) -> dict[int, str]:
    places: dict[int, str] = {}
    for form in forms:  # a search per form: in C, and cheaper here than one alternation of them
        position = folded.find(form)
        while position >= 0:
            # A core starts a word, or follows the quotes that open it: step back over those.
            start = position
            while start and text[start - 1] in _QUOTES:
                start -= 1
            before = text[start - 1] if start else " "
            # is_word_char, written out: most places found are inside a longer word, and a call
            # for each cost more than the test.
            if not (before.isalnum() or before in _WORD_PUNCTUATION) and start not in places:
                raw = WORD.match(text, start).group()
                _, word, fold = core(raw)
                if word in first_words or fold in first_words:
                    places[start] = raw
            position = folded.find(form, position + 1)
    return places


def _by_words(text: str, first_words: dict[str, int]) -> list[tuple[int, str]]:
    """`word_starts` by reading every distinct word of the text."""
    return sorted(
        (position, raw)
        for raw in set(WORD.findall(text))
        if (found := core(raw))[1] in first_words or found[2] in first_words
        for position in occurrences(text, raw)
    )
