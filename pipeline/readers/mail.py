"""What an e-mail client wraps around a summary sent on: the "Forwarded message" block and its
header lines, the note the sender wrote above it, the "On … wrote:" line over a reply and the "> "
marks before every quoted line, and the signature under it. None of it is about the book: a guide
read with it has "---------- Forwarded message ---------" for a title. Lines are blanked or
unquoted in place, never removed, so every line keeps its number for warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model.lazy_pattern import LazyPattern

# The line a client writes over a forwarded message: Gmail, Outlook, Apple Mail, Thunderbird.
_FORWARD = LazyPattern(
    r"^\s*(?:-{5,}\s*(?:forwarded message|original message|weitergeleitete nachricht|message transféré|"
    r"mensaje reenviado)\s*-{5,}|begin forwarded message:|-{5,}\s*(?:original|forwarded)[^-]*-{5,})\s*$",
    re.I | re.M,
)
# Header lines under it (the names the clients write in English, German, French and Spanish).
_HEADER = LazyPattern(
    r"^\s*(?:from|sent|date|to|cc|bcc|subject|reply-to|von|gesendet|datum|an|betreff|de|envoyé|"
    r"à|objet|enviado|para|asunto|fecha)\s*:",
    re.I,
)
_QUOTED = LazyPattern(r"^ {0,3}> ?")
# Who wrote the quoted message: a line with a date or an address that ends with a colon.
_ATTRIBUTION = LazyPattern(r"^(?=.*[\d@]).{8,300}[:：]\s*$")
_SIGNATURE = LazyPattern(r"^(?:-- ?|__+)\s*$")
# A reply quotes what it answers; the guide is the quoted text only when it is most of the message.
_QUOTED_SHARE = 0.6
_QUOTED_MIN = 5
_SIGNATURE_LINES = 8  # a signature is a few lines at the very end, not a rule in the middle


@dataclass(frozen=True, slots=True)
class Unwrapped:
    """The text without the mail's wrapping, and the first line (1-based) of what was left out."""

    text: str
    line: int | None


def unwrap_mail(text: str) -> Unwrapped:
    """The summary inside a forwarded or quoted e-mail; the text itself when it is none."""
    if "\n>" not in text and not _FORWARD.search(text):  # the usual case: one search each
        return Unwrapped(text, None)
    lines = text.split("\n")
    blanked: list[int] = []
    forward = next((i for i, line in enumerate(lines) if _FORWARD.match(line)), None)
    if forward is not None:
        # The sender's note above the forwarded message, the marker and its header lines.
        end = forward + 1
        while end < len(lines) and (not lines[end].strip() or _HEADER.match(lines[end])):
            end += 1
        blanked += _blank(lines, 0, end)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    quoted = [i for i in filled if _QUOTED.match(lines[i])]
    if (
        len(quoted) >= _QUOTED_MIN
        and len(quoted) >= _QUOTED_SHARE * len(filled)
        and _attributed(lines, quoted[0])
    ):
        for i in filled:
            if i in quoted:
                lines[i] = _QUOTED.sub("", lines[i], count=1)
            else:  # "On Mon, … wrote:", a greeting, the sender's name
                blanked += _blank(lines, i, i + 1)
    if blanked:
        blanked += _signature(lines)
    if not blanked:
        return Unwrapped(text, None)
    return Unwrapped("\n".join(lines), min(blanked) + 1)


def _attributed(lines: list[str], first_quoted: int) -> bool:
    """A reply's quote follows the client's line naming who wrote it and when ("On Mon, Oct 5, 2026
    at 4:02 PM Mark <mark@example.org> wrote:", "Am 05.10.2026 schrieb …:"); a guide that is
    mostly callouts or quotes ("> [!note]") has none."""
    above = next((lines[i] for i in range(first_quoted - 1, -1, -1) if lines[i].strip()), "")
    return bool(_ATTRIBUTION.match(above))


def _blank(lines: list[str], start: int, end: int) -> list[int]:
    found = [i for i in range(start, end) if lines[i].strip()]
    for i in found:
        lines[i] = ""
    return found


def _signature(lines: list[str]) -> list[int]:
    """The "-- " line near the end and the name and title under it."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i in filled[-_SIGNATURE_LINES:]:
        if _SIGNATURE.match(lines[i].rstrip("\n")) and lines[i].strip():
            return _blank(lines, i, len(lines))
    return []
