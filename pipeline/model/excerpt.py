"""Short plain-text digests of a guide: a description for metadata and catalogues."""

from __future__ import annotations

import re

from pipeline.model import guide as m
from pipeline.model.text import plain_text
from pipeline.model.walk import block_inlines, iter_blocks
from pipeline.model.wide_text import may_hold_wide

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")
# A full stop after these does not end a sentence ("Mr. Darcy", "M. Morrel", "St. Petersburg").
ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Mme|Mlle|Jr|Sr|Prof|Capt|Col|Gen|Rev|vs|etc|No|Vol|ch|p|pp)|\b[A-Z])\.$"
)


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if out and ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def description(guide: m.Guide, limit: int = 320) -> str:
    """The first sentences of the story, up to about `limit` characters."""
    section = guide.section("summary") or next((s for s in guide.sections if s.blocks), None)
    if section is None:
        return guide.meta.title
    # Only the opening is read: a few times the limit holds every sentence the loop below can take.
    pieces: list[str] = []
    length = 0
    for block in iter_blocks(section.blocks):
        if isinstance(block, m.Paragraph):
            pieces.append(plain_text(block.inlines).replace("\n", " "))
            length += len(pieces[-1]) + 1
            if length > limit * 3:
                break
    text = " ".join(pieces).strip()
    out = ""
    for sentence in sentences(text):
        if out and len(out) + len(sentence) > limit:
            break
        out = f"{out} {sentence}".strip()
    return out[: limit * 2] or guide.meta.title


_CJK_CHAR = r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"  # see wide_text
# Thai, Lao, Khmer and Myanmar write no space between words (a space parts phrases, if anything),
# and ICU's dictionary word breaks are not at hand: their letters count as words at a mean word
# length in code points (Khmer and Thai prose run near five: a consonant with its subscripts,
# vowel signs and marks is several code points per syllable, and words are one to three syllables).
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]+")
_UNSPACED_WORD = 5


def guide_length(guide: m.Guide) -> tuple[int, int]:
    """(words, minutes to read) of the guide itself; ideographs count as words, read faster; the
    letters of scripts written without spaces count as words of their mean length."""
    pieces: list[str] = []
    for section in guide.sections:
        for block in iter_blocks(section.blocks):
            for inlines in block_inlines(block):
                _texts(inlines, pieces)
        for entry in section.entries:
            _texts(entry.body, pieces)
    text = " ".join(pieces)
    text += " ".join(entry.term for section in guide.sections for entry in section.entries)
    unspaced = 0
    if _UNSPACED.search(text):  # rare: one pass in C finds none in most guides
        # Each run rounded up: a run of one short word ("និង", "and") between spaces is a word.
        unspaced = sum(-(-len(run) // _UNSPACED_WORD) for run in _UNSPACED.findall(text))
        text = _UNSPACED.sub(" ", text)
    if may_hold_wide(text):
        ideographs = len(re.findall(_CJK_CHAR, text))
        words = len(re.sub(_CJK_CHAR, " ", text).split()) + ideographs
    else:
        ideographs, words = 0, len(text.split())
    words += unspaced
    minutes = max(1, round((words - ideographs) / 230 + ideographs / 400))
    return words, minutes


def _texts(inlines: tuple[m.Inline, ...], out: list[str]) -> None:
    """The words of inlines, in order (a plain loop: this runs over every word of every guide)."""
    for inline in inlines:
        if isinstance(inline, m.Text):
            out.append(inline.text)
        elif children := getattr(inline, "children", None):
            _texts(children, out)
