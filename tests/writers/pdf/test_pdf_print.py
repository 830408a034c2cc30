"""Print quality of PDFs and handouts, checked against the PDF itself (pypdf, pdftotext, pdffonts)."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.build.batch import BuildOptions, build_all, load_guide
from pipeline.writers.inspect_json import guide_to_json
from tests import needs
from tests.helpers import REPO

MANUSCRIPTS = sorted(p for p in (REPO / "manuscripts").iterdir() if p.suffix in (".md", ".txt"))
CHINESE = REPO / "tests" / "corpus" / "journey-to-the-west.md"
GERMAN = REPO / "tests" / "corpus" / "der-process.md"
needs_poppler = needs.poppler
pytestmark = pytest.mark.pdf  # nearly every test here lays out a PDF


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    out = tmp_path_factory.mktemp("print")
    outcomes = build_all([*MANUSCRIPTS, CHINESE], BuildOptions(formats=("pdf", "handout"), out_dir=out))
    assert not [o for o in outcomes if o.failed], [(o.source, o.reason) for o in outcomes if o.failed]
    return out


def page_texts(pdf: Path, layout: bool = True) -> list[str]:
    """Each page's text as pdftotext gives it (form feed separates pages); -layout keeps lines whole,
    reading order (no -layout) keeps columns apart."""
    command = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split("\f")


def letters(text: str) -> str:
    """Text without spaces and hyphens, so words hyphenated across lines still match."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def squash(text: str) -> str:
    return " ".join(text.split())


def outline_pages(reader: PdfReader) -> dict[str, int]:
    pages = {}
    for item in reader.outline:
        if isinstance(item, list):
            continue
        pages[item.title] = reader.get_destination_page_number(item) + 1
    return pages


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


@needs_poppler
@pytest.mark.parametrize("manuscript", [*MANUSCRIPTS, CHINESE], ids=lambda p: p.stem)
def test_handout_fits_one_sheet_and_names_every_character_and_theme(printed, manuscript):
    guide, report = load_guide(manuscript)
    data = guide_to_json(guide, report)
    pdf = printed / "handouts" / f"{manuscript.stem}.pdf"
    assert len(PdfReader(pdf).pages) <= 2
    text = letters(" ".join(page_texts(pdf, layout=False)))
    for character in data["characters"]:
        assert letters(character["name"]) in text, character["name"]
    for theme in data["themes"]:
        assert letters(theme)[:30] in text, theme


@pytest.mark.slow
def test_handout_shrinks_then_cuts_the_overview_with_a_note(tmp_path):
    summary = "\n\n".join(
        f"Paragraph {n} of a very long overview. " + "The story goes on and on. " * 40 for n in range(30)
    )
    characters = "\n".join(
        f"- Person {n}: someone who matters to the plot in way number {n}" for n in range(20)
    )
    (tmp_path / "long.md").write_text(
        f"# Long\n\nby A. Writer\n\n## Summary\n\n{summary}\n\n## Characters\n\n{characters}\n",
        encoding="utf-8",
    )
    [outcome] = build_all(
        [tmp_path / "long.md"], BuildOptions(formats=("handout",), out_dir=tmp_path / "out")
    )
    assert not outcome.failed
    assert any(d.code == "W-HANDOUT-CUT" for d in outcome.diagnostics)
    reader = PdfReader(outcome.outputs[0])
    assert len(reader.pages) <= 2
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    assert "Overview shortened to fit one sheet" in text
    assert all(f"Person {n}" in text for n in range(20))


@pytest.mark.slow
def test_a_one_paragraph_overview_is_cut_between_sentences(tmp_path):
    # One paragraph gives no paragraph to drop: the cut has to fall between sentences.
    summary = " ".join(f"In scene {n} Mr. Quill walks through the old town at dusk." for n in range(600))
    characters = "\n".join(f"- Person {n}: someone who matters in way number {n}" for n in range(30))
    themes = "\n".join(f"- Theme {n}: memory and the price of loyalty" for n in range(12))
    (tmp_path / "one.md").write_text(
        f"# One\n\nby A. Writer\n\n## Summary\n\n{summary}\n\n## Characters\n\n{characters}\n\n"
        f"## Themes\n\n{themes}\n",
        encoding="utf-8",
    )
    [outcome] = build_all([tmp_path / "one.md"], BuildOptions(formats=("handout",), out_dir=tmp_path / "out"))
    assert [d.code for d in outcome.diagnostics if d.code.startswith("W-HANDOUT")] == ["W-HANDOUT-CUT"]
    reader = PdfReader(outcome.outputs[0])
    assert len(reader.pages) <= 2
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    assert "scene 0 Mr. Quill" in text and "Overview shortened to fit one sheet" in text
    kept = text.split("Overview shortened")[0]
    assert kept.rstrip().endswith("at dusk.")  # whole sentences only, never "Mr." alone
    assert all(f"Person {n}:" in text for n in range(30))
    assert all(f"Theme {n}:" in text for n in range(12))


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


@needs_poppler
def test_footnotes_sit_at_the_foot_of_the_page_that_calls_them(printed):
    guide, _ = load_guide(REPO / "manuscripts" / "dracula.md")
    texts = page_texts(printed / "pdf" / "dracula.pdf")
    for note in guide.notes:
        start = squash(plain_text_of(note))[:40]
        [page] = [t for t in texts if start in squash(t)]
        lines = [squash(line) for line in page.splitlines() if line.strip()]
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{note.number}. "))
        assert lines[at + 1 :][-1].isdigit()  # below it only the note's own lines and the folio
        assert any(re.search(rf"[a-z]{note.number}\b", line) for line in lines[:at])  # the call


def _many_notes(count: int) -> str:
    """Paragraphs of varied length, each calling a note of varied length at a varied place, so
    calls land at every height of a page, the foot included."""
    words = ["the", "hunters", "purify", "boxes", "one", "by", "one", "with", "wafer"]
    words += ["leaving", "the", "vampire", "without", "refuge"]
    paragraphs, notes = [], []
    for n in range(1, count + 1):
        body = [words[(n * 7 + i) % len(words)] for i in range(15 + (n * 37) % 140)]
        body[(n * 13) % len(body)] += f"[^{n}]"
        paragraphs.append(" ".join(body).capitalize() + ".")
        notes.append(f"[^{n}]: Note {n}: " + " ".join(words[: 5 + (n * 11) % 12] * 3) + ".")
    return (
        "# Many Notes\n\nby A. Writer\n\n## Summary\n\n"
        + "\n\n".join(paragraphs)
        + "\n\n"
        + "\n".join(notes)
        + "\n"
    )


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter", "a5"])
def test_every_note_is_printed_on_the_page_of_its_call(tmp_path, paper):
    """Checked on the laid-out boxes: on A4, WeasyPrint put Dracula's notes a page (note 1) and two
    pages (note 2) after their calls, and on A5 it deferred notes whose call was near the foot."""
    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.pdf.footnotes import note_pages
    from pipeline.writers.theme import load_theme

    many = tmp_path / "many.md"
    many.write_text(_many_notes(30))
    for manuscript in (REPO / "manuscripts" / "dracula.md", many):
        guide, _ = load_guide(manuscript)
        document = render_document(book_html(guide, paper), guide, load_theme(), PrintOptions(paper=paper))
        pages = note_pages(document)
        assert len(pages) == len(guide.notes)
        assert all(call == body for call, body in pages.values()), (manuscript.name, pages)


def plain_text_of(note) -> str:
    from pipeline.model.text import plain_text
    from pipeline.model.walk import block_inlines, iter_blocks

    return " ".join(plain_text(inlines) for b in iter_blocks(note.blocks) for inlines in block_inlines(b))


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


def test_every_language_prints_its_own_labels():
    # A German or Spanish guide must not print "Classroom Handout", "First used:" or "Index".
    from pipeline.i18n.labels import _LABELS

    for language, table in _LABELS.items():
        assert set(table) == set(_LABELS["en"]), (language, set(_LABELS["en"]) - set(table))


def test_overview_sentences_end_at_full_stops_in_any_script():
    from pipeline.model import guide as m
    from pipeline.model.location import SourceLocation
    from pipeline.writers.pdf.overview import first_sentences, sentence_count

    def paragraph(*inlines):
        return m.Paragraph(tuple(inlines), SourceLocation("x", 1))

    chinese = paragraph(m.Text("石猴出世。他拜师学艺！后来大闹天宫。"))
    english = paragraph(
        m.Text("Kathy H. meets “Ruth.” Then "), m.Emph((m.Text("Tommy. Rages."),)), m.Text(" End.")
    )
    assert sentence_count((chinese, english)) == 5
    assert first_sentences((chinese, english), 2)[0].inlines == (m.Text("石猴出世。他拜师学艺！"),)
    cut = first_sentences((chinese, english), 4)
    assert cut[1].inlines == (m.Text("Kathy H. meets “Ruth.”"),)  # not after the initial "H."


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


def _index_layouts(manuscript: Path, paper: str = "a4"):
    """(calls made to render the index, the index document) for one guide."""
    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.engine import PAPER_WIDTHS, PrintOptions, render_document
    from pipeline.writers.pdf.index import anchor_pages, index_html, index_page_css
    from pipeline.writers.pdf.index_columns import lay_out_balanced
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

    return calls, lay_out_balanced(render, PAPER_WIDTHS[paper], book.pages[0]._page_box.margin_height())


@pytest.mark.parametrize(("stem", "paper"), [("frankenstein.txt", "a4"), ("pride-and-prejudice.txt", "a5")])
def test_a_one_page_index_is_balanced_in_two_layouts_not_dozens(stem, paper):
    """WeasyPrint's own balancing laid Frankenstein's 14-entry index out 22 times (0.44 s)."""
    from pipeline.writers.pdf.index_columns import _boxes

    calls, document = _index_layouts(REPO / "manuscripts" / stem, paper)
    assert len(calls) == 2 and "column-fill: auto" in calls[1]
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


def test_an_index_longer_than_a_page_keeps_weasyprints_own_columns(tmp_path):
    terms = "\n".join(f"- **Term{chr(65 + i % 26)}{i:03d}**: meaning number {i}." for i in range(160))
    manuscript = tmp_path / "long.md"
    manuscript.write_text(f"# Long\n\nby Ann Author\n\n## Summary\n\nText.\n\n## Glossary\n\n{terms}\n")
    calls, document = _index_layouts(manuscript)
    assert len(document.pages) >= 2 and calls[-1] == ""  # measured, found too long, laid out as before
    from pipeline.writers.pdf.index_columns import _entries

    assert len(_entries(document)) == 160


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


def _box_tree(document) -> list[tuple]:
    """Every laid-out box: its kind, element, place, size and text, page by page."""
    return [
        (
            number,
            type(box).__name__,
            box.element_tag,
            round(box.position_x, 3),
            round(box.position_y, 3),
            round(box.width, 3),
            round(box.height, 3),
            getattr(box, "text", None),
        )
        for number, page in enumerate(document.pages)
        for box in page._page_box.descendants()
    ]


@pytest.mark.parametrize("stem", ["dracula.md", "kalila-wa-dimna.md"])  # footnotes; right to left
def test_the_scoped_user_agent_sheet_lays_out_every_box_as_weasyprints_own(monkeypatch, stem):
    """The scoped sheet keeps every rule an element of ours matches: the book and its index lay out
    box for box as they do with the stock sheet (list markers, footnote calls and markers too)."""
    import weasyprint

    from pipeline.writers.pdf import print_html
    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.pdf.index import anchor_pages, index_html
    from pipeline.writers.theme import load_theme

    assert print_html.print_html_class() is not weasyprint.HTML  # the installed WeasyPrint's sheet is scoped
    source = REPO / "manuscripts" / stem
    guide, _ = load_guide(source if source.exists() else REPO / "tests" / "corpus" / stem)
    theme, options = load_theme(None), PrintOptions()

    def lay_out() -> list[tuple]:
        book = render_document(book_html(guide), guide, theme, options)
        index = render_document(index_html(guide, anchor_pages(book)), guide, theme, options)
        return _box_tree(book) + _box_tree(index)

    scoped = lay_out()
    monkeypatch.setattr(print_html, "print_html_class", lambda: weasyprint.HTML)
    assert scoped == lay_out()


def test_the_cascade_computes_pseudo_element_styles_only_for_list_items_and_notes(monkeypatch):
    """WeasyPrint's stock sheet and a bare ::footnote-call rule made the cascade compute six
    pseudo-element styles for every element, a fifth of a guide's layout time."""
    import weasyprint.css

    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.theme import load_theme

    counts: list[Counter] = []
    original = weasyprint.css.StyleFor.__init__

    def counting(self, *args, **kwargs):
        original(self, *args, **kwargs)
        counts.append(Counter(pseudo for _, pseudo in self._computed_styles))

    monkeypatch.setattr(weasyprint.css.StyleFor, "__init__", counting)
    guide, _ = load_guide(REPO / "manuscripts" / "dracula.md")
    html = book_html(guide)
    render_document(html, guide, load_theme(None), PrintOptions())
    count = counts[0]
    assert 0 < count["marker"] <= html.count("<li")
    assert 0 < count["footnote-call"] == count["footnote-marker"] <= html.count('class="footnote"')
    assert not count["note-call"] and not count["note-marker"] and not count["note-callback"]


def test_no_stylesheet_styles_a_pseudo_element_of_every_element():
    """A selector that is a bare pseudo-element (`::footnote-call { ... }`) gives every element of
    the document a pseudo-element style for the cascade to compute; scope it (`.footnote::...`)."""
    bare = re.compile(r"(?:^|[,}])\s*::[\w-]+", re.M)
    for css in sorted((REPO / "styles").rglob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        assert not bare.search(text), f"{css.name}: {bare.search(text).group().strip()}"


def _tree(element) -> list[tuple]:
    """An element tree as (depth, tag, attributes, text, tail) rows, comments included."""
    rows: list[tuple] = []

    def walk(node, depth: int) -> None:
        tag = node.tag if isinstance(node.tag, str) else "<comment or instruction>"
        rows.append((depth, tag, sorted(node.attrib.items()), node.text, node.tail))
        for child in node:
            walk(child, depth + 1)

    walk(element, 0)
    return rows


CORPUS = sorted(p for p in (REPO / "tests" / "corpus").rglob("*") if p.suffix in (".md", ".txt"))


@pytest.mark.parametrize("manuscript", [*MANUSCRIPTS, *CORPUS], ids=lambda p: p.stem)
def test_expat_reads_our_print_html_into_the_tree_weasyprints_parser_builds(manuscript):
    """Our print HTML is read by expat, not by WeasyPrint's pure-Python HTML5 parser (9 ms of a
    guide's book, 4 ms of each of its two index layouts): the trees must be the same, whitespace
    included, for the book, its index and its handout."""
    import tinyhtml5

    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.handout import handout_html
    from pipeline.writers.pdf.index import index_html, mentions_of
    from pipeline.writers.pdf.print_html import parse_xhtml

    guide, _ = load_guide(manuscript)
    book = book_html(guide)
    anchors = {entry.anchor: 3 for section in guide.sections for entry in section.entries}
    index = index_html(guide, {**dict.fromkeys(mentions_of(guide), 2), **anchors})
    for html in (book, index, handout_html(guide, 9.5, None)):
        if html is None:
            continue
        ours = parse_xhtml(html)
        assert ours is not None
        assert _tree(ours) == _tree(tinyhtml5.parse(html, namespace_html_elements=False))


def test_html_that_is_not_plain_xhtml_is_left_to_weasyprints_parser():
    from pipeline.writers.pdf.print_html import parse_xhtml

    assert parse_xhtml("<html><body><p>one<p>two</body></html>") is None  # not well-formed
    assert parse_xhtml('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>') is None
    assert parse_xhtml('<html><head><base href="x/"/></head><body/></html>') is None
    pre = parse_xhtml("<html><body><pre>\ncode</pre></body></html>\n")
    assert pre is not None and pre.find("body/pre").text == "code"


CASTAWAY = """# Robinson Crusoe

**Author:** Daniel Defoe
**Year:** 1719

## Summary

Robinson Crusoe is shipwrecked and survives alone on an island for twenty-eight years, later rescuing Friday.

## Characters

- Robinson Crusoe: the castaway
- Friday: a man Crusoe rescues from cannibals
"""


def _summary_lines(document) -> list[str]:
    lines = []
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if type(box).__name__ == "LineBox":
                text = "".join(t.text for t in box.descendants() if type(t).__name__ == "TextBox")
                if "ship" in text or "Friday." in text:
                    lines.append(text)
                continue
            stack.extend(reversed(getattr(box, "children", ()) or ()))
    return lines


def test_a_line_before_a_link_that_does_not_fit_breaks_before_the_link(tmp_path):
    """WeasyPrint 70 broke it at the paragraph's first hyphenation point instead: "Robinson
    Crusoe is ship-" stretched over the whole justified line, "wrecked ... Friday." below."""
    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.early_breaks import early_broken_blocks
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.theme import load_theme

    source = tmp_path / "robinson-crusoe.md"
    source.write_text(CASTAWAY, encoding="utf-8")
    guide, _ = load_guide(source)
    html = book_html(guide, "a4")
    document = render_document(html, guide, load_theme(None), PrintOptions())
    lines = _summary_lines(document)
    assert lines[0].endswith("later rescuing") and lines[1] == "Friday.", lines
    assert early_broken_blocks(document) == []


def test_the_mend_moves_spaces_into_inline_elements_and_keeps_the_text():
    from xml.etree import ElementTree

    from pipeline.writers.pdf.early_breaks import _spaces_into_inline_elements

    block = ElementTree.fromstring(
        "<p><a>Robinson</a> is here, <em>so <b>is</b> he</em> and <span/> <a>Friday</a>.</p>"
    )
    before = "".join(block.itertext())
    _spaces_into_inline_elements(block)
    assert "".join(block.itertext()) == before
    assert ElementTree.tostring(block, encoding="unicode") == (
        "<p><a>Robinson</a> is here,<em> so<b> is</b> he</em> and<span> </span><a> Friday</a>.</p>"
    )


@pytest.mark.parametrize("manuscript", MANUSCRIPTS, ids=lambda p: p.stem)
def test_no_shipped_guide_prints_a_line_broken_too_early(manuscript):
    """Great Expectations printed "has been Pip's benefactor all along. Pip is horri-" stretched
    over a line, and Pride and Prejudice "pro-" alone on one, until the mend (early_breaks)."""
    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.early_breaks import early_broken_blocks
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.theme import load_theme

    guide, _ = load_guide(manuscript)
    document = render_document(book_html(guide, "a4"), guide, load_theme(None), PrintOptions())
    assert early_broken_blocks(document) == []
