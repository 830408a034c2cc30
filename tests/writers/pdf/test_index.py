"""The printed index: listed in the contents only when there is one, two balanced columns, running
heads in the running-head style, laid out in one layout rather than dozens (the same columns as
the two-document layout); its page numbers right,
every character and term in it; cross-links and the glossary's quotes in the PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.build.batch import BuildOptions, build_all, load_guide
from pipeline.transforms.mentions import name_variants, term_variants
from tests import needs
from tests.helpers import REPO, SEED, seed_outputs
from tests.writers.pdf.pages import page_texts

needs_poppler = needs.poppler


@pytest.mark.pdf
def test_a_guide_without_characters_or_terms_lists_no_index(tmp_path):
    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.index import has_index

    manuscript = tmp_path / "plain.md"
    manuscript.write_text("# Plain\n\n## Summary\n\nA story with no one named in it.\n", encoding="utf-8")
    guide, _ = load_guide(manuscript, auto_glossary=False)
    assert not has_index(guide)
    assert 'href="#index"' not in book_html(guide)
    outcomes = build_all([manuscript], BuildOptions(formats=("pdf",), out_dir=tmp_path / "out", jobs=1))
    reader = PdfReader(outcomes[0].outputs[0])
    assert "index" not in reader.named_destinations
    assert all(page.extract_text().strip() for page in reader.pages)


@needs_poppler
def test_the_index_runs_in_two_columns_letter_after_letter(printed):
    # One pair of columns for the whole index, as in a printed book: a later letter's heading
    # stands beside an earlier one. (Columns inside each letter put "Maximilien" beside "Mercédès"
    # and never two letters on one line.)
    texts = page_texts(printed / "pdf" / "le-comte-de-monte-cristo.pdf")
    index = next(t for t in texts if re.search(r"^\s*Index\s*$", t, re.M))
    side_by_side = re.findall(r"^\s*([A-Z])\s{4,}([A-Z])\s*$", index, re.M)
    assert side_by_side and all(left < right for left, right in side_by_side), index


def test_index_running_heads_carry_the_running_head_style():
    from pipeline.writers.pdf.index import index_page_css

    for first_page, direction in [(8, "ltr"), (9, "ltr"), (8, "rtl")]:
        css = index_page_css(first_page, "A Title", "Index", direction)
        for rule in re.findall(r'content: "[^"]*";[^}]*', css):
            assert "font-family" in rule and "font-size" in rule, rule


def _index_layouts(manuscript: Path, paper: str = "a4", measured: bool = False):
    """(calls made to render the index, the index document) for one guide; `measured`: in two
    documents (measured, then filled), as where the one-pass column layout cannot be installed."""
    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.engine import PAPER_WIDTHS, PrintOptions, render_document
    from pipeline.writers.pdf.index import anchor_pages, index_html, index_page_css
    from pipeline.writers.pdf.index_columns import lay_out_balanced, lay_out_measured
    from pipeline.writers.theme import load_theme

    guide, _ = load_guide(manuscript)
    theme, options = load_theme(None), PrintOptions(paper=paper)
    book = render_document(book_html(guide, paper), guide, theme, options)
    index = index_html(guide, anchor_pages(book))
    extra = index_page_css(len(book.pages) + 1, guide.meta.title, "Index")
    calls: list[str] = []

    def render(columns_css: str):
        calls.append(columns_css)
        return render_document(index, guide, theme, options, extra_css=f"{extra} {columns_css}")

    lay_out = lay_out_measured if measured else lay_out_balanced
    return calls, lay_out(render, PAPER_WIDTHS[paper], book.pages[0]._page_box.margin_height())


def _entry_boxes(document) -> list[tuple[str, str, float, float, float]]:
    """Every letter heading and entry: (tag, text, x, y, height), in reading order."""
    from pipeline.writers.pdf.index_columns import _boxes

    return [
        (box.element_tag, "".join(box.element.itertext()), round(box.position_x, 3),
         round(box.position_y, 3), round(box.margin_height(), 3))
        for page in document.pages
        for box in _boxes(page._page_box)
        if box.element_tag in ("h3", "li")
    ]  # fmt: skip


@pytest.mark.pdf
@pytest.mark.parametrize(("stem", "paper"), [("frankenstein.txt", "a4"), ("pride-and-prejudice.txt", "a5")])
def test_a_one_page_index_is_balanced_in_one_layout_not_dozens(stem, paper):
    """WeasyPrint's own balancing laid Frankenstein's 14-entry index out 22 times (0.44 s); then
    it took two layouts (measured, filled); now one."""
    from pipeline.writers.pdf.index_columns import _boxes
    from pipeline.writers.pdf.one_pass_columns import installed

    calls, document = _index_layouts(REPO / "manuscripts" / stem, paper)
    assert installed() and calls == [""]
    assert len(document.pages) == 1
    boxes = list(_boxes(document.pages[0]._page_box))
    columns: dict[int, list] = {}
    for box in boxes:
        if box.element_tag in ("h3", "li"):
            columns.setdefault(round(box.position_x), []).append(box)
    assert len(columns) == 2
    left, right = (columns[x] for x in sorted(columns))
    assert left[-1].element_tag == "li" and right[-1].element_tag == "li"  # no heading ends a column
    heights = [col[-1].position_y + col[-1].margin_height() - col[0].position_y for col in (left, right)]
    tallest_unit = max(b.margin_height() for b in boxes if b.element_tag == "li") * 2 + 20
    assert abs(heights[0] - heights[1]) <= tallest_unit, heights


@pytest.mark.pdf
@pytest.mark.parametrize(
    ("manuscript", "paper"),
    [
        (REPO / "manuscripts" / "le-comte-de-monte-cristo.md", "a4"),
        (REPO / "manuscripts" / "great-expectations.md", "a5"),
        (REPO / "tests" / "corpus" / "kalila-wa-dimna.md", "a4"),  # right to left: columns mirrored
    ],
    ids=["a4", "a5", "rtl"],
)
def test_the_one_layout_index_is_the_two_layout_index(manuscript, paper):
    """The columns balanced inside one layout are the ones the measured and filled documents gave:
    every heading and entry at the same place."""
    calls, one = _index_layouts(manuscript, paper)
    measured_calls, two = _index_layouts(manuscript, paper, measured=True)
    assert calls == [""] and len(measured_calls) == 2 and "column-fill: auto" in measured_calls[1]
    assert len(one.pages) == len(two.pages) == 1
    placed = _entry_boxes(one)
    assert placed == _entry_boxes(two)
    assert len({x for _, _, x, _, _ in placed}) == 2  # two columns


@pytest.mark.pdf
def test_an_index_longer_than_a_page_keeps_weasyprints_own_columns(tmp_path):
    terms = "\n".join(f"- **Term{chr(65 + i % 26)}{i:03d}**: meaning number {i}." for i in range(160))
    manuscript = tmp_path / "long.md"
    manuscript.write_text(f"# Long\n\nby Ann Author\n\n## Summary\n\nText.\n\n## Glossary\n\n{terms}\n")
    from pipeline.writers.pdf.index_columns import _entries

    calls, document = _index_layouts(manuscript)
    assert len(document.pages) >= 2 and calls == [""]  # measured, found too long, WeasyPrint's columns
    assert len(_entries(document)) == 160
    measured_calls, measured = _index_layouts(manuscript, measured=True)
    assert measured_calls[-1] == "" and _entry_boxes(measured) == _entry_boxes(document)


@pytest.fixture(scope="module")
def seed_build(seed_build):
    """The seed's [EPUB, PDF], from the session's one build of it."""
    return seed_outputs(seed_build)


@needs_poppler
def test_pdf_glossary_quotes_the_first_use_with_inner_quotes(seed_build):
    text = " ".join(
        subprocess.run(["pdftotext", str(seed_build[1]), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "their ‘purpose.’”" in text and "“purpose.””" not in text


def test_pdf_cross_links_are_internal_link_annotations(seed_build):
    reader = PdfReader(seed_build[1])
    dests = [a.get_object().get("/Dest") for page in reader.pages[2:4] for a in page.get("/Annots", [])]
    assert "char-kathy-h" in [str(d) for d in dests if d is not None]


@needs_poppler
def test_pdf_index_page_numbers_are_right(seed_build):
    pdf = seed_build[1]
    pages = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    index_at = next(i for i, text in enumerate(pages) if re.search(r"^Index$", text, re.M))
    guide, _ = load_guide(SEED)
    entries = [e for s in guide.sections if s.kind in ("characters", "glossary") for e in s.entries]
    names = [e.term for s in guide.sections if s.kind == "characters" for e in s.entries]
    index_text = " ".join(pages[index_at:]).replace("\n", " ")
    checked = 0
    for entry in entries:
        match = re.search(rf"{re.escape(entry.term)}\s+((?:\d+,\s*)*\d+)", index_text)
        assert match, f"{entry.term} missing from the index"
        variants = name_variants(entry.term, names) + term_variants(entry.term)
        for number in map(int, match.group(1).split(",")):
            page_text = " ".join(pages[number - 1].split())
            assert any(v.casefold() in page_text.casefold() for v in variants), (entry.term, number)
            checked += 1
    assert checked >= len(entries)


@pytest.mark.pdf
@needs_poppler
def test_pdf_index_lists_every_character_and_term_even_without_mentions(tmp_path):
    path = tmp_path / "quiet.md"
    path.write_text(
        "# Quiet\n\nby A. Writer\n\n## Summary\n\nAda walks to the harbour.\n\n"
        "## Characters\n\n- Ada Quill: the walker\n- Bruno Vale: never mentioned in the story\n\n"
        "## Glossary\n\n- Shoaling: a word the summary never uses\n",
        encoding="utf-8",
    )
    [outcome] = build_all([path], BuildOptions(formats=("pdf",), out_dir=tmp_path / "out"))
    pages = subprocess.run(
        ["pdftotext", str(outcome.outputs[0]), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    index_text = " ".join(" ".join(pages[-2].split()).split("Index", 1)[-1:])
    for term in ("Ada Quill", "Bruno Vale", "Shoaling"):
        match = re.search(rf"{term} ((?:\d+, )*\d+)", index_text)
        assert match, f"{term} missing from the index"
        for number in map(int, match.group(1).split(", ")):
            assert term.split()[0] in pages[number - 1], (term, number)  # "Ada" names Ada Quill
