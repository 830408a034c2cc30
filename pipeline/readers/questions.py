"""Discussion questions as numbered lists, however the manuscript wrote them."""

from __future__ import annotations

from pipeline.model import guide as m
from pipeline.model.rebuilt import rebuilt
from pipeline.model.text import plain_text

_QUESTION_ENDS = ("?", "？", "?»", "?”", '?"')


def _is_question(block: m.Block) -> bool:
    return isinstance(block, m.Paragraph) and plain_text(block.inlines).rstrip().endswith(_QUESTION_ENDS)


def number_questions(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """Bulleted questions become numbered, and a run of two or more question paragraphs (one a
    line, as loose manuscripts write them) becomes one numbered list: a class answers "number 3"."""
    out: list[m.Block] = []
    run: list[m.Paragraph] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append(m.ListBlock(tuple((p,) for p in run), True, 1, run[0].loc))
        else:
            out.extend(run)
        run.clear()

    for block in blocks:
        if _is_question(block):
            run.append(block)  # type: ignore[arg-type]
            continue
        flush()
        out.append(rebuilt(block, ordered=True) if isinstance(block, m.ListBlock) else block)
    flush()
    return tuple(out)
