"""A section's heading levels re-ranked so that no heading skips a level below the one before it, and
an outliner's bulleted headings ("- ## Summary", as Logseq writes every block) taken out of their list."""

from __future__ import annotations

from pipeline.model import guide as m
from pipeline.model.rebuilt import rebuilt
from pipeline.model.walk import iter_blocks


class _Ranker:
    """Maps source levels (Markdown's 1-6) to ranks 1, 2, 3 ... in document order.

    A heading ranks one below the nearest earlier heading of a smaller source level, so
    "## Summary" then "#### Note" gives the note rank 1, not 2: readers and checkers (WCAG 1.3.1,
    DAISY Ace's heading-order) treat a skipped level as a missing part of the outline.
    """

    def __init__(self) -> None:
        self.open: list[int] = []  # source levels of the headings still enclosing this point

    def rank(self, level: int) -> int:
        while self.open and self.open[-1] >= level:
            self.open.pop()
        self.open.append(level)
        return len(self.open)


def rank_headings(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """The blocks with every heading, in lists and quotes too, at a level that skips none."""
    if not any(isinstance(block, m.Heading) for block in iter_blocks(blocks)):
        return blocks
    return _ranked(blocks, _Ranker())


def _ranked(blocks: tuple[m.Block, ...], ranker: _Ranker) -> tuple[m.Block, ...]:
    # Recursion is bounded: the parser flattens nesting past MAX_NESTING (100) levels.
    out: list[m.Block] = []
    for block in blocks:
        if isinstance(block, m.Heading):
            block = rebuilt(block, level=ranker.rank(block.level))
        elif isinstance(block, m.ListBlock):
            block = rebuilt(block, items=tuple(_ranked(item, ranker) for item in block.items))
        elif isinstance(block, (m.BlockQuote, m.Aside)):
            block = rebuilt(block, blocks=_ranked(block.blocks, ranker))
        out.append(block)
    return tuple(out)


def unbullet_headings(blocks: list[m.Block]) -> list[m.Block]:
    """The blocks with each top-level list whose every item begins with a heading replaced by the
    items' blocks. Outliners (Logseq) write every block as a bullet, the headings too: "- ## Summary"
    with the text as bullets under it. A heading is never a list's item in a summary written as a
    document, so such a list is the outline of the page and its headings name its sections."""
    out: list[m.Block] = []
    for block in blocks:
        if (
            isinstance(block, m.ListBlock)
            and block.items
            and all(item and isinstance(item[0], m.Heading) for item in block.items)
        ):
            out.extend(inner for item in block.items for inner in item)
        else:
            out.append(block)
    return out
