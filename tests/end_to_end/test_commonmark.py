"""Robustness: all 655 CommonMark spec examples go through the pipeline and come out as well-formed XHTML.

Each example becomes the summary of a tiny guide. Normalising may refuse one with a GuideError, but
only with a recorded error diagnostic; anything else raised is a failure. Every EPUB section page and the
PDF's HTML book must parse as XML, and raw HTML in the input must never turn into markup.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from pipeline.i18n.labels import labels_for
from pipeline.model.diagnostics import GuideError, Report
from pipeline.readers.normalise import normalise
from pipeline.readers.sources import SourceText
from pipeline.transforms.passes import apply_transforms
from pipeline.writers.epub.pages import page_xhtml, section_pages
from pipeline.writers.pdf.book import book_html
from pipeline.writers.pdf.index import has_index
from tests.helpers import (
    CM_EPUB_SAMPLE,
    CM_EPUBCHECK_SAMPLE,
    COMMONMARK,
    SHARED_MISSING,
    XHTML_NS,
    XML_LANG,
    commonmark_examples,
    commonmark_manuscript,
    epubcheck_problems,
)

EXAMPLES = commonmark_examples()
if EXAMPLES:
    PARAMS = [pytest.param(e, id=f"{e['example']:03d}") for e in EXAMPLES]
else:
    PARAMS = [pytest.param(None, marks=pytest.mark.skip(reason=f"{SHARED_MISSING}: no {COMMONMARK}"))]

# Every element the writers and templates may produce (with room for the harmless inline and
# sectioning elements they may grow into); raw HTML in a manuscript must never add others.
# fmt: off
EPUB_ELEMENTS = {
    "html", "head", "meta", "title", "link", "body", "section", "nav", "header", "footer", "article",
    "aside", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "dl", "dt",
    "dd", "div", "span", "dfn", "q", "cite", "abbr", "small", "sub", "sup", "mark", "blockquote", "pre",
    "code", "hr", "table", "thead", "tbody", "tr", "th", "td", "em", "strong", "s", "a", "img", "br",
}
# ... and, whatever the vocabulary grows to, never these: they run code or take input.
FORBIDDEN_ELEMENTS = {
    "script", "style", "iframe", "object", "embed", "form", "input", "textarea", "button", "select",
    "frame", "frameset", "base", "svg", "math",
}
# fmt: on
PDF_ELEMENTS = EPUB_ELEMENTS


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("commonmark")


_NORMALISED: dict[int, object] = {}


def normalised(example: dict, folder: Path):
    """(guide, report) for an example, or the GuideError it raised; computed once per session."""
    number = example["example"]
    if number not in _NORMALISED:
        path = folder / f"example-{number}.md"
        report = Report(str(path))
        source = SourceText(path, commonmark_manuscript(example), "utf-8")
        try:
            _NORMALISED[number] = (apply_transforms(normalise(source, report)), report)
        except GuideError as exc:
            _NORMALISED[number] = exc
    result = _NORMALISED[number]
    if isinstance(result, GuideError):
        raise result
    return result


def local_names(root) -> Counter:
    names: Counter = Counter()
    for element in root.iter():
        if isinstance(element.tag, str):
            names[etree.QName(element).localname] += 1
    return names


def assert_inert(root, where: str) -> None:
    """No element that runs code or takes input, and no event-handler or javascript: attribute."""
    names = local_names(root)
    assert not set(names) & FORBIDDEN_ELEMENTS, (where, set(names) & FORBIDDEN_ELEMENTS)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, value in element.attrib.items():
            assert not etree.QName(attribute).localname.lower().startswith("on"), (where, attribute)
            assert not value.strip().lower().startswith("javascript:"), (where, attribute, value)


def section_documents(guide) -> dict[str, etree._Element]:
    """The guide's EPUB section documents (file name -> parsed XHTML), through the writer's own code:
    `section_pages` (sections, table of contents) and `page_xhtml` (each document's shell)."""
    labels = labels_for(guide.meta.language)
    pages, _ = section_pages(guide, labels, {}, prefix="")
    return {p.file_name: etree.fromstring(page_xhtml(p, guide.meta.language).encode("utf-8")) for p in pages}


def duplicate_ids(root) -> list[str]:
    ids = Counter(el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id"))
    return [value for value, count in ids.items() if count > 1]


@pytest.mark.parametrize("example", PARAMS)
def test_spec_example_renders_as_well_formed_xhtml(example, folder):
    try:
        guide, report = normalised(example, folder)
    except GuideError as exc:
        # A refusal is acceptable only as a recorded, located error diagnostic.
        diagnostic = exc.diagnostic
        assert diagnostic.severity == "error"
        assert diagnostic.code.startswith("E-") and diagnostic.message.strip()
        assert diagnostic.location.path.endswith(f"example-{example['example']}.md")
        return
    assert guide.meta.title == f"Example {example['example']}"
    assert not [d for d in report.items if d.severity == "error"]

    # EPUB: every section document, in its real XHTML shell, parses as XML (done by
    # section_documents) and stays in the writer's vocabulary.
    documents = section_documents(guide)
    assert {f"{section.anchor}.xhtml" for section in guide.sections} <= set(documents)
    for name, root in documents.items():
        assert root.tag == f"{{{XHTML_NS}}}html"
        assert root.get(XML_LANG) == "en"
        names = local_names(root)
        assert set(names) <= EPUB_ELEMENTS, (name, set(names) - EPUB_ELEMENTS)
        assert names["body"] == 1
        assert_inert(root, name)
        assert duplicate_ids(root) == [], name

    # PDF: the whole book as one HTML document, well-formed as XML too.
    book = etree.fromstring(book_html(guide).encode("utf-8"))
    names = local_names(book)
    assert set(names) <= PDF_ELEMENTS, set(names) - PDF_ELEMENTS
    assert_inert(book, "book_html")
    assert book.get("lang") == "en"
    assert duplicate_ids(book) == []
    # one <section> per guide section (plus the title page, and the index's place when one follows),
    # in order, each with its own heading
    section_ids = [el.get("id") for el in book.iter("section")]
    index = ["index"] if has_index(guide) else []
    assert section_ids == ["title", *(section.anchor for section in guide.sections), *index]


@pytest.mark.skipif(not EXAMPLES, reason=f"{SHARED_MISSING}: no {COMMONMARK}")
def test_corpus_is_complete():
    assert len(EXAMPLES) == 655
    assert [e["example"] for e in EXAMPLES] == list(range(1, 656))


@pytest.mark.skipif(not EXAMPLES, reason=f"{SHARED_MISSING}: no {COMMONMARK}")
def test_a_script_is_dropped_with_its_content_and_named(folder):
    example = next(e for e in EXAMPLES if e["markdown"].startswith("<script"))
    guide, report = normalised(example, folder)
    root = section_documents(guide)["summary.xhtml"]
    text = "".join(root.itertext())
    assert "script" not in local_names(root)
    assert "<script" not in text and "import Text" not in text  # neither the tag nor the code
    assert "okay" in text  # the author's text after it stays
    [dropped] = [d for d in report.items if d.code == "W-RAW-HTML"]
    assert "<script>" in dropped.message


@pytest.mark.parametrize(
    "tail",
    ["See [the notes][n].\n\n[n]: notes.html\n", '[foo]\n\n[foo]: /url "title"\n'],
    ids=["realistic", "spec-205-like"],
)
def test_trailing_link_reference_definitions_are_not_an_error(load, tail):
    # regression: reference definitions produce no tokens, and a manuscript ending with them used
    # to be refused with a false E-TOO-DEEP (55 of the 655 spec examples)
    guide, report = load("refs.md", "# The Lighthouse Keeper\n\n## Summary\n\n" + tail)
    assert not [d for d in report.items if d.severity == "error" or "DEEP" in d.code]
    assert guide.section("summary").blocks


def _all_text(section) -> str:
    from pipeline.model.text import plain_text
    from pipeline.model.walk import block_inlines, iter_blocks

    return " ".join(plain_text(inlines) for b in iter_blocks(section.blocks) for inlines in block_inlines(b))


@pytest.mark.parametrize("tail", ["", "\nafter\n"], ids=["at-end", "followed-by-text"])
def test_text_beyond_the_nesting_limit_is_never_lost_silently(load, tail):
    # regression: markdown-it drops what lies past maxNesting, and that loss used to go unreported
    text = "# The Lighthouse Keeper\n\n## Summary\n\n" + "> " * 150 + "deep\n" + tail
    try:
        guide, report = load("deep.md", text)
    except GuideError as exc:
        assert exc.diagnostic.code == "E-TOO-DEEP"
        return
    assert "deep" in _all_text(guide.section("summary"))
    if tail:
        assert "after" in _all_text(guide.section("summary"))
    too_deep = [d for d in report.items if "TOO-DEEP" in d.code]
    assert too_deep, report.items  # kept, and said so
    assert too_deep[0].location.line == 5


def test_nesting_within_the_limit_keeps_its_text(load):
    guide, report = load(
        "nested.md", "# The Lighthouse Keeper\n\n## Summary\n\n" + "> " * 60 + "deep\n\nafter\n"
    )
    text = _all_text(guide.section("summary"))
    assert "deep" in text and "after" in text
    assert not [d for d in report.items if d.severity == "error"]


def test_sub_heading_anchor_never_repeats_the_page_heading_id(load):
    # regression: the page heading's id ('{anchor}-heading') once collided with a sub-heading
    # called "Heading" (spec example 115 found it), which made the XHTML invalid
    text = "# The Lighthouse Keeper\n\n## Summary\n\nIntro.\n\n### Heading\n\nThe boat heads home.\n"
    guide, _ = load("heading.md", text)
    root = section_documents(guide)["summary.xhtml"]
    assert duplicate_ids(root) == []


# ---------------------------------------------------------------- whole EPUBs of a sample


@pytest.mark.skipif(not EXAMPLES, reason=f"{SHARED_MISSING}: no {COMMONMARK}")
@pytest.mark.parametrize("number", CM_EPUB_SAMPLE)
def test_sample_epub_documents_parse(commonmark_sample, number):
    with zipfile.ZipFile(commonmark_sample[number]) as archive:
        assert archive.infolist()[0].filename == "mimetype"
        names = archive.namelist()
        xml_names = [n for n in names if n.endswith((".xhtml", ".opf", ".ncx", ".xml"))]
        assert any(n.endswith("summary.xhtml") for n in names)
        for name in xml_names:
            etree.fromstring(archive.read(name))  # raises on anything malformed
        if number == 580:  # the local image travels into the book
            assert any(n.endswith((".jpg", ".jpeg")) and "cover" not in n for n in names)


@pytest.mark.skipif(not EXAMPLES, reason=f"{SHARED_MISSING}: no {COMMONMARK}")
@pytest.mark.parametrize("number", CM_EPUBCHECK_SAMPLE)
def test_sample_epub_passes_epubcheck(commonmark_sample, epubcheck_pool, number):
    result = epubcheck_pool.result(commonmark_sample[number])
    assert epubcheck_problems(result) == []
