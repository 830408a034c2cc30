"""Short plain-text digests of a guide: a description for metadata and catalogues."""

from __future__ import annotations

import re

from pipeline import model as m
from pipeline.tokens import plain_text
from pipeline.walk import block_inlines, iter_blocks

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


def description(guide: m.Guide, limit: int = 320) -> str:
    """The first sentences of the story, up to about `limit` characters."""
    section = guide.section("summary") or next((s for s in guide.sections if s.blocks), None)
    if section is None:
        return guide.meta.title
    text = " ".join(
        plain_text(inlines).replace("\n", " ")
        for block in iter_blocks(section.blocks)
        if isinstance(block, m.Paragraph)
        for inlines in block_inlines(block)
    ).strip()
    out = ""
    for sentence in _SENTENCE_END.split(text):
        if out and len(out) + len(sentence) > limit:
            break
        out = f"{out} {sentence}".strip()
    return out[: limit * 2] or guide.meta.title
