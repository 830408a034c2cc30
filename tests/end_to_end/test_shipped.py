"""Every shipped manuscript, built once per session: valid EPUBs with full metadata, real PDFs."""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections import Counter

import pytest
from lxml import etree

from tests import needs
from tests.helpers import (
    EPUB_NS,
    XHTML_NS,
    XML_LANG,
    epubcheck_problems,
    opf_name,
    pdf_outline_titles,
    read_epub,
    shipped_manuscripts,
    squash,
)

MANUSCRIPTS = shipped_manuscripts()
STEMS = [path.stem for path in MANUSCRIPTS]
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "x": XHTML_NS,
    "epub": EPUB_NS,
}

per_book = pytest.mark.parametrize("stem", STEMS)


@pytest.fixture(scope="module")
def epubs(shipped) -> dict[str, dict[str, bytes]]:
    return {stem: read_epub(shipped.epub(stem)) for stem in STEMS if shipped.epub(stem).is_file()}


def opf_of(files: dict[str, bytes]):
    return etree.fromstring(files[opf_name(files)])


# ---------------------------------------------------------------- the batch


def test_shipped_manuscripts_cover_every_dialect(shipped):
    assert len(MANUSCRIPTS) >= 6
    dialects = Counter(guide.dialect for guide in shipped.guides.values())
    assert len(shipped.guides) == len(MANUSCRIPTS)
    assert dialects["loose"] >= 2, dialects
    assert set(dialects) == {"loose", "frontmatter", "labelled"}, dialects


@per_book
def test_builds_without_failure(shipped, stem):
    outcome = shipped.outcomes[stem]
    assert not outcome.failed, [str(d) for d in outcome.diagnostics]
    assert [d for d in outcome.diagnostics if d.severity == "error"] == []
    assert outcome.outputs == [shipped.epub(stem), shipped.pdf(stem)]
    assert all(path.stat().st_size > 1000 for path in outcome.outputs)


def test_output_folders_hold_only_finished_files(shipped):
    leftovers = [
        p
        for p in shipped.out_dir.rglob("*")
        if p.is_file()
        and p.suffix not in (".epub", ".pdf")
        and p.relative_to(shipped.out_dir).parts[0] != ".cache"
    ]
    assert leftovers == []  # no .part files from the atomic writers (the build cache is expected)
    assert sorted(p.stem for p in (shipped.out_dir / "epub").iterdir()) == sorted(STEMS)
    assert sorted(p.stem for p in (shipped.out_dir / "pdf").iterdir()) == sorted(STEMS)


# ---------------------------------------------------------------- EPUB


@per_book
def test_epub_passes_epubcheck(shipped, epubcheck_pool, stem):
    result = epubcheck_pool.result(shipped.epub(stem))
    assert epubcheck_problems(result) == []
    assert (result.checker.nFatal, result.checker.nError, result.checker.nWarning) == (0, 0, 0)


@per_book
def test_epub_container_basics(shipped, epubs, stem):
    with zipfile.ZipFile(shipped.epub(stem)) as archive:
        first = archive.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert epubs[stem]["mimetype"] == b"application/epub+zip"
    assert opf_name(epubs[stem]).endswith(".opf")


@per_book
def test_xhtml_documents_parse_and_carry_the_language(shipped, epubs, stem):
    language = shipped.guides[stem].meta.language
    documents = {name: data for name, data in epubs[stem].items() if name.endswith(".xhtml")}
    # cover, title page, nav and (at least) one document per section
    names = {name.rpartition("/")[2] for name in documents}
    expected = {"cover.xhtml", "titlepage.xhtml", "nav.xhtml"}
    expected |= {f"{section.anchor}.xhtml" for section in shipped.guides[stem].sections}
    assert expected <= names, expected - names
    for name, data in documents.items():
        root = etree.fromstring(data)
        assert root.tag == f"{{{XHTML_NS}}}html", name
        assert root.get("lang") == language, name
        assert root.get(XML_LANG) == language, name
        ids = [el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")]
        assert len(ids) == len(set(ids)), (name, [i for i, n in Counter(ids).items() if n > 1])


@per_book
def test_opf_metadata(shipped, epubs, stem):
    meta = shipped.guides[stem].meta
    opf = opf_of(epubs[stem])
    metadata = opf.find("opf:metadata", NS)
    assert metadata is not None

    def texts(tag: str) -> list[str]:
        return [el.text for el in metadata.findall(tag, NS)]

    assert texts("dc:title") == [meta.title]
    assert texts("dc:creator") == list(meta.authors)
    assert texts("dc:language") == [meta.language]
    assert texts("dc:subject") == list(meta.genres)
    assert len(meta.genres) >= 1
    identifiers = metadata.findall("dc:identifier", NS)
    assert [el.text for el in identifiers] == [meta.identifier]
    assert opf.get("unique-identifier") == identifiers[0].get("id")
    modified = [el.text for el in metadata.findall("opf:meta[@property='dcterms:modified']", NS)]
    assert len(modified) == 1
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified[0])
    description = texts("dc:description")
    assert len(description) == 1 and description[0].strip()


@per_book
def test_nav_and_ncx_list_every_section(shipped, epubs, stem):
    files = epubs[stem]
    guide = shipped.guides[stem]
    titles = [section.title for section in guide.sections]
    opf_dir = opf_name(files).rpartition("/")[0]
    prefix = f"{opf_dir}/" if opf_dir else ""
    opf = opf_of(files)
    nav_href = opf.find("opf:manifest/opf:item[@properties='nav']", NS).get("href")
    nav = etree.fromstring(files[prefix + nav_href])
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    assert toc is not None
    top = toc.findall("x:ol/x:li/x:a", NS)  # sections; sub-headings may nest below them
    assert ["".join(a.itertext()) for a in top] == titles
    for link in toc.findall(".//x:a", NS):  # every entry points at a document in the book
        assert prefix + link.get("href").split("#")[0] in files
    ncx_href = opf.find("opf:manifest/opf:item[@media-type='application/x-dtbncx+xml']", NS).get("href")
    ncx = etree.fromstring(files[prefix + ncx_href])
    labels = [el.text for el in ncx.findall("ncx:navMap/ncx:navPoint/ncx:navLabel/ncx:text", NS)]
    assert labels == titles
    for content in ncx.findall(".//ncx:content", NS):
        assert prefix + content.get("src").split("#")[0] in files
    assert ncx.find(".//ncx:meta[@name='dtb:uid']", NS).get("content") == guide.meta.identifier


@per_book
def test_identifier_is_the_same_across_builds(shipped, shipped_rebuild, epubs, stem):
    again = read_epub(shipped_rebuild.epub(stem))
    first = opf_of(epubs[stem]).find(".//dc:identifier", NS).text
    second = opf_of(again).find(".//dc:identifier", NS).text
    assert first == second == shipped.guides[stem].meta.identifier
    assert first.startswith("urn:uuid:") or first.startswith("urn:isbn:")


@per_book
def test_epub_is_byte_identical_across_builds(shipped, shipped_rebuild, stem):
    # the zip is pinned to the manuscript's mtime, so equal input gives equal bytes
    assert shipped.epub(stem).read_bytes() == shipped_rebuild.epub(stem).read_bytes()


# ---------------------------------------------------------------- PDF


@pytest.fixture(scope="module")
def pdfs(shipped):
    from pypdf import PdfReader

    return {stem: PdfReader(shipped.pdf(stem)) for stem in STEMS}


@per_book
def test_pdf_structure(shipped, pdfs, stem):
    reader = pdfs[stem]
    meta = shipped.guides[stem].meta
    assert len(reader.pages) > 1
    outline = pdf_outline_titles(reader)
    for section in shipped.guides[stem].sections:
        assert section.title in outline, (section.title, outline)
    info = reader.metadata
    assert info is not None
    assert str(info.get("/Title", "")).startswith(meta.title)
    assert str(info.get("/Author", "")) == ", ".join(meta.authors)
    assert str(reader.trailer["/Root"].get("/Lang")) == meta.language


@per_book
def test_pdf_text_contains_the_title(shipped, pdfs, stem):
    # the title page is enough (and extracting every page with pypdf is slow); pdftotext reads all
    meta = shipped.guides[stem].meta
    text = squash(pdfs[stem].pages[0].extract_text())
    assert squash(meta.title) in text
    for author in meta.authors:
        assert squash(author) in text


@needs.poppler
@per_book
def test_pdftotext_finds_titles_and_characters(shipped, stem):
    text = squash(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(shipped.pdf(stem)), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    guide = shipped.guides[stem]
    assert squash(guide.meta.title) in text
    for section in guide.sections:
        assert squash(section.title) in text, section.title
    characters = guide.section("characters")
    for entry in characters.entries if characters else ():
        assert squash(entry.term) in text, entry.term


_ABBREVIATION_END = re.compile(r"\b(Mr|Mrs|Ms|Dr|St|Mme|Mlle|M|Prof)\.$")


def test_descriptions_do_not_stop_after_an_abbreviation(epubs):
    cut = {}
    for stem, files in epubs.items():
        description = opf_of(files).find(".//dc:description", NS).text
        if _ABBREVIATION_END.search(description):
            cut[stem] = description[-60:]
    assert cut == {}
