"""Mends lines WeasyPrint 70 breaks far too early, at the first break point of their paragraph.

When the last break point that fits a line is the space just before an inline element (a
cross-reference, a mention, emphasis) that does not fit, WeasyPrint breaks at the paragraph's
first break point instead: "Robinson Crusoe is ship-" is stretched across a whole justified line,
or "Robin-" stands alone on it. With the space inside the element ("rescuing<a> Friday</a>") the
break is found, so in a block laid out so, each space before an inline element is moved into it
and the block laid out again; should a line still break early, automatic hyphenation is turned off
there too. Only the blocks that need it are touched: a space inside a link is underlined with it.
No upstream report of this case was found; Kozea/WeasyPrint#1614 (inline boxes in line breaking)
is related. The report to file, with a minimal reproduction: docs/upstream/early-line-break.md.
"""

from __future__ import annotations

from collections.abc import Callable

# A hyphenated line that is not its block's last and whose text fills less than this share of the
# block's width was broken too early: hyphenation only happens when a word does not fit.
MIN_FILL = 0.6


def early_broken_blocks(document) -> list:
    """The elements (paragraphs, list items ...) holding a line broken too early."""
    from weasyprint.formatting_structure import boxes

    found: list = []
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            children = getattr(box, "children", ()) or ()
            lines = [child for child in children if isinstance(child, boxes.LineBox)]
            for line in lines[:-1]:  # a block's last line is short by nature
                if line.element not in found and _broken_early(line, box.width, boxes.TextBox):
                    found.append(line.element)  # a line box belongs to its block's element
            stack.extend(child for child in children if not isinstance(child, boxes.LineBox))
    return found


def _broken_early(line, width: float, text_box_type) -> bool:
    texts = [box for box in line.descendants() if isinstance(box, text_box_type)]
    if not texts or not isinstance(width, (int, float)) or width <= 0:
        return False
    last = texts[-1]
    if not last.text.endswith(last.style["hyphenate_character"]):
        return False
    # What the text takes without the space justification added between its words.
    natural = sum(
        box.width - (getattr(box, "justification_spacing", 0) or 0) * box.text.count(" ") for box in texts
    )
    return natural < MIN_FILL * width


def mend_early_breaks(document, relayout: Callable[[], object]):
    """Lay out again the blocks with a line broken too early (see the module's docstring).
    `relayout` renders the same HTML tree, whose elements are the ones changed here."""
    elements = early_broken_blocks(document)
    if not elements:
        return document
    for element in elements:
        _spaces_into_inline_elements(element)
    document = relayout()
    elements = early_broken_blocks(document)
    if not elements:
        return document
    for element in elements:
        style = element.get("style")
        element.set("style", f"{style}; hyphens: manual" if style else "hyphens: manual")
    return relayout()


def _spaces_into_inline_elements(block) -> None:
    """ "rescuing <a>Friday</a>" -> "rescuing<a> Friday</a>", the same text, in every element the
    block holds (ElementTree keeps the text before a child in its parent's `text` or in the
    previous sibling's `tail`)."""
    for parent in block.iter():
        previous = None
        for child in list(parent):
            before = parent.text if previous is None else previous.tail
            if before and before.endswith(" ") and (child.text or not len(child)):
                if previous is None:
                    parent.text = before[:-1]
                else:
                    previous.tail = before[:-1]
                child.text = " " + (child.text or "")
            previous = child
