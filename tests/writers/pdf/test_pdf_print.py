"""Print quality of the book PDF, checked against the PDF itself (pypdf, pdftotext, pdffonts): contents,
running heads, tags, links, paper sizes, PDF/A, CJK fonts. Handouts, the index, footnotes: beside it."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from pipeline.build.batch import BuildOptions, build_all, load_guide
from tests import needs
from tests.helpers import REPO
from tests.writers.pdf.pages import CHINESE, GERMAN, MANUSCRIPTS, letters, outline_pages, page_texts, squash

needs_poppler = needs.poppler
pytestmark = pytest.mark.pdf  # every test here lays out a PDF


@needs_poppler
@pytest.mark.parametrize("manuscript", MANUSCRIPTS, ids=lambda p: p.stem)
def test_table_of_contents_prints_the_page_each_section_starts_on(printed, manuscript):
    guide, _ = load_guide(manuscript)
    pdf = printed / "pdf" / f"{manuscript.stem}.pdf"
    texts = page_texts(pdf)
    toc_page = next(i for i, t in enumerate(texts) if re.search(r"Contents|Table des matières", t))
    outline = outline_pages(PdfReader(pdf))
    for section in guide.sections:
        line = next(ln for ln in texts[toc_page].splitlines() if ln.strip().startswith(section.title[:25]))
        printed_number = int(re.search(r"(\d+)\s*$", line).group(1))
        assert outline[section.title] == printed_number, (section.title, line)
        # and the section's heading really is on that page
        assert squash(section.title) in squash(texts[printed_number - 1]), section.title


@needs_poppler
@pytest.mark.parametrize("manuscript", MANUSCRIPTS, ids=lambda p: p.stem)
def test_the_contents_list_the_index_on_the_page_it_starts_and_no_page_is_left_blank(printed, manuscript):
    from pipeline.i18n.labels import labels_for

    guide, _ = load_guide(manuscript)
    label = labels_for(guide.meta.language)["index"]
    pdf = printed / "pdf" / f"{manuscript.stem}.pdf"
    texts = page_texts(pdf)
    toc_page = next(i for i, t in enumerate(texts) if re.search(r"Contents|Table des matières", t))
    line = next(ln for ln in texts[toc_page].splitlines() if ln.strip().startswith(label))
    printed_number = int(re.search(r"(\d+)\s*$", line).group(1))
    reader = PdfReader(pdf)
    assert outline_pages(reader)[label] == printed_number == len(reader.pages)  # the index ends the book
    assert re.search(rf"^\s*{re.escape(label)}\s*$", texts[printed_number - 1], re.M)  # its heading
    # the link in the contents leads there too, and the page that held the index's place is gone
    assert reader.get_destination_page_number(reader.named_destinations["index"]) == printed_number - 1
    assert all(text.strip() for text in texts[: len(reader.pages)])


@needs_poppler
@pytest.mark.parametrize("manuscript", MANUSCRIPTS, ids=lambda p: p.stem)
def test_running_heads_and_page_numbers(printed, manuscript):
    guide, _ = load_guide(manuscript)
    texts = page_texts(printed / "pdf" / f"{manuscript.stem}.pdf")
    titles = {squash(s.title) for s in guide.sections} | {"Index"}
    for number, text in enumerate(texts[1:-1], start=2):
        lines = [squash(line) for line in text.splitlines() if line.strip()]
        if number % 2 == 0:
            assert lines[0] == squash(guide.meta.title), (number, lines[:2])
        else:
            assert lines[0] in titles, (number, lines[:2])
        assert lines[-1] == str(number), (number, lines[-3:])


@needs_poppler
@pytest.mark.parametrize("manuscript", [*MANUSCRIPTS, CHINESE], ids=lambda p: p.stem)
def test_tagged_accessible_pdf_with_every_section_in_order(printed, manuscript):
    guide, _ = load_guide(manuscript)
    pdf = printed / "pdf" / f"{manuscript.stem}.pdf"
    root = PdfReader(pdf).trailer["/Root"]
    for key in ("/StructTreeRoot", "/MarkInfo", "/Lang", "/Outlines"):
        assert key in root, key
    assert root["/Lang"] == guide.meta.language
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    body = squash(" ".join(page_texts(pdf)[2:]))
    position = 0
    for section in guide.sections[1:]:  # the info section shares the contents page
        found = body.find(squash(section.title), position)
        assert found >= 0, section.title
        position = found


def test_internal_links_work(printed):
    reader = PdfReader(printed / "pdf" / "dracula.pdf")
    links = [a.get_object() for page in reader.pages[:3] for a in page.get("/Annots", [])]
    internal = [
        a
        for a in links
        if a.get("/Subtype") == "/Link" and ("/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo")
    ]
    assert len(internal) >= 8  # every contents entry jumps to its section


@pytest.mark.parametrize("paper", ["letter", "a5"])
def test_no_list_leaves_a_lone_item_on_a_page(paper):
    # On Letter, Moby-Dick's seventh question used to stand alone at the top of a page.
    from weasyprint.formatting_structure import boxes

    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.theme import load_theme

    guide, _ = load_guide(REPO / "manuscripts" / "moby-dick.md")
    document = render_document(book_html(guide, paper), guide, load_theme(), PrintOptions(paper=paper))
    items: dict[int, dict[int, int]] = {}  # list element -> page -> its items there
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            if isinstance(box, boxes.BlockBox) and box.element_tag in ("ol", "ul"):
                shown = sum(1 for child in box.children if child.element_tag == "li")
                items.setdefault(id(box.element), {})[number] = shown
    for per_page in items.values():
        if len(per_page) > 1:
            counts = [per_page[n] for n in sorted(per_page)]
            assert counts[0] >= 2 and counts[-1] >= 2, counts


@pytest.mark.slow
@needs_poppler
def test_a_german_guide_on_a5(tmp_path):
    """An unseen language and paper: German words, quotes, hyphenation and a compact index."""
    [outcome] = build_all([GERMAN], BuildOptions(formats=("pdf", "handout"), out_dir=tmp_path, paper="a5"))
    pdf, handout = outcome.outputs
    texts = page_texts(pdf, layout=False)
    whole = " ".join(texts)
    assert "Erste Erwähnung:" in whole and "First used" not in whole
    assert re.search(r"Donaudampf[‐-]\n", whole)  # the long compound is hyphenated
    glossary = next(t for t in texts if re.search(r"^Glossar$", t, re.M))
    assert "Gericht" in glossary and "‚Gericht‘" in " ".join(glossary.split())  # inner quotes
    handout_text = " ".join(page_texts(handout, layout=False))
    assert "arbeitsblatt" in letters(handout_text).casefold()  # set letter-spaced in capitals
    # The facts at a glance stay on one page: on A5 the last one used to be left behind.
    glance = [t for t in texts if "Auf einen Blick" in t and "AUTOR" in t]
    assert glance and "Wörter" in glance[0], glance
    # Keeping list items together once pushed each of the index's letters to a page of its own.
    first_index_page = next(t for t in texts if re.search(r"^Register$", t, re.M))
    assert len(re.findall(r"\d$", first_index_page, re.M)) >= 10, first_index_page


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_no_card_splits_across_pages(tmp_path, paper):
    from weasyprint.formatting_structure import boxes

    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.theme import load_theme

    about = "who keeps the family's letters, quarrels with every cousin and leaves for the city in the end"
    characters = "\n".join(f"- Person {n} Quill: someone {about}, {n} times over" for n in range(40))
    path = tmp_path / "forty.md"
    path.write_text(f"# Forty\n\nby A. Writer\n\n## Summary\n\nA story.\n\n## Characters\n\n{characters}\n")
    guide, _ = load_guide(path)
    document = render_document(book_html(guide, paper), guide, load_theme(), PrintOptions(paper=paper))
    pages_of: dict[str, set[int]] = {}
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = box.element if isinstance(box, boxes.BlockBox) else None
            if (
                element is not None
                and box.element_tag == "div"
                and "entry" in element.get("class", "").split()
            ):
                pages_of.setdefault("".join(element[0].itertext()), set()).add(number)
    assert len(pages_of) == 40
    assert all(len(pages) == 1 for pages in pages_of.values()), pages_of


@pytest.mark.parametrize(("paper", "size"), [("letter", (612, 792)), ("a5", (419.5, 595.3))])
def test_paper_sizes(tmp_path, paper, size):
    [outcome] = build_all([MANUSCRIPTS[0]], BuildOptions(formats=("pdf",), out_dir=tmp_path, paper=paper))
    box = PdfReader(outcome.outputs[0]).pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == pytest.approx(size, abs=0.5)


def test_print_marks_add_bleed_around_the_trim(tmp_path):
    [outcome] = build_all(
        [MANUSCRIPTS[0]], BuildOptions(formats=("pdf",), out_dir=tmp_path, print_marks=True)
    )
    page = PdfReader(outcome.outputs[0]).pages[1]
    assert float(page.mediabox.width) > 595.3 + 10  # A4 plus bleed and room for the marks
    assert float(page.trimbox.width) == pytest.approx(595.3, abs=0.5)


def test_pdf_a_variant(tmp_path):
    [outcome] = build_all(
        [MANUSCRIPTS[0]], BuildOptions(formats=("pdf",), out_dir=tmp_path, pdf_variant="pdf/a-3u")
    )
    reader = PdfReader(outcome.outputs[0])
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp and "pdfaid:conformance" in xmp


@needs_poppler
@needs.chinese_font
def test_chinese_text_extracts_and_a_cjk_font_is_embedded(printed):
    pdf = printed / "pdf" / "journey-to-the-west.pdf"
    text = squash(" ".join(page_texts(pdf)))
    for phrase in ("西游记", "孙悟空", "故事梗概"):
        assert phrase in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"CJK|Han|Hei|Ming|Song|WenQuanYi|Droid", fonts), fonts


def test_title_page_shows_the_facts(printed):
    reader = PdfReader(printed / "pdf" / "the-odyssey.pdf")
    first = squash(reader.pages[0].extract_text())
    assert "The Odyssey" in first and "Homer" in first and "c. 725 BCE" in first and "Epic Poetry" in first
    meta = reader.metadata
    assert meta.title.startswith("The Odyssey") and meta.author == "Homer"
    assert "Epic Poetry" in meta.get("/Keywords", "") and meta.get("/Subject")


@pytest.mark.slow
def test_a_pdf_batch_leaves_no_font_folder_in_the_temporary_directory(tmp_path):
    """WeasyPrint copies @font-face files into a temporary folder it removes only when its font
    configuration is deleted, which a pool worker leaving through os._exit never does: every
    batch left a 2 MB folder per worker behind."""
    import os
    import sys

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    books = [str(REPO / "manuscripts" / name) for name in ("dracula.md", "frankenstein.txt", "moby-dick.md")]
    command = [sys.executable, "-m", "pipeline", "build", *books, "--format", "pdf", "--jobs", "2"]
    result = subprocess.run(
        [*command, "--out", str(tmp_path / "out"), "--quiet"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "TMPDIR": str(scratch)},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "Exception ignored" not in result.stderr, result.stderr
    assert sorted(p.name for p in scratch.iterdir()) == []
