"""A document whose contents carry their page numbers as text, laid out in as few passes as hold.

A guide's book (book.py) and a volume (volumes/pdf.py) are laid out the same way: the whole
document once with placeholders (a one-dot leader and a "0" for each contents entry, a "0" for each
page reference), the numbers read off that layout (contents.py), then only the front pages (the
title page, the contents, and the units that begin on a page the contents reach) laid out again
with the numbers, in front of the first layout's other pages. When that does not line up, the
finished document is laid out whole, and again while its numbers keep moving a page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline.writers.pdf import contents
from pipeline.writers.pdf.contents import Entry

# Layouts of the finished document allowed after the first, when its numbers move pages.
SETTLE_ROUNDS = 3

# The document's HTML from (each contents entry's printed line or None for placeholders, how many
# units to include or None for all, the page each anchor begins on or None for "0"s).
HtmlOf = Callable[[dict[str, Entry] | None, int | None, dict[str, int] | None], str]


def lay_out_numbered(html_of: HtmlOf, units: list[str], render: Callable[[str], Any]) -> tuple[Any, str]:
    """The laid-out document (a WeasyPrint Document, through `render`) and its final HTML (what a
    single layout of the finished document would read). `units`: the anchors of the parts that
    follow the contents, each beginning a page (a guide's sections, a volume's books)."""
    first = render(html_of(None, None, None))
    pages_of = contents.first_pages(first)
    geometry = contents.measure(first)
    lines = contents.entries(geometry, pages_of) if geometry else None
    final = html_of(lines, None, pages_of)
    # The front: every unit that begins on a page the contents reach; the first layout's pages
    # from the first unit beginning after them on are kept.
    after = (
        [i for i, anchor in enumerate(units) if pages_of.get(anchor, 0) > geometry.last_page]
        if geometry
        else []
    )
    fits = contents.pagerefs_fit(first, final)
    if after and fits:
        kept = pages_of[units[after[0]]] - 1
        front = render(html_of(lines, after[0], pages_of))
        if contents.same_front(front, first, kept) and contents.number_page_references(first, pages_of):
            return first.copy(front.pages + first.pages[kept:]), final
    elif geometry is None and fits and contents.number_page_references(first, pages_of):
        return first, final  # no contents: the first layout is the document's, numbers and all
    # The numbers moved a page (or nothing follows the contents): lay the finished document out
    # whole. Should writing the numbers have moved a unit to another page (a contents line that
    # wraps once its number is longer), the numbers are read off that layout and written again;
    # page counts only grow, so this settles within a round or two.
    watched = [*units, *(geometry.lines if geometry else ())]
    document = render(final)
    for _ in range(SETTLE_ROUNDS):
        moved = contents.first_pages(document)
        if all(moved.get(anchor) == pages_of.get(anchor) for anchor in watched):
            break
        pages_of = moved
        lines = contents.entries(geometry, pages_of) if geometry else None
        final = html_of(lines, None, pages_of)
        document = render(final)
    return document, final
