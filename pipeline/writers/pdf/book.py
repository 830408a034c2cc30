"""Guide -> print-ready PDF with WeasyPrint: one HTML book, the print theme, a locked-down fetcher."""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.files.atomic import atomic_path
from pipeline.i18n.direction import text_direction
from pipeline.i18n.labels import labels_for
from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.model.excerpt import description, guide_length
from pipeline.model.walk import block_inlines, iter_blocks, iter_inline_tree
from pipeline.writers.pdf.early_breaks import mend_early_breaks
from pipeline.writers.pdf.fetcher import make_fetcher
from pipeline.writers.pdf.fonts import missing_fonts
from pipeline.writers.pdf.footnotes import keep_notes_with_calls, misplaced_calls
from pipeline.writers.pdf.weasyprint_loader import load_weasyprint
from pipeline.writers.render import render
from pipeline.writers.theme import REPO_STYLES, Theme, book_fonts, font_face_css
from pipeline.writers.xhtml import XhtmlWriter, markup

PAPER_SIZES = {"a4": "A4", "letter": "letter", "a5": "A5"}
PAPER_WIDTHS = {"a4": "210mm", "letter": "8.5in", "a5": "148mm"}
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3u", "pdf/a-2u", "pdf/a-3b")


@dataclass(frozen=True, slots=True)
class PrintOptions:
    paper: str = "a4"
    print_marks: bool = False  # crop marks and 3 mm bleed, for print shops
    pdf_variant: str | None = "pdf/ua-1"  # tagged, with a title shown and XMP metadata


def _quiet_weasyprint() -> None:
    """WeasyPrint logs what our own checks already reported (refused URLs) and, while the index
    is laid out apart from the book, links whose targets are in the book: keep users' output to
    our diagnostics."""
    logger = logging.getLogger("weasyprint")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    logger.propagate = False


@lru_cache(maxsize=1)
def _font_config():
    # One FontConfiguration for the whole process: a fresh one per document leaks memory.
    import atexit
    from multiprocessing import util

    load_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    # A pool worker leaves through os._exit, which skips atexit but runs multiprocessing's finalizers.
    atexit.register(_release_fonts)
    util.Finalize(None, _release_fonts, exitpriority=100)
    return FontConfiguration()


def _release_fonts() -> None:
    """Remove WeasyPrint's temporary folder of @font-face files while the interpreter is whole.
    FontConfiguration removes it in __del__, which never runs in a pool worker (os._exit) and
    fails at interpreter teardown: each PDF batch left a 2 MB folder per worker in /tmp."""
    if _font_config.cache_info().currsize:
        _font_config().__del__()  # its clean-up: rmtree(ignore_errors=True), safe to run again
    _theme_sheet.cache_clear()
    _font_config.cache_clear()


@lru_cache(maxsize=32)
def _theme_sheet(text: str, theme_folder: Path):  # -> weasyprint.CSS
    """A theme stylesheet parsed once per process and shared by every document.

    Parsing the theme and registering its @font-face rules cost a third of a guide's layout when
    done per document (the book and its index are two); a CSS object can be reused as it is.
    """
    from weasyprint import CSS

    return CSS(
        string=text,
        font_config=_font_config(),
        url_fetcher=_theme_fetcher(theme_folder),
        base_url=theme_folder.as_uri() + "/",
    )


@lru_cache(maxsize=8)
def _theme_fetcher(theme_folder: Path):
    """Stylesheets reach the theme and the font packages only, never a manuscript's folder."""
    return make_fetcher([theme_folder, REPO_STYLES, *(family.folder for family in book_fonts())])


def section_fragments(guide: m.Guide, id_prefix: str = "") -> list[dict]:
    """Each section of a guide as {kind, anchor, heading, content} for the print templates."""
    meta = guide.meta
    folder = Path(guide.source).parent.resolve()
    writer = XhtmlWriter(
        "pdf",
        meta.language,
        {note.number: note for note in guide.notes},
        image_href=lambda src: (folder / src).as_uri(),
        heading_base=2,
        id_prefix=id_prefix,
    )
    sections = []
    for section in guide.sections:
        if section.kind == "info":
            content = writer.glance(meta, section, guide_length(guide))
        else:
            content = writer.section_body(section)
        sections.append(
            {
                "kind": section.kind,
                "anchor": section.anchor,
                "heading": section.title,
                "content": markup(content),
            }
        )
    return sections


def has_index(guide: m.Guide) -> bool:
    """Whether the guide's PDF ends with an index (index_html lists every entry)."""
    return any(s.entries for s in guide.sections if s.kind in ("characters", "glossary"))


def book_html(guide: m.Guide, paper: str = "a4") -> str:
    """The whole guide as one HTML document for print; when an index follows, the contents list it
    and an empty last page holds its place (see append_index)."""
    meta = guide.meta
    labels = labels_for(meta.language)
    title_facts = [fact for fact in (meta.year_text, " / ".join(meta.genres), meta.reading_time) if fact]
    return render(
        "pdf_book.html.jinja",
        lang=meta.language,
        direction=text_direction(meta.language),
        meta=meta,
        labels=labels,
        sections=section_fragments(guide),
        title_facts=title_facts,
        subject=description(guide, 200),
        keywords=[*meta.genres, labels["study_guide"]],
        paper=paper,
        index_follows=has_index(guide),
    )


def _page_css(options: PrintOptions) -> str:
    css = f"@page {{ size: {PAPER_SIZES[options.paper]}; }}"
    if options.print_marks:
        css += " @page { marks: crop cross; bleed: 3mm; }"
    return css


def render_document(
    html: str,
    guide: m.Guide,
    theme: Theme,
    options: PrintOptions,
    layer: str = "print",
    extra_css: str = "",
    language: str | None = None,
):
    """Lay out `html` with the theme's base layer plus `layer` (and, for a right-to-left guide, the
    layer's mirrored page furniture); `language` is the document's when it is not the guide's (a
    volume). Returns a WeasyPrint Document."""
    load_weasyprint()
    from weasyprint import CSS

    from pipeline.writers.pdf.print_html import print_document

    _quiet_weasyprint()
    folder = Path(guide.source).parent.resolve()
    fetcher = make_fetcher([folder, theme.folder, REPO_STYLES, *(family.folder for family in book_fonts())])
    font_config = _font_config()
    layers = ["base", layer]
    if text_direction(language or guide.meta.language) == "rtl":
        layers.append(f"{layer}-rtl")
    stylesheets = [_theme_sheet(font_face_css(), theme.folder)]
    stylesheets += [_theme_sheet(theme.css(name), theme.folder) for name in layers]
    stylesheets.append(
        CSS(
            string=_page_css(options) + extra_css,
            font_config=font_config,
            url_fetcher=_theme_fetcher(theme.folder),
            base_url=theme.folder.as_uri() + "/",
        )
    )
    source = print_document(html, folder.as_uri() + "/", fetcher)

    def lay_out():
        return source.render(stylesheets=stylesheets, font_config=font_config, pdf_tags=True)

    document = lay_out()
    document = mend_early_breaks(document, lay_out)
    if 'class="footnote"' in html:  # the check walks every box: only for documents with notes
        document = keep_notes_with_calls(document, lay_out)
    return document


def write_document(document, target: Path, options: PrintOptions) -> None:
    """Write atomically: a failure half-way leaves the previous file and no partial one."""
    extra = {"pdf_variant": options.pdf_variant} if options.pdf_variant else {}
    with atomic_path(target) as temporary:
        document.write_pdf(temporary, pdf_tags=True, custom_metadata=True, **extra)


def warn_missing_fonts(html: str, report: Report) -> None:
    """Empty boxes in print are worse than a warning that says which package to install."""
    for script, package in missing_fonts(html):
        report.warn("W-FONT-MISSING", f"no installed font covers {script}; install Debian's {package}")


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


def _index_page_css(first_page: int, title: str, index_label: str, direction: str = "ltr") -> str:
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
    extra = _index_page_css(len(pages) + 1, title, labels_for(language)["index"], text_direction(language))
    from pipeline.writers.pdf.index_columns import lay_out_balanced

    index_document = lay_out_balanced(
        lambda columns_css: render_document(index, guide, theme, options, extra_css=f"{extra} {columns_css}"),
        PAPER_WIDTHS[options.paper],
        document.pages[0]._page_box.margin_height(),
    )
    return document.copy(pages + index_document.pages)


def build_pdf(
    guide: m.Guide, target: Path, theme: Theme, report: Report, options: PrintOptions | None = None
) -> int:
    """Render the guide's PDF to `target`, with its index; returns the page count."""
    options = options or PrintOptions()
    html = book_html(guide, options.paper)
    warn_missing_fonts(html, report)
    document = render_document(html, guide, theme, options)
    if guide.notes and misplaced_calls(document):
        report.warn("W-FOOTNOTE-PAGE", "a footnote is printed on another page than its call")
    index = index_html(guide, anchor_pages(document))
    document = append_index(document, index, guide, theme, options, guide.meta.title, has_index(guide))
    write_document(document, target, options)
    return len(document.pages)
