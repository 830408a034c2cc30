"""Guide -> print-ready PDF with WeasyPrint: one HTML book, the print theme, a locked-down fetcher."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pipeline import model as m
from pipeline.atomic import atomic_path
from pipeline.excerpt import description
from pipeline.fetcher import make_fetcher
from pipeline.labels import labels_for
from pipeline.render import render
from pipeline.theme import Theme, book_fonts, font_face_css
from pipeline.xhtml import XhtmlWriter, markup

PAPER_SIZES = {"a4": "A4", "letter": "letter", "a5": "A5"}


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
    title_facts = [
        fact for fact in (meta.year_text, " / ".join(meta.genres), meta.reading_time and f"{meta.reading_time}")
        if fact
    ]
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


def _paper_css(paper: str) -> str:
    return f"@page {{ size: {PAPER_SIZES[paper]}; }}"


def build_pdf(guide: m.Guide, target: Path, theme: Theme, paper: str = "a4") -> None:
    """Render the guide's PDF to `target` atomically."""
    from weasyprint import CSS, HTML

    folder = Path(guide.source).parent.resolve()
    allowed = [folder, theme.folder, *(family.folder for family in book_fonts())]
    fetcher = make_fetcher(allowed)
    font_config = _font_config()
    stylesheets = [
        CSS(string=font_face_css(), font_config=font_config, url_fetcher=fetcher),
        CSS(string=theme.css("base"), font_config=font_config, url_fetcher=fetcher, base_url=theme.folder.as_uri() + "/"),
        CSS(string=theme.css("print"), font_config=font_config, url_fetcher=fetcher, base_url=theme.folder.as_uri() + "/"),
        CSS(string=_paper_css(paper), font_config=font_config),
    ]
    html = HTML(string=book_html(guide, paper), base_url=folder.as_uri() + "/", url_fetcher=fetcher)
    document = html.render(stylesheets=stylesheets, font_config=font_config, pdf_tags=True)
    with atomic_path(target) as temporary:
        document.write_pdf(temporary, pdf_tags=True, custom_metadata=True)
