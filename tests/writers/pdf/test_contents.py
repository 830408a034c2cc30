"""The contents' page numbers and dot leaders written as text (pdf.contents): the dots stand where
WeasyPrint's leader() puts them, the printed numbers are the pages the sections begin on (left to
right and right to left), the contents' links reach them, and page references print the pages
target-counter() printed."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.model.diagnostics import Report
from pipeline.writers.pdf import contents, numbered_layout
from pipeline.writers.pdf.book import book_html, build_pdf, lay_out_book
from pipeline.writers.pdf.engine import PrintOptions, render_document
from pipeline.writers.theme import load_theme
from tests import needs
from tests.helpers import CORPUS, REPO
from tests.writers.pdf.pages import outline_pages

ODYSSEY = REPO / "manuscripts" / "the-odyssey.md"
ARABIC = CORPUS / "languages" / "rijal-fi-al-shams-ar.md"


def test_page_references_get_their_number_or_a_placeholder():
    html = '<p>x <a class="pageref" href="#m-1"></a> y <a class="pageref" href="#m-2"></a></p>'
    numbered = contents.with_page_references(html, {"m-1": 3})
    assert 'href="#m-1" data-page="3"' in numbered and 'href="#m-2" data-page="0"' in numbered
    assert contents.with_page_references(html, None).count('data-page="0"') == 2


@pytest.mark.parametrize("number_width", [7.62, 13.8, 15.3])
def test_a_leader_run_keeps_clear_of_the_title_and_the_number(number_width):
    dot, line = 6.8848, 634.96
    lead, dots, gap = contents.leader_run(500.0, line, dot, number_width)
    assert lead >= 0 and gap >= 0
    assert lead + dots * dot + gap + number_width == pytest.approx(500.0)
    assert gap < dot and lead < dot  # no room left for one more dot on either side
    # The grid is counted from the line's end: the dots end a whole number of dots before it.
    assert (gap + number_width) / dot == pytest.approx(round((gap + number_width) / dot))


@pytest.mark.pdf
@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_dots_stand_where_weasyprint_leader_puts_them(direction):
    """The reference is WeasyPrint's own leader(): the same titles and numbers, laid out by it."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    titles = ["At a Glance", "Summary", "Why It Matters", "A much longer heading of the guide"]
    items = "".join(f"<li>{title}</li>" for title in titles)
    style = (
        "@page { size: A5; margin: 15mm } li { list-style: none } li::after { content: leader('. ') '12' }"
    )
    html = f"<html dir='{direction}'><style>{style}</style><ol>{items}</ol></html>"
    page = HTML(string=html).render().pages[0]._page_box
    items = [box for box in page.descendants() if isinstance(box, boxes.BlockBox) and box.element_tag == "li"]
    assert len(items) == len(titles)
    for item in items:
        texts = [box for box in item.descendants() if isinstance(box, boxes.TextBox)]
        (title,) = [box for box in texts if box.text in titles]
        (number,) = [box for box in texts if box.text == "12"]
        leaders = [box for box in texts if box.text == ". "]
        dot, start = leaders[0].width, item.content_box_x()
        if direction == "ltr":
            room = start + item.width - (title.position_x + title.width)
        else:
            room = title.position_x - start
        lead, dots, gap = contents.leader_run(room, item.width, dot, number.width, direction == "rtl")
        assert dots == len(leaders)
        if direction == "ltr":
            first_dot = min(box.position_x for box in leaders)
            assert title.position_x + title.width + lead == pytest.approx(first_dot)
            assert first_dot + dots * dot + gap == pytest.approx(number.position_x)
        else:
            first_dot_end = max(box.position_x for box in leaders) + dot
            assert title.position_x - lead == pytest.approx(first_dot_end)
            assert first_dot_end - dots * dot - gap == pytest.approx(number.position_x + number.width)


def _contents_lines(pdf: Path) -> list[str]:
    command = ["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()


def _check_contents(pdf: Path, guide) -> None:
    """Every section's printed number is the page its bookmark opens, and the page its contents
    link reaches."""
    reader = PdfReader(pdf)
    bookmarks = outline_pages(reader)
    destinations = {
        name: reader.get_destination_page_number(d) + 1 for name, d in reader.named_destinations.items()
    }
    links = {
        annotation.get_object().get("/Dest")
        for annotation in reader.pages[1].get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    }
    lines = _contents_lines(pdf)
    for section in guide.sections:
        line = next(line for line in lines if section.title in line and ". ." in line)
        printed = [int(number) for number in re.findall(r"\d+", line.replace(section.title, ""))]
        assert printed == [bookmarks[section.title]], (section.title, line)
        assert section.anchor in links and destinations[section.anchor] == printed[0]


@pytest.mark.pdf
@needs.poppler
@pytest.mark.parametrize(
    "manuscript",
    [
        pytest.param(ODYSSEY, id="left-to-right"),
        # other Arabic faces extract lam-alef reversed
        pytest.param(ARABIC, id="right-to-left", marks=needs.naskh_font),
    ],
)
def test_contents_print_the_pages_their_sections_begin_on(load, tmp_path, manuscript):
    guide, _ = load(manuscript.name, manuscript.read_text(encoding="utf-8"))
    target = tmp_path / f"{manuscript.stem}.pdf"
    build_pdf(guide, target, load_theme(), Report(str(manuscript)))
    _check_contents(target, guide)


@pytest.mark.pdf
def test_page_references_print_what_target_counter_printed(load):
    """The finished book laid out with WeasyPrint's target-counter() (no data-page: print.css
    counts the page then, as for a volume) prints the same page references as ours."""
    from weasyprint.formatting_structure import boxes

    guide, _ = load(ODYSSEY.name, ODYSSEY.read_text(encoding="utf-8"))
    theme, options = load_theme(), PrintOptions()
    document, final = lay_out_book(guide, theme, options)
    counted = render_document(re.sub(r' data-page="\d+"', "", final), guide, theme, options)

    def references(doc) -> list[str]:
        return [
            box.text
            for page in doc.pages
            for box in page._page_box.descendants()
            if isinstance(box, boxes.TextBox) and box.element_tag == "a::after" and "→" in box.text
        ]

    ours = references(document)
    assert ours and ours == references(counted)
    assert "0" not in {text.split()[-1] for text in ours}  # no placeholder left


@pytest.mark.pdf
def test_the_front_is_laid_out_again_and_the_rest_once(load, monkeypatch):
    from pipeline.writers.pdf import book

    guide, _ = load(ODYSSEY.name, ODYSSEY.read_text(encoding="utf-8"))
    laid_out: list[str] = []
    real = book.render_document

    def counting(html, *args, **kwargs):
        laid_out.append(html)
        return real(html, *args, **kwargs)

    monkeypatch.setattr(book, "render_document", counting)
    _document, final = book.lay_out_book(guide, load_theme(), PrintOptions())
    assert len(laid_out) == 2 and 'data-page="0"' in laid_out[0]
    front, whole = laid_out[1], book_html(guide)
    assert guide.sections[-1].anchor not in re.findall(r'<section class="section [^"]*" id="([^"]+)"', front)
    assert len(front) < len(whole) / 2
    assert 'class="toc-leader" style=' in final and ">0</span>" not in final


@pytest.mark.pdf
@needs.poppler
def test_numbers_that_moved_a_page_are_read_again_until_they_hold(load, tmp_path, monkeypatch):
    """When the front laid out again does not line up (forced here) and the first numbers were
    wrong (here every one a page late), the finished book is laid out again with the numbers its
    own layout gives, so the printed numbers still match the sections."""
    guide, _ = load(ODYSSEY.name, ODYSSEY.read_text(encoding="utf-8"))
    real_first_pages = contents.first_pages
    calls = []

    def late_at_first(document):
        calls.append(document)
        found = real_first_pages(document)
        return {name: page + 1 for name, page in found.items()} if len(calls) == 1 else found

    monkeypatch.setattr(contents, "first_pages", late_at_first)
    monkeypatch.setattr(contents, "same_front", lambda *args: False)
    target = tmp_path / "odyssey.pdf"
    build_pdf(guide, target, load_theme(), Report(str(ODYSSEY)))
    assert len(calls) >= 3  # the first layout, the finished one, the one with the numbers read again
    _check_contents(target, guide)


@pytest.mark.pdf
def test_numbers_that_never_hold_stop_after_the_settling_rounds(load, monkeypatch):
    """Should every layout move the sections a page (forced here), the layouts stop: the first,
    the finished document, and SETTLE_ROUNDS more, never an endless loop."""
    from pipeline.writers.pdf import book

    guide, _ = load(ODYSSEY.name, ODYSSEY.read_text(encoding="utf-8"))
    real_first_pages = contents.first_pages
    shift = iter(range(1, 100))

    def always_moving(document):
        step = next(shift)
        return {name: page + step for name, page in real_first_pages(document).items()}

    laid_out = []
    real = book.render_document
    monkeypatch.setattr(
        book, "render_document", lambda html, *a, **k: laid_out.append(html) or real(html, *a, **k)
    )
    monkeypatch.setattr(contents, "first_pages", always_moving)
    monkeypatch.setattr(contents, "same_front", lambda *args: False)
    book.lay_out_book(guide, load_theme(), PrintOptions())
    assert len(laid_out) == 3 + numbered_layout.SETTLE_ROUNDS
