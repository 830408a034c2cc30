"""Render repro.html and longer lists of the same shape; count text boxes and time them.

Each list is rendered with `leader(". ")` and, to compare, with the same entries and page numbers
but no leader. Time is CPU time (best of 3) for laying out and writing the PDF. Run: python run.py
"""

import re
import time
from pathlib import Path

import weasyprint
from weasyprint.formatting_structure import boxes

HERE = Path(__file__).parent


def document(entries: int, leader: bool) -> str:
    """The repro's shape with `entries` list items; without the leader when `leader` is false."""
    style = re.search(r"<style>.*</style>", (HERE / "repro.html").read_text(), re.S).group(0)
    if not leader:
        style = style.replace('leader(". ") ', '" " ')
    items = "".join(f"<li>Chapter {n}</li>" for n in range(1, entries + 1))
    return f"<!DOCTYPE html><html><head>{style}</head><body><ul>{items}</ul></body></html>"


def text_boxes(document) -> int:
    return sum(
        isinstance(box, boxes.TextBox) for page in document.pages for box in page._page_box.descendants()
    )


def render(html: str) -> tuple[int, int, float]:
    """(pages, text boxes, CPU seconds to lay out and write the PDF, best of 3)."""
    best = None
    for _ in range(3):
        start = time.process_time()
        rendered = weasyprint.HTML(string=html).render()
        rendered.write_pdf()
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    return len(rendered.pages), text_boxes(rendered), best


print(f"WeasyPrint {weasyprint.__version__}")
pages, count, spent = render((HERE / "repro.html").read_text())
print(f"repro.html: 3 entries, {pages} page, {count} text boxes, {spent * 1000:.0f} ms")
print("entries  pages  text boxes(leader)  text boxes(none)  ms(leader)  ms(none)")
for entries in (10, 40, 80):
    lead = render(document(entries, leader=True))
    none = render(document(entries, leader=False))
    print(
        f"{entries:7}  {lead[0]:5}  {lead[1]:18}  {none[1]:16}  {lead[2] * 1000:10.0f}  {none[2] * 1000:8.0f}"
    )
