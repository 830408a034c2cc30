"""Render repro.html's paragraphs at a range of widths; print the widths where a line is broken
at the paragraph's first break point though a later break point fits.

A line is "broken early" when it is not the paragraph's last and its text fills less than 60 % of
the paragraph's width. Run: python run.py
"""

import re
from pathlib import Path

import weasyprint
from weasyprint.formatting_structure import boxes

HERE = Path(__file__).parent
SOURCE = (HERE / "repro.html").read_text()
MIN_FILL = 0.6


def paragraph_lines(html: str) -> dict[str, list[tuple[str, float, float]]]:
    """Paragraph id -> its lines as (text, natural width of the text, paragraph width)."""
    document = weasyprint.HTML(string=html).render()
    found: dict[str, list] = {}
    for block_box in document.pages[0]._page_box.descendants():
        if not (isinstance(block_box, boxes.BlockBox) and block_box.element_tag == "p"):
            continue
        for line in block_box.children:
            texts = [t for t in line.descendants() if isinstance(t, boxes.TextBox)]
            natural = sum(
                t.width - (getattr(t, "justification_spacing", 0) or 0) * t.text.count(" ") for t in texts
            )
            found.setdefault(block_box.element.get("id"), []).append(
                ("".join(t.text for t in texts), natural, block_box.width)
            )
    return found


def broken_early(lines) -> bool:
    return any(natural < MIN_FILL * width for _, natural, width in lines[:-1])


print(f"WeasyPrint {weasyprint.__version__}")
lines = paragraph_lines(SOURCE)
for name in ("broken", "unhyphenated", "mended"):
    print(f"repro.html #{name}: {[text for text, _, _ in lines[name]]}")
tried = 0
early = {"broken": [], "unhyphenated": [], "mended": []}
for width in range(600, 760, 2):
    tried += 1
    html = re.sub(r"width: \d+px", f"width: {width}px", SOURCE)
    for name, found in paragraph_lines(html).items():
        if broken_early(found):
            early[name].append(width)
print(f"widths tried: 600-758 px, {tried} of them")
for name, widths in early.items():
    print(f"#{name}: broken early at {len(widths)} widths {widths}")
