"""The index's two balanced columns in one layout: WeasyPrint's column layout, done in one pass.

WeasyPrint 70 balances `columns` by laying the content out again and again (index_columns.py
says how slowly). Our index used to be laid out twice instead: once as a single column on a
tall page to measure it, then again at the height that splits it best. Here the same
measurement happens inside the one layout: when WeasyPrint reaches the index's body, its content
is laid out once as a single column of the column width (unbounded, as on the tall page), the
height is chosen from those boxes (index_columns.balanced_split), and the two columns are laid out
at that height, as WeasyPrint lays columns out at a given height (`column-fill: auto`). The boxes
are the ones the two documents gave: same pages. Anything else (another element, three columns, an
index that does not fit two columns of the page, a box continued from an earlier page) goes to
WeasyPrint's own column layout untouched.

This replaces `weasyprint.layout.block.columns_layout` in the process, once, and only where the
WeasyPrint installed has the function this was written against (its parameters are checked);
elsewhere `installed()` is False and index_columns lays out the index in two documents as before.
The report to file upstream, with a minimal reproduction: docs/upstream/column-balancing.md.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import lru_cache
from math import inf

from pipeline.writers.pdf.index_columns import balanced_split

# The parameters of the WeasyPrint function replaced, in the order it is called with.
_SIGNATURE = (
    "context",
    "box",
    "bottom_space",
    "skip_stack",
    "containing_block",
    "page_is_empty",
    "absolute_boxes",
    "fixed_boxes",
    "adjoining_margins",
    "first_letter_style",
    "first_line_style",
)
MARKER_CLASS = "index-body"  # the element whose columns are balanced here (pdf_index.html.jinja)


@lru_cache(maxsize=1)
def installed() -> bool:
    """Install the one-pass column layout (once per process); False where WeasyPrint differs."""
    try:
        from weasyprint.layout import block, column, percent
    except ImportError:
        return False
    original = getattr(block, "columns_layout", None)
    needed = ("block_box_layout", "block_level_width", "collapse_margin", "remove_placeholders")
    if (
        original is None
        or original is not getattr(column, "columns_layout", None)
        or tuple(inspect.signature(original).parameters) != _SIGNATURE
        or not all(hasattr(block, name) for name in needed)
        or not hasattr(percent, "resolve_percentages")
    ):
        return False
    block.columns_layout = _one_pass(original)
    return True


def _one_pass(original: Callable) -> Callable:
    def columns_layout(context, box, bottom_space, skip_stack, containing_block, page_is_empty, *rest):
        if skip_stack or not _is_ours(box):
            return original(context, box, bottom_space, skip_stack, containing_block, page_is_empty, *rest)
        laid_out = _balanced(context, box, bottom_space, containing_block, page_is_empty, *rest)
        if laid_out is None:  # WeasyPrint's own layout, from the same state
            return original(context, box, bottom_space, skip_stack, containing_block, page_is_empty, *rest)
        return laid_out

    columns_layout.__wrapped__ = original  # type: ignore[attr-defined]
    return columns_layout


def _is_ours(box) -> bool:
    style = box.style
    element = box.element
    return (
        element is not None
        and MARKER_CLASS in (element.get("class") or "").split()
        and style["column_count"] == 2
        and style["column_width"] == "auto"
        and style["column_fill"] == "balance"
        and style["height"] == "auto"
        and style["position"] != "relative"
        and all(child.style["column_span"] != "all" for child in box.children)
    )


def _balanced(
    context,
    box,
    bottom_space,
    containing_block,
    page_is_empty,
    absolute_boxes,
    fixed_boxes,
    adjoining_margins,
    first_letter_style,
    first_line_style,
):
    """The box laid out in two balanced columns, as WeasyPrint would at the balanced height with
    `column-fill: auto`; None (nothing kept) when that does not hold the whole content."""
    from weasyprint.layout import block
    from weasyprint.layout.percent import percentage

    box = box.copy_with_children(box.children)
    box.position_y += block.collapse_margin(adjoining_margins)
    block.block_level_width(box, containing_block)
    style = box.style
    gap = style["column_gap"]
    gap = style["font_size"] if gap == "normal" else percentage(gap, style, box.width)
    width = max(0, box.width - gap) / 2
    top = box.content_box_y()
    children = [child.copy() for child in box.children]
    if not children:
        return None

    context.in_column = True
    try:
        # The measurement: one column, no page bottom (the tall page of the two-document layout).
        measured = block.block_box_layout(
            context, _column(box, containing_block, children, width, top), -inf, None, containing_block,
            True, [], [], [], first_letter_style, first_line_style, discard=False, max_lines=None,
        )[0]  # fmt: skip
        if measured is None:
            return None
        block.remove_placeholders(context, [measured], [], [])
        height = balanced_split(measured, context.page_bottom - bottom_space)
        if height is None:
            return None
        # The columns, as columns_layout lays them out for a defined height and `column-fill: auto`.
        original_bottom_space = bottom_space
        bottom_space = max(bottom_space, context.page_bottom - top - height)
        max_height = context.page_bottom - top - original_bottom_space
        columns, next_page, resume_at, complete = [], None, None, False
        for i in range(2):
            column = _column(box, containing_block, children, width, top)
            if style["direction"] == "rtl":
                column.position_x += box.width - (i + 1) * width - i * gap
            else:
                column.position_x += i * (width + gap)
            laid, resume_at, next_page, _, _, _ = block.block_box_layout(
                context, column, bottom_space, resume_at, containing_block, page_is_empty,
                absolute_boxes, fixed_boxes, None, first_letter_style, first_line_style,
                discard=False, max_lines=None,
            )  # fmt: skip
            if laid is None:
                break
            columns.append(laid)
            if resume_at is None:
                complete = True
                break
        if not complete:  # a third column would be needed, or nothing fit: not ours to cut
            block.remove_placeholders(context, columns, absolute_boxes, fixed_boxes)
            return None
    finally:
        context.in_column = False

    column_height = max(column.margin_height() for column in columns)
    for column in columns:
        # As WeasyPrint leaves them: the tallest column's height, then stretched to the box's.
        column.height = column_height + (height - min(max_height, column_height))
    box.children = columns
    box.height = height
    return box, None, next_page, [], False


def _column(box, containing_block, children, width, position_y):
    """One column's anonymous box (what WeasyPrint's column layout makes for each column)."""
    from weasyprint.layout.percent import resolve_percentages

    column = box.anonymous_from(box, children=children)
    resolve_percentages(column, containing_block)
    column.is_column = True
    column.width = width
    column.position_x = box.content_box_x()
    column.position_y = position_y
    return column
