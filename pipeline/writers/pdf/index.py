"""The PDF's index of characters and terms: its rows and HTML once the book is laid out (the
page of each mention is known then), and its pages appended after the book's, continuing them."""

from __future__ import annotations

import unicodedata

from pipeline.i18n.direction import text_direction
from pipeline.i18n.labels import labels_for
from pipeline.model import guide as m
from pipeline.model.walk import block_inlines, iter_blocks, iter_inline_tree
from pipeline.writers.pdf.engine import PAPER_WIDTHS, PrintOptions, render_document
from pipeline.writers.render import render
from pipeline.writers.theme import Theme


def has_index(guide: m.Guide) -> bool:
    """Whether the guide's PDF ends with an index (index_html lists every entry)."""
    return any(s.entries for s in guide.sections if s.kind in ("characters", "glossary"))


def mentions_of(guide: m.Guide) -> dict[str, list[str]]:
    """Entry anchor -> the ids of every mention of it, in reading order."""
    found: dict[str, list[str]] = {}
    for section in guide.sections:
        groups = [inl for b in iter_blocks(section.blocks) for inl in block_inlines(b)]
        groups += [entry.body for entry in section.entries]
        for inlines in groups:
            for inline in iter_inline_tree(inlines):
                if isinstance(inline, m.Ref):
                    found.setdefault(inline.target, []).append(inline.mention)
    return found


def index_rows(entries: list[tuple[str, str, list[str]]], pages_of: dict[str, int]) -> list[dict]:
    """(term, note, ids of its mentions or targets) -> index rows with the pages, after layout."""
    rows = []
    for term, note, ids in entries:
        pages: dict[int, str] = {}
        for ident in ids:
            if ident in pages_of:
                pages.setdefault(pages_of[ident], ident)
        if pages:
            rows.append(
                {
                    "term": term,
                    "note": note,
                    "pages": [{"number": n, "mention": pages[n]} for n in sorted(pages)],
                }
            )
    rows.sort(key=lambda row: (unicodedata.normalize("NFKD", row["term"]).casefold(), row["note"]))
    return rows


def index_html(guide: m.Guide, pages_of: dict[str, int]) -> str | None:
    """The index of characters and terms, with the page of each mention (known after layout)."""
    mentions = mentions_of(guide)
    # The entry's own page counts too: a reader looks a name up to find where it is explained,
    # and a character or term the text never mentions again is still in the index.
    entries = [
        (e.term, "", [*mentions.get(e.anchor, []), e.anchor])
        for s in guide.sections
        if s.kind in ("characters", "glossary")
        for e in s.entries
    ]
    return render_index(index_rows(entries, pages_of), guide.meta.language, guide.meta.title)


def render_index(rows: list[dict], language: str, title: str) -> str | None:
    """The index page's HTML from its rows, grouped by initial letter; None when there are none."""
    if not rows:
        return None
    from pipeline.i18n.collation import group_by_letter

    return render(
        "pdf_index.html.jinja",
        lang=language,
        direction=text_direction(language),
        labels=labels_for(language),
        title=title,
        groups=group_by_letter(rows),
    )


_RUNNING_HEAD_STYLE = (
    "font-family: var(--heading-face); font-size: 8.5pt; color: var(--muted); letter-spacing: 0.05em"
)


def index_page_css(first_page: int, title: str, index_label: str, direction: str = "ltr") -> str:
    """The index is laid out on its own, after the book: it continues the book's page numbers, and
    its running heads follow the real side of each page. A new document starts on a recto (a
    right page, or a left one when the book reads right to left), and even pages are versos, where
    the book's title runs at the outer edge."""

    def quoted(text: str) -> str:
        # The margin boxes here may be the page's only rule for that side (a new document's first
        # page is a recto, which print.css gives no left-hand head), so they carry its style too.
        return '"' + text.replace("\\", "").replace('"', '\\"') + '"; ' + _RUNNING_HEAD_STYLE

    verso, recto = ("right", "left") if direction == "rtl" else ("left", "right")
    starts_verso = first_page % 2 == 0
    first_head = (
        f"@top-{verso} {{ content: {quoted(title)}; }} @top-{recto} {{ content: none; }}"
        if starts_verso
        else f"@top-{recto} {{ content: {quoted(index_label)}; }} @top-{verso} {{ content: none; }}"
    )
    css = (
        f"@page :first {{ counter-increment: page {first_page}; "
        f"@bottom-center {{ content: counter(page); }} {first_head} }}"
    )
    if starts_verso:
        css += (
            f" @page :{recto} {{ @top-{recto} {{ content: none; }} "
            f"@top-{verso} {{ content: {quoted(title)}; }} }}"
            f" @page :{verso} {{ @top-{verso} {{ content: none; }} "
            f"@top-{recto} {{ content: {quoted(index_label)}; }} }}"
        )
    return css


INDEX_ANCHOR = "index"  # the index section's id (pdf_index.html.jinja), and its placeholder's


def anchor_pages(document) -> dict[str, int]:
    """Every anchor of a laid-out document -> its 1-based page number."""
    return {name: number for number, page in enumerate(document.pages, 1) for name in page.anchors}


def append_index(
    document,
    index: str | None,
    guide: m.Guide,
    theme: Theme,
    options: PrintOptions,
    title: str,
    holds_place: bool = False,
):
    """Lay out the index after the book, so adding it moves no page the index refers to.

    `holds_place`: the book ends with the empty page book_html leaves for the index, whose number
    its contents already print; the index starts on that page instead."""
    pages = document.pages
    if holds_place and pages and INDEX_ANCHOR in pages[-1].anchors:
        pages = pages[:-1]
    if index is None:
        return document.copy(pages)
    language = guide.meta.language
    extra = index_page_css(len(pages) + 1, title, labels_for(language)["index"], text_direction(language))
    from pipeline.writers.pdf.index_columns import lay_out_balanced

    index_document = lay_out_balanced(
        lambda columns_css: render_document(index, guide, theme, options, extra_css=f"{extra} {columns_css}"),
        PAPER_WIDTHS[options.paper],
        document.pages[0]._page_box.margin_height(),
    )
    return document.copy(pages + index_document.pages)
