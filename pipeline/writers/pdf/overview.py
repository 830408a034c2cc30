"""A plot overview cut to its first sentences, only ever between two sentences."""

from __future__ import annotations

import re

from pipeline.model import guide as m
from pipeline.model.excerpt import ABBREVIATION

# A sentence ends after . ! ? or … (and any closing quote or bracket) before a space, or after a
# CJK full stop, which needs no space.
_END = re.compile(r"[.!?…][”\"»’')\]]*(?=\s)|[。！？][”」』）]*")


def _ends(text: str) -> list[int]:
    """Offsets just past each sentence end in `text`, not after "Mr." or an initial."""
    # Only the last few characters decide whether a full stop follows an abbreviation.
    ends = (found.end() for found in _END.finditer(text))
    return [end for end in ends if not ABBREVIATION.search(text[max(0, end - 12) : end])]


def sentence_count(paragraphs: tuple[m.Paragraph, ...]) -> int:
    """Sentences in the paragraphs; a paragraph's last sentence counts even without a full stop."""
    return sum(len(_cuts(p.inlines)) for p in paragraphs)


def _cuts(inlines: tuple[m.Inline, ...]) -> list[tuple[int, int]]:
    """(inline index, offset in its text) after each sentence of a paragraph; the last is its end.

    Only plain text is cut: emphasis, links and references stay whole, so no markup is split.
    """
    cuts = []
    last = len(inlines) - 1
    for index, inline in enumerate(inlines):
        if isinstance(inline, m.Text):
            cuts += [(index, end) for end in _ends(inline.text) if index < last or inline.text[end:].strip()]
    end_cut = (last, len(inlines[last].text)) if inlines and isinstance(inlines[last], m.Text) else (last, -1)
    if not cuts or cuts[-1] != end_cut:
        cuts.append(end_cut)
    return cuts


def first_sentences(paragraphs: tuple[m.Paragraph, ...], count: int) -> tuple[m.Paragraph, ...]:
    """The first `count` sentences: whole paragraphs, then the start of the next one."""
    kept: list[m.Paragraph] = []
    for paragraph in paragraphs:
        cuts = _cuts(paragraph.inlines)
        if count >= len(cuts):
            kept.append(paragraph)
            count -= len(cuts)
            continue
        if count > 0:
            index, offset = cuts[count - 1]
            head = list(paragraph.inlines[:index])
            item = paragraph.inlines[index]
            head.append(m.Text(item.text[:offset].rstrip()) if isinstance(item, m.Text) else item)
            kept.append(m.Paragraph(tuple(head), paragraph.loc))
        break
    return tuple(kept)
