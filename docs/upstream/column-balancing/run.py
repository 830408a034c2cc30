"""Render repro.html and indexes of the same shape; count the balancing rounds and time them.

A round is one layout of the first column at a trial height (a call of block_box_layout made by
`columns_layout`, not counting the first try at the full page height and the final layout). Each
index is also laid out with `column-fill: auto` at the height balancing found: the same columns
without the search. CPU time, best of 3. Run: python run.py
"""

import re
import sys
import time
from itertools import pairwise
from pathlib import Path

import weasyprint
from weasyprint.formatting_structure import boxes
from weasyprint.layout import block

HERE = Path(__file__).parent
SOURCE = (HERE / "repro.html").read_text()
STYLE = re.search(r"<style>.*</style>", SOURCE, re.S).group(0)
TRIED: list[float] = []  # the bottom space of each layout of the first column, in order
_block_box_layout = block.block_box_layout


def recording_block_box_layout(*args, **kwargs):
    if sys._getframe(1).f_code.co_name == "columns_layout" and args[3] is None:
        TRIED.append(args[2])  # args: context, box, bottom_space, skip_stack, ...
    return _block_box_layout(*args, **kwargs)


block.block_box_layout = recording_block_box_layout  # columns_layout imports it at each call


def index(letters: int, extra_css: str = "") -> str:
    """The repro's shape with `letters` letters of one entry each."""
    groups = "".join(
        f'<div class="group"><h3>{chr(65 + n)}</h3><ul><li>Entry {n}, {n + 2}</li></ul></div>'
        for n in range(letters)
    )
    head = f"{STYLE}<style>{extra_css}</style>"
    body = f'<div class="index-body">{groups}</div>'
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def arrangement(document) -> list[tuple[int, str]]:
    """(x of its column, text) of every entry: which column each entry went to."""
    return [
        (round(box.position_x), "".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox)))
        for box in document.pages[0]._page_box.descendants()
        if isinstance(box, boxes.LineBox) and box.element.tag == "li"
    ]


def render(html: str) -> tuple[int, float, float, list]:
    """(balancing rounds, height of the columns in px, CPU seconds (best of 3), arrangement)."""
    best = None
    for _ in range(3):
        TRIED.clear()
        start = time.process_time()
        document = weasyprint.HTML(string=html).render()
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    body = next(
        box
        for box in document.pages[0]._page_box.descendants()
        if box.element is not None and box.element.get("class") == "index-body"
    )
    return max(len(TRIED) - 2, 0), body.height, best, arrangement(document)


print(f"WeasyPrint {weasyprint.__version__}")
rounds, height, spent, _ = render(SOURCE)
steps = [round(a - b, 1) for a, b in pairwise(TRIED[1:-1])]
print(f"repro.html: {rounds} rounds, columns {height:.1f} px high, {spent * 1000:.0f} ms")
print(f"height added per round (px): {steps}")
print("letters  rounds  ms(balance)  ms(column-fill: auto, same height)  same columns")
for letters in (3, 4, 5, 6, 7, 9):
    rounds, height, balance, columns = render(index(letters))
    auto = render(index(letters, f".index-body {{ column-fill: auto; height: {height:.2f}px; }}"))
    print(f"{letters:7}  {rounds:6}  {balance * 1000:11.0f}  {auto[2] * 1000:34.0f}  {auto[3] == columns}")
