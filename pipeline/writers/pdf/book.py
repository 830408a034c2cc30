"""Guide -> print-ready PDF: the whole guide as one HTML book, laid out with the print theme,
followed by its index."""

from __future__ import annotations

from pathlib import Path

from pipeline.i18n.direction import text_direction
from pipeline.i18n.labels import labels_for
from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.model.excerpt import description, guide_length
from pipeline.writers.pdf import contents
from pipeline.writers.pdf.contents import Entry
from pipeline.writers.pdf.engine import PrintOptions, render_document, warn_missing_fonts, write_document
from pipeline.writers.pdf.footnotes import misplaced_calls
from pipeline.writers.pdf.index import anchor_pages, append_index, has_index, index_html
from pipeline.writers.pdf.numbered_layout import lay_out_numbered
from pipeline.writers.render import render
from pipeline.writers.theme import Theme
from pipeline.writers.xhtml import XhtmlWriter, markup


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


def book_html(
    guide: m.Guide,
    paper: str = "a4",
    lines: dict[str, Entry] | None = None,
    front_sections: int | None = None,
    page_numbers: dict[str, int] | None = None,
) -> str:
    """The whole guide as one HTML document for print; when an index follows, the contents list it
    and an empty last page holds its place (see append_index). `lines`: each contents entry's
    printed line (pdf.contents), else placeholders; `front_sections`: only the title page, the
    contents and this many sections (the front pages laid out again with the numbers);
    `page_numbers`: the pages the page references' targets begin on, else "0"."""
    meta = guide.meta
    labels = labels_for(meta.language)
    title_facts = [fact for fact in (meta.year_text, " / ".join(meta.genres), meta.reading_time) if fact]
    html = render(
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
        contents=lines,
        front_sections=front_sections,
    )
    return contents.with_page_references(html, page_numbers)


def lay_out_book(guide: m.Guide, theme: Theme, options: PrintOptions):
    """The book laid out with its contents' page numbers and dots written as text (numbered_layout).
    Returns the WeasyPrint Document and the final HTML."""
    return lay_out_numbered(
        lambda lines, front, pages: book_html(guide, options.paper, lines, front, pages),
        [section.anchor for section in guide.sections],
        lambda html: render_document(html, guide, theme, options),
    )


def build_pdf(
    guide: m.Guide, target: Path, theme: Theme, report: Report, options: PrintOptions | None = None
) -> int:
    """Render the guide's PDF to `target`, with its index; returns the page count."""
    options = options or PrintOptions()
    document, html = lay_out_book(guide, theme, options)
    warn_missing_fonts(html, report)
    if guide.notes and misplaced_calls(document):
        report.warn("W-FOOTNOTE-PAGE", "a footnote is printed on another page than its call")
    index = index_html(guide, anchor_pages(document))
    document = append_index(document, index, guide, theme, options, guide.meta.title, has_index(guide))
    write_document(document, target, options)
    return len(document.pages)
