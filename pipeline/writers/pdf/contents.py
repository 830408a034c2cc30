"""The PDF contents' page numbers and dot leaders written as text, read off a finished layout.

Two WeasyPrint 70 behaviours made the contents the dearest page of a guide: `target-counter()` lays
a page that holds it out three times (docs/upstream/target-counter.md), and `leader()` makes one
text box per dot, each drawn and written on its own (docs/upstream/leader-dots.md). So the book is
laid out once with placeholders: each entry's leader is one dot and its page a "0" (whose style
gives each digit's width). The pages the sections begin on are read off that
layout (as the index's are), and each entry gets its number as text and one run of dots placed
where `leader()` puts its dots: on a grid of dot widths counted back from the line's far end, clear
of the title and of the number. Only the pages before the first section that begins after the
contents are laid out again; they replace the first layout's.

A glossary entry's page reference ("→ 3") had a `target-counter()` too, which laid the glossary's
page out three times. It is written as text (`data-page`) in the finished book. The first layout
prints a "0" there, which takes the room of any one-digit number when the font's digits are all as
wide (pagerefs_fit): the laid-out "0" is then set again as the real digit (number_page_references),
the same glyph run a layout of the finished book makes. Otherwise (or from page 10 on) the finished
book is laid out whole again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The leader's string, as `leader(". ")` repeated it.
DOT = ". "
# Margins are written with this many decimals; the number's is shortened by one such step so a
# rounding never pushes it past the line's end onto a line of its own.
_DECIMALS = 4


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the contents as printed: the run of dots starts `lead` px after the title, the
    number `gap` px after the dots."""

    page: int
    lead: float
    dots: int
    gap: float

    @property
    def leader_text(self) -> str:
        return DOT * self.dots

    @property
    def lead_css(self) -> str:
        return f"{self.lead:.{_DECIMALS}f}px"

    @property
    def gap_css(self) -> str:
        return f"{max(0.0, self.gap - 10**-_DECIMALS):.{_DECIMALS}f}px"


@dataclass(frozen=True, slots=True)
class Line:
    """A contents entry's line in the placeholder layout: the room from the title's end to the
    line's far end, the line's width, whether it runs right to left, and the widths of its leader's
    string and of each digit in its number's style (a volume's book lines are bolder than its
    section lines)."""

    room: float
    width: float
    rtl: bool
    dot: float
    digits: dict[str, float]


@dataclass(frozen=True, slots=True)
class Geometry:
    """What the placeholder layout tells: each entry's line, by the anchor it links to, and the last
    page the contents reach."""

    lines: dict[str, Line]
    last_page: int


def leader_run(
    room: float, line_width: float, dot: float, number_width: float, rtl: bool = False
) -> tuple[float, int, float]:
    """(lead, dots, gap) for a title ending `room` px before the line's end: the loop of WeasyPrint's
    layout/leader.py (handle_leader), in distances from the title's end, so the dots land on the
    same grid. That grid is counted from the line's right edge in either direction: back from the
    line's end left to right, on from the line's start (beyond the title) right to left."""
    available = room - number_width
    # A dot's near edge, in distance from the title's end, for each step of the grid.
    position = room if not rtl else room - line_width - dot
    placed: list[float] = []
    for _ in range(int(line_width // dot)):
        position = position - dot if not rtl else position + dot
        if position < 0 or position + dot > available:
            continue  # behind the title, or behind the number
        placed.append(position)
    if not placed:
        return 0.0, 0, max(0.0, available)
    return min(placed), len(placed), available - (max(placed) + dot)


def first_pages(document) -> dict[str, int]:
    """Every anchor of a laid-out document -> the page it begins on, as target-counter() counts it
    (a section broken across pages names its anchor on each of them)."""
    found: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for name in page.anchors:
            found.setdefault(name, number)
    return found


def entries(geometry: Geometry, pages_of: dict[str, int]) -> dict[str, Entry]:
    """Each contents entry's printed line, from the pages its anchors begin on."""
    found = {}
    for anchor, line in geometry.lines.items():
        if anchor not in pages_of:
            continue
        page = pages_of[anchor]
        width = sum(line.digits.get(digit, 0.0) for digit in str(page))
        lead, dots, gap = leader_run(line.room, line.width, line.dot, width, line.rtl)
        found[anchor] = Entry(page, lead, dots, gap)
    return found


def _class_of(box) -> str:
    element = getattr(box, "element", None)
    return (element.get("class") or "") if element is not None else ""


def measure(document) -> Geometry | None:
    """The placeholder layout's contents geometry; None when the book has no contents."""
    from weasyprint.formatting_structure import boxes

    lines: dict[str, Line] = {}
    digits_in: dict[str, dict[str, float]] = {}  # per style of the numbers met
    last_page = 0
    for number, page in enumerate(document.pages, 1):
        if last_page and number > last_page + 1:
            break  # a page without their lines: the contents are behind, the rest holds none
        stack = [(page._page_box, None)]
        while stack:
            box, block = stack.pop()
            if isinstance(box, boxes.TextBox):
                continue
            if isinstance(box, boxes.LineBox) and block is not None:
                found = _entry_line(box, boxes)
                if found is not None:
                    anchor, title_start, title_end, dot, number_style = found
                    key = _font_key(number_style)
                    if key not in digits_in:
                        digits_in[key] = {digit: _text_width(digit, number_style) for digit in "0123456789"}
                    start = block.content_box_x()
                    rtl = box.style["direction"] == "rtl"
                    room = (title_start - start) if rtl else (start + block.width - title_end)
                    lines[anchor] = Line(room, block.width, rtl, dot, digits_in[key])
                    last_page = number
            if isinstance(box, boxes.BlockContainerBox):
                block = box
            stack.extend((child, block) for child in getattr(box, "children", ()) or ())
    if not lines or not all(line.dot for line in lines.values()):
        return None
    return Geometry(lines, last_page)


# The computed properties that decide how wide a digit is set.
_FONT_PROPERTIES = (
    "font_family",
    "font_size",
    "font_weight",
    "font_style",
    "font_stretch",
    "font_variant_numeric",
    "font_feature_settings",
    "font_variation_settings",
    "font_kerning",
    "letter_spacing",
    "lang",
)


def _font_key(style) -> str:
    """A key equal for styles that set digits alike (the digits' widths are measured once a key)."""
    try:
        return repr(tuple(style[name] for name in _FONT_PROPERTIES))
    except KeyError:  # a property this WeasyPrint does not compute: measure this style alone
        return f"style-{id(style)}"


def _entry_line(line, boxes) -> tuple[str, float, float, float, object] | None:
    """(anchor, the title's left and right edge, the one dot's width, the number's style) of a
    contents entry's line, the line that holds its placeholder leader; None for any other line."""
    stack = list(line.children)
    anchor, leader, number, title = None, None, None, []
    while stack:
        box = stack.pop()
        css = _class_of(box)
        if css == "toc-leader":
            leader = box
            continue
        if css == "toc-page":
            number = box
            continue
        if css == "toc-title":
            title += [b for b in box.descendants() if isinstance(b, boxes.TextBox)]
            continue
        if getattr(box, "element_tag", None) == "a" and box.element is not None:
            anchor = (box.element.get("href") or "").removeprefix("#")
        stack.extend(getattr(box, "children", ()) or ())
    if leader is None or number is None or not anchor or not title:
        return None
    dots = [b for b in leader.descendants() if isinstance(b, boxes.TextBox)]
    digits = [b for b in number.descendants() if isinstance(b, boxes.TextBox)] or [number]
    if not dots:
        return None
    left = min(b.position_x for b in title)
    right = max(b.position_x + b.width for b in title)
    return anchor, left, right, dots[0].width, digits[0].style


def same_front(front, first, kept: int) -> bool:
    """Whether the front pages laid out again stand where the first layout's `kept` pages stood:
    as many pages, each beginning the same sections."""
    if len(front.pages) != kept:
        return False
    return all(set(a.anchors) == set(b.anchors) for a, b in zip(front.pages, first.pages[:kept], strict=True))


_PAGEREF = re.compile(r'<a class="pageref" href="#([^"]+)"></a>')
_NUMBERED = re.compile(r'<a class="pageref" href="#[^"]+" data-page="(\d+)"></a>')


def with_page_references(html: str, pages_of: dict[str, int] | None) -> str:
    """Each page reference given its number as `data-page` (print.css prints it): the page its
    target begins on, or "0" before layout."""

    def numbered(match: re.Match) -> str:
        page = pages_of.get(match[1], 0) if pages_of else 0
        return f'<a class="pageref" href="#{match[1]}" data-page="{page}"></a>'

    return _PAGEREF.sub(numbered, html)


def pagerefs_fit(document, html: str) -> bool:
    """Whether the first layout's "0" in each page reference took the room its number takes: the
    numbers have one digit and the reference's font draws every digit as wide."""
    numbers = _NUMBERED.findall(html)
    if not numbers:
        return True
    if any(len(number) > 1 for number in numbers):
        return False
    from weasyprint.formatting_structure import boxes

    for page in document.pages:
        for box in page._page_box.descendants():
            if (
                isinstance(box, boxes.TextBox)
                and box.element_tag == "a::after"
                and "pageref" in _class_of(box)
            ):
                widths = {_text_width(digit, box.style) for digit in "0123456789"}
                return max(widths) - min(widths) < 1e-6
    return False


def _text_width(text: str, style) -> float:
    """The width of `text` set alone in `style`, by the same Pango calls WeasyPrint lays text with."""
    from weasyprint.text.line_break import create_layout, line_size

    layout = create_layout(text, style, None, None, 0)  # kept alive: its line is read from it
    line, _resume = layout.get_first_line()
    return line_size(line, style)[0]


def number_page_references(document, pages_of: dict[str, int]) -> bool:
    """Set each page reference's laid-out "0" as its page number, in place; False (and the document
    not to be used) when a number would not take the placeholder's width."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.line_break import split_first_line

    for page in document.pages:
        for box in page._page_box.descendants():
            if not (isinstance(box, boxes.TextBox) and box.element_tag == "a::after"):
                continue
            if "pageref" not in _class_of(box) or not box.text.endswith("0"):
                continue
            if box.element.get("data-page") is None:
                continue  # counted by target-counter() (a volume's): its number is already set
            target = (box.element.get("href") or "").removeprefix("#")
            text = box.text[:-1] + str(pages_of.get(target, 0))
            layout, _length, _resume, width, _height, _baseline = split_first_line(
                text, box.style, None, None, box.justification_spacing
            )
            if abs(width - box.width) > 1e-6:
                return False
            box.text, box.pango_layout = layout.text, layout
    return True
