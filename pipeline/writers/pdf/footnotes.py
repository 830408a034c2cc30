"""Keeps every footnote on the page of its call, which WeasyPrint 70 alone does not always do.

When a paragraph's next line overflows the page and only `orphans - 1` of its lines fit, WeasyPrint
defers ("reports") the page's footnotes to the next page to make room, rather than moving the
paragraph on (the behaviour added for Kozea/WeasyPrint#2432): the calls stay, their notes print a
page or two later. Here the laid-out boxes are checked, and that paragraph is started on the next
page instead, until every note sits under its call. The follow-up to that upstream issue, with a
minimal reproduction: docs/upstream/footnote-deferral.md.
"""

from __future__ import annotations

from collections.abc import Callable

# Each push moves one paragraph to the next page; a guide needs one per deferred note at most.
MAX_PUSHES = 8
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def note_pages(document) -> dict[str, tuple[int, int | None]]:
    """Note id -> (0-based page of its call, page of its body at the foot), from the laid-out boxes."""
    from weasyprint.formatting_structure import boxes

    calls: dict[str, int] = {}
    bodies: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            if box.footnote is not None:  # the call: a box that carries its note
                calls.setdefault(box.footnote.element.get("id"), number)
            elif isinstance(box, boxes.FootnoteAreaBox):
                for child in box.children:
                    bodies.setdefault(child.element.get("id"), number)
    return {ident: (page, bodies.get(ident)) for ident, page in calls.items()}


def misplaced_calls(document) -> list[int]:
    """The pages, in order, whose calls have their note printed on another page (or nowhere)."""
    return sorted({call for call, body in note_pages(document).values() if call != body})


def _text_blocks(page) -> list:
    from weasyprint.formatting_structure import boxes

    # The flow only: the notes in the footnote area and the running heads are no paragraphs.
    flow = [
        child
        for child in page._page_box.children
        if not isinstance(child, (boxes.FootnoteAreaBox, boxes.MarginBox))
    ]
    return [
        box
        for root in flow
        for box in root.descendants()
        if isinstance(box, boxes.BlockBox) and any(isinstance(child, boxes.LineBox) for child in box.children)
    ]


def _block_to_push(document, number: int):
    """The element to start on the next page so page `number` has room for its notes: the
    paragraph split at its foot. WeasyPrint defers the page's notes instead of moving a paragraph
    that only `orphans - 1` of its lines would fit, and that is the move made here. A heading just
    before it goes along, so no heading is left alone at the foot."""
    if number + 1 >= len(document.pages):
        return None
    blocks = _text_blocks(document.pages[number])
    following = {box.element for box in _text_blocks(document.pages[number + 1])}
    if not blocks or blocks[-1].element not in following:
        return None
    element = blocks[-1].element
    previous = _previous_sibling(document, element)
    return previous if previous is not None and previous.tag in _HEADINGS else element


def _previous_sibling(document, element):
    # ElementTree keeps no parent links: find the parent from the document's root element.
    root = document.pages[0]._page_box.children[0].element
    parent = next((node for node in root.iter() if element in list(node)), None)
    if parent is None:
        return None
    siblings = list(parent)
    at = siblings.index(element)
    return siblings[at - 1] if at else None


def keep_notes_with_calls(document, relayout: Callable[[], object]):
    """Lay out again, each time moving to the next page the paragraph that crowds out a page's
    notes, until every note sits under its call (or no push is left to try: the caller checks).
    `relayout` renders the same HTML tree, whose elements are the ones marked here."""
    pushed: set[int] = set()
    for _ in range(MAX_PUSHES):
        pages = misplaced_calls(document)
        if not pages:
            return document
        element = _block_to_push(document, pages[0])
        if element is None or id(element) in pushed:
            break
        pushed.add(id(element))
        style = element.get("style")
        element.set("style", f"{style}; break-before: page" if style else "break-before: page")
        document = relayout()
    return document
