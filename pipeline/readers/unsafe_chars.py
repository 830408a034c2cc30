"""What XML cannot carry or prose never needs: control characters, ANSI escapes, bidi overrides.

Shared by the input edge (`sources.clean_text`, which warns) and by everything that makes text after
cleaning (`strip_unsafe`: character references, YAML escapes), so neither imports the other.
"""

from __future__ import annotations

import re

# Characters XML 1.0 cannot carry or that have no business in prose: C0/C1 controls other than
# tab and newline, DEL, the noncharacters U+FFFE/U+FFFF, and ANSI escape sequences as a whole.
# Operating-system commands and other string sequences (ESC ] ... ended by BEL or ESC \, as in
# terminal titles and hyperlinks) go with their payload, or "0;title" would be left in the prose;
# one without its terminator loses only its first two characters, never the text after it.
ANSI_ESCAPE = re.compile(r"\x1b[\]P^_X][^\x07\x1b\n]*(?:\x07|\x1b\\)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) can make text display in an
# order other than the one it is stored in ("Trojan Source"); prose never needs them, so they go.
# Marks that shape text (ZWJ, ZWNJ, LRM, RLM, ZWSP) are kept: Persian, Hindi, emoji and
# Arabic-in-English need them. A BOM inside the text (U+FEFF) is a leftover of concatenated files.
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069\ufeff]")
# Any character one of the three removes (an ANSI escape starts with ESC, a forbidden one): text
# without one, nearly all of it, is searched once instead of rewritten three times.
_ANY_UNSAFE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069\ufeff]"
)


def strip_unsafe(text: str) -> str:
    """Remove what XML cannot carry from text made after cleaning (character references, YAML escapes)."""
    if not _ANY_UNSAFE.search(text):
        return text
    return BIDI_CONTROLS.sub("", FORBIDDEN.sub("", ANSI_ESCAPE.sub("", text)))
