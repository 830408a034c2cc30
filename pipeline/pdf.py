"""Guide -> print-ready PDF with WeasyPrint: one HTML book, the print theme, a locked-down fetcher."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline import model as m
from pipeline.atomic import atomic_path
from pipeline.diagnostics import Report
from pipeline.excerpt import description
from pipeline.fetcher import make_fetcher
from pipeline.fonts import missing_fonts
from pipeline.labels import labels_for
from pipeline.render import render
from pipeline.theme import Theme, book_fonts, font_face_css
from pipeline.xhtml import XhtmlWriter, markup

PAPER_SIZES = {"a4": "A4", "letter": "letter", "a5": "A5"}
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3u", "pdf/a-2u", "pdf/a-3b")


@dataclass(frozen=True, slots=True)
class PrintOptions:
    paper: str = "a4"
    print_marks: bool = False  # crop marks and 3 mm bleed, for print shops
    pdf_variant: str | None = "pdf/ua-1"  # tagged, with a title shown and XMP metadata


@lru_cache(maxsize=1)
def _font_config():
    # One FontConfiguration for the whole process: a fresh one per document leaks memory.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def book_html(guide: m.Guide, paper: str = "a4") -> str:
    """The whole guide as one HTML document for print."""
    meta = guide.meta
    labels = labels_for(meta.language)
    folder = Path(guide.source).parent.resolve()
    writer = XhtmlWriter(
        "pdf",
        meta.language,
        {note.number: note for note in guide.notes},
        image_href=lambda src: (folder / src).as_uri(),
        heading_base=2,
    )
    sections = []
    for section in guide.sections:
        content = writer.glance(meta, section) if section.kind == "info" else writer.section_body(section)
        sections.append(
            {"kind": section.kind, "anchor": section.anchor, "heading": section.title, "content": markup(content)}
        )
    title_facts = [fact for fact in (meta.year_text, " / ".join(meta.genres), meta.reading_time) if fact]
    return render(
        "pdf_book.html.jinja",
        lang=meta.language,
        meta=meta,
        labels=labels,
        sections=sections,
        title_facts=title_facts,
        subject=description(guide, 200),
        keywords=[*meta.genres, labels["study_guide"]],
        paper=paper,
    )


def _page_css(options: PrintOptions) -> str:
    css = f"@page {{ size: {PAPER_SIZES[options.paper]}; }}"
    if options.print_marks:
        css += " @page { marks: crop cross; bleed: 3mm; }"
    return css


def render_document(html: str, guide: m.Guide, theme: Theme, options: PrintOptions, layer: str = "print"):
    """Lay out `html` with the theme's base layer plus `layer`; returns a WeasyPrint Document."""
    from weasyprint import CSS, HTML

    folder = Path(guide.source).parent.resolve()
    fetcher = make_fetcher([folder, theme.folder, *(family.folder for family in book_fonts())])
    font_config = _font_config()
    theme_url = theme.folder.as_uri() + "/"

    def sheet(text: str) -> CSS:
        return CSS(string=text, font_config=font_config, url_fetcher=fetcher, base_url=theme_url)

    stylesheets = [sheet(font_face_css()), sheet(theme.css("base")), sheet(theme.css(layer)), sheet(_page_css(options))]
    document = HTML(string=html, base_url=folder.as_uri() + "/", url_fetcher=fetcher)
    return document.render(stylesheets=stylesheets, font_config=font_config, pdf_tags=True)


def write_document(document, target: Path, options: PrintOptions) -> None:
    """Write atomically: a failure half-way leaves the previous file and no partial one."""
    extra = {"pdf_variant": options.pdf_variant} if options.pdf_variant else {}
    with atomic_path(target) as temporary:
        document.write_pdf(temporary, pdf_tags=True, custom_metadata=True, **extra)


def warn_missing_fonts(html: str, report: Report) -> None:
    """Empty boxes in print are worse than a warning that says which package to install."""
    for script, package in missing_fonts(html):
        report.warn("W-FONT-MISSING", f"no installed font covers {script}; install Debian's {package}")


def build_pdf(guide: m.Guide, target: Path, theme: Theme, report: Report, options: PrintOptions | None = None) -> int:
    """Render the guide's PDF to `target`; returns the page count."""
    options = options or PrintOptions()
    html = book_html(guide, options.paper)
    warn_missing_fonts(html, report)
    document = render_document(html, guide, theme, options)
    write_document(document, target, options)
    return len(document.pages)
