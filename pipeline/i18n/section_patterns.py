"""Section-name patterns, compiled as headings need them. Compiling every language's patterns at
once costs a process some 20 ms (Python's compiler is slow on 18,000 characters of alternatives)
while a guide's headings are in one or two languages. So a language whose every alternative starts
with a literal is compiled only when a heading could match it: when one of the heading's words
starts with an alternative's first letters ("(^| )(rozdzia\\w*|...)\\b", as most files write them), or,
for patterns that match inside words (Korean, Thai, Chinese), when the heading holds an
alternative's first character. Other languages' patterns (hand-written ones that match anywhere in
a word) are compiled at once, as one alternation per kind. The first kind in `KIND_ORDER` that any
language names still wins: a lazily compiled language is only asked about the kinds before the one
already found."""

from __future__ import annotations

import hashlib
import re
import sys
from functools import cache

from pipeline.files.user_cache import cached_marshal
from pipeline.i18n.folding import fold_letters
from pipeline.i18n.section_aliases import ALIASES, KIND_ORDER
from pipeline.model.guide import SectionKind

_META = set("\\()[]{}.|^$")
_OPTIONAL = set("?*{")
_PREFIX = 4  # letters of an alternative's start kept for the word gate


def _top_level(content: str) -> list[str] | None:
    """The alternatives of a group's content, split at its own `|`; None when it is not one group."""
    parts, depth, start, escaped = [], 0, 0, False
    for index, char in enumerate(content):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            parts.append(content[start:index])
            start = index + 1
    return [*parts, content[start:]] if depth == 0 else None


def _literal(alternative: str) -> str:
    """The letters every match of the alternative starts with (a letter made optional by `?`, `*`
    or `{` is not one), folded as headings are."""
    out = []
    for index, char in enumerate(alternative):
        following = alternative[index + 1 : index + 2]
        if char in _META or following in _OPTIONAL:
            break
        out.append(char)
    return fold_letters("".join(out))


def _gate(pattern: str) -> tuple[str, set[str]] | None:
    """("word", first letters of each alternative) for a pattern anchored at a word's start;
    ("char", first characters) for one that matches anywhere; None when either cannot be read."""
    for head, tails in (("(^| )(", (r")\b", ")")), ("^(", (")$",))):
        for tail in tails:
            if pattern.startswith(head) and pattern.endswith(tail):
                alternatives = _top_level(pattern[len(head) : -len(tail)])
                starts = [_literal(a).split(" ")[0][:_PREFIX] for a in alternatives or []]
                if alternatives and all(starts):
                    return "word", set(starts)
    alternatives = _top_level(pattern)
    starts = [_literal(a)[:1] for a in alternatives or []]
    return ("char", set(starts)) if alternatives and all(starts) else None


def _split() -> tuple[dict[str, list[str]], dict[str, str], dict, dict]:
    """The eager patterns per kind; the lazy ones by "language kind"; the word and character gates,
    each a first-letters string to the "language kind" keys it opens."""
    eager: dict[str, list[str]] = {kind: [] for kind in KIND_ORDER}
    lazy: dict[str, str] = {}
    by_word: dict[str, set[str]] = {}
    by_char: dict[str, set[str]] = {}
    for kind, patterns in ALIASES:
        for language, pattern in patterns.items():
            gate = _gate(pattern)
            if gate is None:
                eager[kind].append(pattern)
                continue
            lazy[f"{language} {kind}"] = pattern
            how, starts = gate
            for start in starts:
                (by_word if how == "word" else by_char).setdefault(start, set()).add(f"{language} {kind}")
    return eager, lazy, by_word, by_char


def _cached_split() -> tuple[dict[str, list[str]], dict[str, str], dict, dict]:
    """`_split`, kept in the user's cache (reading 400 patterns costs a process some 6 ms), keyed
    by the patterns and the Python version (marshal's format), as parsed language files are."""
    key = hashlib.sha256(repr((sys.version_info, ALIASES)).encode()).hexdigest()[:32]
    return cached_marshal(
        "languages",
        f"sections-{key}.marshal",
        _split,
        lambda found: isinstance(found, tuple) and len(found) == 4,
    )


_EAGER_PATTERNS, _LAZY, _BY_WORD, _BY_CHAR = _cached_split()


@cache
def _eager(index: int) -> re.Pattern[str] | None:
    """The eager patterns of the index-th kind as one alternation, compiled when a heading first
    asks about that kind: a heading found to be a summary never compiles the kinds after it."""
    patterns = _EAGER_PATTERNS[KIND_ORDER[index]]
    return re.compile("|".join(f"(?:{fold_letters(p)})" for p in patterns)) if patterns else None


_COMPILED_LAZY: dict[str, re.Pattern[str]] = {}
_INDEX = {kind: index for index, kind in enumerate(KIND_ORDER)}


def _candidates(text: str) -> set[str]:
    """The lazily compiled patterns ("language kind") that could match the folded heading."""
    found: set[str] = set()
    for word in text.split(" "):
        for length in range(1, min(len(word), _PREFIX) + 1):
            found |= _BY_WORD.get(word[:length], set())
    for char in set(text) & _BY_CHAR.keys():
        found |= _BY_CHAR[char]
    return found


def kind_of(text: str) -> SectionKind | None:
    """The first kind (in `KIND_ORDER`) any language's pattern finds in a folded heading: a lazy
    pattern is compiled only when its kind comes before the one found so far."""
    best = next(
        (i for i in range(len(KIND_ORDER)) if (pattern := _eager(i)) and pattern.search(text)),
        len(KIND_ORDER),
    )
    # Earliest kind first (and in a fixed order: a set's order changes with the hash seed), so a
    # match rules out the later kinds' patterns before they are compiled, in every process alike.
    for index, key in sorted((_INDEX[key.split(" ")[1]], key) for key in _candidates(text)):
        if index < best:
            if key not in _COMPILED_LAZY:
                _COMPILED_LAZY[key] = re.compile(fold_letters(_LAZY[key]))
            if _COMPILED_LAZY[key].search(text):
                best = index
    return KIND_ORDER[best] if best < len(KIND_ORDER) else None
