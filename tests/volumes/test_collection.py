"""Collections: several guides as one volume, EPUB and PDF, with a combined index."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest
from lxml import etree
from pypdf import PdfReader

from pipeline.checks.outputs import check_epub
from pipeline.volumes.collection import theme_keywords
from tests import needs
from tests.helpers import REPO

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
BOOKS = ["dracula.md", "frankenstein.txt", "moby-dick.md", "le-comte-de-monte-cristo.md"]


@pytest.fixture(scope="module")
def volume(tmp_path_factory):
    out = tmp_path_factory.mktemp("collection")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "build",
            "--collection",
            "Autumn Term",
            "--out",
            str(out),
            *(str(REPO / "manuscripts" / b) for b in BOOKS),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return out / "collections" / "autumn-term.epub", out / "collections" / "autumn-term.pdf"


@needs.java
@pytest.mark.epubcheck
@pytest.mark.slow
def test_collection_epub_is_valid_and_holds_every_guide_as_a_part(volume):
    epub, _ = volume
    verdict = check_epub(epub)
    assert verdict.ok, verdict.detail
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
        french = etree.fromstring(archive.read("EPUB/b4-summary.xhtml"))
    parts = nav.findall(".//x:nav[@id='toc']/x:ol/x:li", NS)
    titles = ["".join(li.find("x:a", NS).itertext()) for li in parts]
    assert titles == ["Dracula", "Frankenstein", "Moby-Dick", "Le Comte de Monte-Cristo", "Index"]
    for li in parts[:4]:  # each guide keeps its own sections, nested under it
        assert len(li.findall("x:ol/x:li", NS)) >= 7
    assert opf.find(".//dc:title", NS).text == "Autumn Term"
    assert {c.text for c in opf.iterfind(".//dc:creator", NS)} >= {
        "Bram Stoker",
        "Mary Shelley",
        "Herman Melville",
    }
    assert french.get("lang") == "fr"  # each part keeps its language
    assert "EPUB/index.xhtml" in names


def test_combined_index_merges_characters_terms_and_recurring_themes(volume):
    epub, _ = volume
    with zipfile.ZipFile(epub) as archive:
        index = etree.fromstring(archive.read("EPUB/index.xhtml"))
        members = set(archive.namelist())
    items = {"".join(li.itertext()).split(":")[0].strip(): li for li in index.iterfind(".//x:li", NS)}
    assert "Captain Ahab (Moby-Dick)" in items and "Victor Frankenstein (Frankenstein)" in items
    themes = [k for k in items if k.endswith("(theme)")]
    assert themes, "no theme recurs across the four books"
    for key in themes:
        assert len(items[key].findall("x:a", NS)) >= 2  # a recurring theme links to two books at least
    for link in index.iterfind(".//x:a", NS):
        assert "EPUB/" + link.get("href").split("#")[0] in members


def test_collection_pdf_has_a_combined_contents_and_index(volume):
    _, pdf = volume
    reader = PdfReader(pdf)
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[:4] == ["Autumn Term", "Dracula", "Frankenstein", "Moby-Dick"] or "Dracula" in outline
    text = " ".join(page.extract_text() for page in reader.pages[-3:])
    assert "Index" in text and "Captain Ahab" in text
    contents = reader.pages[1].extract_text()
    assert re.search(r"Dracula.*\d", contents) and "Frankenstein" in contents


def test_theme_keywords_fold_plurals_and_drop_common_words():
    assert theme_keywords("The dangers of unchecked ambitions") == {"danger", "unchecked", "ambition"}
    assert "versus" not in theme_keywords("Fate versus free will")


@pytest.mark.slow
def test_collection_contents_list_the_index_on_the_page_it_starts(volume):
    _, pdf = volume
    reader = PdfReader(pdf)
    contents = "\n".join(page.extract_text() for page in reader.pages[1:5])  # it runs over pages
    printed_number = int(re.search(r"^Index[ .]*?(\d+)\s*$", contents, re.M).group(1))
    assert printed_number == reader.get_destination_page_number(reader.named_destinations["index"]) + 1
    assert reader.pages[printed_number - 1].extract_text().count("Captain Ahab") >= 1
    assert all(page.extract_text().strip() for page in reader.pages)  # the index's place left no blank


def test_collection_index_gives_each_character_and_term_the_page_of_its_own_entry(volume):
    from pipeline.build.batch import load_guide
    from pipeline.volumes.collection import make_volume

    _, pdf = volume
    reader = PdfReader(pdf)
    # one line of text: index rows wrap in their narrow columns
    index_text = " ".join(" ".join(page.extract_text() for page in reader.pages[-3:]).split())
    book = make_volume("Autumn Term", [load_guide(REPO / "manuscripts" / name)[0] for name in BOOKS])
    checked = 0
    for guide in book.guides:
        for section in guide.sections:
            if section.kind not in ("characters", "glossary"):
                continue
            for entry in section.entries:
                page = reader.get_destination_page_number(reader.named_destinations[entry.anchor]) + 1
                row = rf"{re.escape(entry.term)}(?: \([^)]*\))? ((?:\d+,? ?)+)"
                numbers = {int(n) for found in re.findall(row, index_text) for n in re.findall(r"\d+", found)}
                assert page in numbers, (entry.term, page, numbers)
                checked += 1
    assert checked > 20


@needs.poppler
@pytest.mark.slow
def test_every_contents_line_prints_the_page_its_link_reaches(volume):
    """The volume's contents run over several pages, with bolder lines for the books: each line
    ends in dots and the number of the page its own link opens (written as text, not counted)."""
    _, pdf = volume
    reader = PdfReader(pdf)
    first_part = reader.get_destination_page_number(reader.named_destinations["b1-part"])
    destinations = {
        name: reader.get_destination_page_number(d) + 1 for name, d in reader.named_destinations.items()
    }
    linked, printed = [], []
    for number in range(1, first_part):  # the pages between the title page and the first book
        annotations = [a.get_object() for a in reader.pages[number].get("/Annots", [])]
        # A line's link is drawn as a rectangle for each of its boxes: one line, one link.
        lines = {
            (round(float(a["/Rect"][1])), str(a["/Dest"])): None
            for a in annotations
            if a.get("/Subtype") == "/Link"
        }
        linked += [destinations[dest] for _, dest in lines]
        command = ["pdftotext", "-layout", "-f", str(number + 1), "-l", str(number + 1), str(pdf), "-"]
        text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        printed += [int(m) for m in re.findall(r"\S\s*(?:\. )+\.?\s*(\d+)\s*$", text, re.M)]
    assert len(linked) > 30 and printed == linked
