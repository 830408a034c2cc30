"""Ideographs, kana and hangul: a C-speed test for their absence before any pattern looks for them."""

from __future__ import annotations

import re

from pipeline.model.lazy_pattern import LazyPattern

# The CJK blocks start here: no ideograph, kana or hangul comes before it. Character classes over
# those blocks cost a millisecond or more each to compile (Python maps the whole plane), and most
# guides never hold one of their characters, so the patterns are left as text and compiled (and
# cached by `re`) the first time some text may need them.
FIRST_WIDE = "\u2e80"
# Any character from FIRST_WIDE on, as a negated class: it compiles in a fraction of a millisecond
# where the class of the blocks themselves does not, and its search runs in C several times faster
# than `max(text)` (which makes a string of every character it compares).
_WIDE = LazyPattern(f"[^\\x00-{chr(ord(FIRST_WIDE) - 1)}]")


def may_hold_wide(text: str) -> bool:
    """False when no character of `text` is in or after the CJK blocks."""
    return not text.isascii() and _WIDE.search(text) is not None  # isascii: a flag, no scan


def wide_search(pattern: str, text: str) -> re.Match[str] | None:
    """re.search for a pattern of CJK-block characters, skipped when `text` has none."""
    return re.search(pattern, text) if may_hold_wide(text) else None
