"""WeasyPrint set-up, one per process: its import, a quiet logger, one font configuration, the
theme's stylesheets parsed once, the page size and marks; a document is laid out (with the mends
of early_breaks and footnotes) and written atomically in the PDF variant asked for.

The font configuration is WeasyPrint's to work around twice: a fresh one per document leaks
memory, and the folder of @font-face files it makes is removed only in its __del__, which often
never runs (Kozea/WeasyPrint#2090), so it is shared and removed here at exit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.files.atomic import atomic_path
from pipeline.i18n.direction import text_direction
from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.writers.pdf.early_breaks import mend_early_breaks
from pipeline.writers.pdf.fetcher import make_fetcher
from pipeline.writers.pdf.fonts import missing_fonts
from pipeline.writers.pdf.footnotes import keep_notes_with_calls
from pipeline.writers.pdf.weasyprint_loader import load_weasyprint
from pipeline.writers.theme import REPO_STYLES, Theme, book_fonts, font_face_css

PAPER_SIZES = {"a4": "A4", "letter": "letter", "a5": "A5"}
PAPER_WIDTHS = {"a4": "210mm", "letter": "8.5in", "a5": "148mm"}
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3u", "pdf/a-2u", "pdf/a-3b")


@dataclass(frozen=True, slots=True)
class PrintOptions:
    """How a PDF is printed: the paper, the marks, the PDF variant."""

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
    fails at interpreter teardown: each PDF batch left a 2 MB folder per worker in /tmp
    (Kozea/WeasyPrint#2090)."""
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
    # A Word file's images were written elsewhere (readers/docx.py); every image is vetted already.
    image_folders = {(folder / src).resolve().parent for src in guide.images}
    fetcher = make_fetcher(
        [folder, *image_folders, theme.folder, REPO_STYLES, *(family.folder for family in book_fonts())]
    )
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
