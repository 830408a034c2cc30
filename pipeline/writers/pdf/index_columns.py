"""Balanced index columns without WeasyPrint's balancing loop: measure once, then fill to a height.

WeasyPrint 70 balances `columns` by laying the content out again and again, growing the column
height by the space the next box lacks; when a box will not move up with the one before it (a
letter heading kept with its first entry) it grows by one pixel a time instead. A one-page index
of 14 entries took 22 rounds and 0.44 s, longer than the guide it indexes. So the index is laid out
once as a single column of the final column width, the height that splits its entries most evenly
is read off the boxes, and the index is laid out again with `column-fill: auto` and that height:
two layouts of a page instead of dozens (lay_out_measured). Where one_pass_columns can take over
WeasyPrint's column layout, the measuring happens inside the one layout instead (balanced_split
reads the same boxes), and the index costs a single layout. An index longer than a page keeps the
usual balancing. The report to file upstream, with a minimal reproduction: docs/upstream/column-balancing.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

# Both layouts share the theme; these rules only change how .index-body is cut into columns. The
# measuring page is as wide as the real one and tall enough to hold the whole single column.
_MEASURE_CSS = (
    "@page {{ size: {width} 20000px; }} "
    "section.index .index-body {{ columns: auto; width: calc((100% - 8mm) / 2); }}"
)
_FILL_CSS = "section.index .index-body {{ column-fill: auto; height: {height:.2f}px; }}"
_SLACK = 2.0  # px: room for rounding between the two layouts


def balanced_height(measured, page_height: float) -> float | None:
    """The column height that splits the measured single-column index most evenly, or None when
    two such columns would not fit on the index's first page (then the usual balancing is kept)."""
    if len(measured.pages) != 1:
        return None
    page = measured.pages[0]._page_box
    content_bottom = page_height - page.margin_bottom - page.padding_bottom - page.border_bottom_width
    return balanced_split(page, content_bottom)


def balanced_split(measured, content_bottom: float) -> float | None:
    """The column height that splits the index laid out as one column in `measured` (a page, or
    the column box of one_pass_columns) most evenly; None when it would reach below
    `content_bottom` or there is nothing to split."""
    boxes = list(_boxes(measured))
    units = _break_units(boxes)
    if len(units) < 2:
        return None
    top = units[0]
    # The last group's spacing after its last entry must fit in the column too.
    bottom = max(box.position_y + box.margin_height() for box in boxes if box.element_tag == "div")
    best = bottom - top
    for start in units[1:]:  # a column may only begin where a unit (an entry) begins
        best = min(best, max(start - top, bottom - start))
    return best + _SLACK if top + best + _SLACK <= content_bottom else None


def fill_css(height: float) -> str:
    return _FILL_CSS.format(height=height)


def _entries(document) -> list:
    return [box for page in document.pages for box in _boxes(page._page_box) if box.element_tag == "li"]


def _fits_two_columns(document, measured) -> bool:
    """One page, every entry laid out, and in no more than two columns (with a fixed height,
    what does not fit would open a third column beside them)."""
    entries = _entries(document)
    columns = {round(box.position_x) for box in entries}
    return len(document.pages) == 1 and len(entries) == len(_entries(measured)) and len(columns) <= 2


def _break_units(boxes: list) -> list[float]:
    """Where each place a column may break before begins: every entry, its letter heading
    counted with the first entry of its group (a heading never ends a column)."""
    starts: list[float] = []
    heading_top: float | None = None
    for box in boxes:
        if box.element_tag == "h3":
            heading_top = box.position_y
        elif box.element_tag == "li":
            starts.append(heading_top if heading_top is not None else box.position_y)
            heading_top = None
    return starts


def _boxes(box) -> Iterator:
    stack = [box]
    while stack:
        current = stack.pop()
        # The element's own block box: its line and text boxes carry the same tag.
        if type(current).__name__ == "BlockBox" and (
            current.element_tag in ("li", "h3")
            or (current.element_tag == "div" and "index-group" in (current.element.get("class") or ""))
        ):
            yield current
        stack.extend(reversed(getattr(current, "children", ()) or ()))


def lay_out_balanced(render: Callable[[str], object], page_width: str, page_height: float):
    """`render(extra_css)` lays out the index on pages `page_width` wide and `page_height` px
    tall; returns the document with balanced columns: in one layout where one_pass_columns
    could take over WeasyPrint's column layout, else in two (measured, then filled)."""
    from pipeline.writers.pdf.one_pass_columns import installed

    if installed():
        return render("")
    return lay_out_measured(render, page_width, page_height)


def lay_out_measured(render: Callable[[str], object], page_width: str, page_height: float):
    """The index in two layouts: measured as one column on a tall page, then filled to the height
    that splits it best (or WeasyPrint's own balancing when that does not hold it)."""
    measured = render(_MEASURE_CSS.format(width=page_width))
    height = balanced_height(measured, page_height)
    if height is not None:
        document = render(fill_css(height))
        # Rounding could push an entry out of two columns: then keep WeasyPrint's own balancing.
        if _fits_two_columns(document, measured):
            return document
    return render("")
