"""Render repro.html with filler blocks of several heights; print, for each, the page of the
footnote call, the page of its note and how many lines of the long paragraph page 1 holds.

Pages are counted from 1. A row marked DEFERRED has its note on a later page than its call.
Run: python run.py
"""

import re
from pathlib import Path

import weasyprint
from weasyprint.formatting_structure import boxes

HERE = Path(__file__).parent
SOURCE = (HERE / "repro.html").read_text()


def where(html: str) -> tuple[int, int, int]:
    """(page of the call, page of the note, lines of #long on page 1)."""
    document = weasyprint.HTML(string=html).render()
    call = note = None
    first_page_lines = 0
    for number, page in enumerate(document.pages, start=1):
        for box in page._page_box.descendants():
            if box.footnote is not None and call is None:
                call = number
            if isinstance(box, boxes.FootnoteAreaBox) and box.children and note is None:
                note = number
            if isinstance(box, boxes.LineBox) and box.element.get("id") == "long" and number == 1:
                first_page_lines += 1
    return call, note, first_page_lines


print(f"WeasyPrint {weasyprint.__version__}")
call, note, lines = where(SOURCE)
print(f"repro.html: call on page {call}, note on page {note}, {lines} lines of #long on page 1")
print("filler px  call page  note page  #long lines on page 1")
for height in range(130, 185, 5):
    call, note, lines = where(re.sub(r"height: \d+px", f"height: {height}px", SOURCE))
    mark = "  DEFERRED" if note != call else ""
    print(f"{height:9}  {call:9}  {note:9}  {lines:21}{mark}")
