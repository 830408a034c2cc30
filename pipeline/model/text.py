"""Plain text over the model: the words of some inlines without their formatting, and ASCII slugs."""

from __future__ import annotations

import re
import unicodedata

from pipeline.model import guide as m


def _plain(inlines: tuple[m.Inline, ...]) -> list[str]:
    out: list[str] = []
    for item in inlines:
        if isinstance(item, (m.Text, m.Code)):
            out.append(item.text)
        elif isinstance(item, m.Image):
            out.append(item.alt)
        elif isinstance(item, (m.Emph, m.Strong, m.Strike, m.Styled, m.Link, m.Ref)):
            out.extend(_plain(item.children))
    return out


def plain_text(inlines: tuple[m.Inline, ...]) -> str:
    """The text of some inlines without their formatting."""
    return "".join(_plain(inlines))


def slugify(text: str, fallback: str) -> str:
    """An ASCII id fragment: accents folded, other scripts replaced by the fallback."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.casefold()).strip("-")
    return slug[:48].rstrip("-") or fallback
