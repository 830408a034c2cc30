"""Right-to-left print: an Arabic guide's PDF, index and handout run right to left and every section
title extracts; left-to-right and Japanese print say nothing of direction; index running heads mirror."""

from __future__ import annotations

import subprocess

import pytest

from pipeline.i18n.labels import labels_for
from pipeline.model.diagnostics import Report
from pipeline.writers.pdf.book import book_html, build_pdf
from pipeline.writers.pdf.engine import PrintOptions
from pipeline.writers.pdf.handout import build_handout, handout_html
from pipeline.writers.pdf.index import index_page_css, render_index
from pipeline.writers.theme import load_theme
from tests import needs
from tests.helpers import CORPUS

ARABIC = CORPUS / "kalila-wa-dimna.md"
JAPANESE = CORPUS / "botchan.md"


@pytest.mark.pdf
@needs.poppler
@needs.naskh_font  # other Arabic faces (DejaVu Sans, Noto Sans Arabic) extract lam-alef reversed
def test_arabic_pdf_is_right_to_left_and_every_section_title_extracts(load, tmp_path):
    guide, _ = load(ARABIC.name, ARABIC.read_text(encoding="utf-8"))
    html = book_html(guide)
    assert '<html lang="ar" dir="rtl">' in html
    target = tmp_path / "kalila.pdf"
    pages = build_pdf(guide, target, load_theme(), Report(str(ARABIC)))
    assert pages >= 3
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    for section in guide.sections:
        assert section.title in text, section.title
    assert labels_for("ar")["index"] in text


@pytest.mark.pdf
def test_arabic_index_and_handout_are_right_to_left(load, tmp_path):
    guide, _ = load(ARABIC.name, ARABIC.read_text(encoding="utf-8"))
    pages = [{"number": 3, "mention": "m1"}, {"number": 4, "mention": "m2"}]
    index = render_index([{"term": "دمنة", "note": "", "pages": pages}], "ar", guide.meta.title)
    assert index is not None and '<html lang="ar" dir="rtl">' in index
    assert ">3</a>، <a" in index  # pages separated the Arabic way
    assert '<html lang="ar" dir="rtl">' in handout_html(guide, 9.5, None)
    assert "صفحة" in handout_html(guide, 9.5, None) and " pp." not in handout_html(guide, 9.5, None)
    report = Report(str(ARABIC))
    assert build_handout(guide, tmp_path / "handout.pdf", load_theme(), report, PrintOptions()) == 1


@pytest.mark.parametrize("source", [ARABIC, JAPANESE])
def test_left_to_right_and_japanese_print_say_nothing_of_direction(load, source):
    text = source.read_text(encoding="utf-8").replace("language: ar", "language: en")
    guide, _ = load(source.name, text)
    assert 'dir="rtl"' not in book_html(guide) and 'dir="rtl"' not in handout_html(guide, 9.5, None)


def test_hebrew_print_is_right_to_left(load):
    guide, _ = load("hebrew.md", "---\ntitle: שלום\nlanguage: he\n---\n\n## Summary\n\nסיפור קצר.\n")
    assert '<html lang="he" dir="rtl">' in book_html(guide)
    assert '<html lang="he" dir="rtl">' in handout_html(guide, 9.5, None)


@pytest.mark.parametrize(("first_page", "direction"), [(10, "ltr"), (10, "rtl"), (11, "ltr"), (11, "rtl")])
def test_index_running_heads_mirror_for_right_to_left(first_page, direction):
    """Even pages are versos: the book's title runs at their outer edge, which is the left one
    in a left-to-right book and the right one in a right-to-left book."""
    verso_edge, recto_edge = ("right", "left") if direction == "rtl" else ("left", "right")
    first = index_page_css(first_page, "Book", "Index", direction).split(" @page ")[0]
    if first_page % 2 == 0:
        assert (
            f'@top-{verso_edge} {{ content: "Book";' in first
            and f"@top-{recto_edge} {{ content: none; }}" in first
        )
    else:
        assert (
            f'@top-{recto_edge} {{ content: "Index";' in first
            and f"@top-{verso_edge} {{ content: none; }}" in first
        )
