"""The package document and NCX written as text (package_text) are the bytes ebooklib's lxml
writer gives for the same book; a book they do not cover is left to ebooklib."""

from __future__ import annotations

import datetime as dt

import pytest
from ebooklib import epub

from pipeline.model import guide as m
from pipeline.writers.epub.documents import PinnedWriter, TemplateDocument
from pipeline.writers.epub.package import BookInfo, describe_book
from pipeline.writers.epub.package_text import ncx_text, package_text

MOMENT = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
HOSTILE = "Tom & Jerry <b>\"quoted\"</b> 'x' > y\ttab\nline\rcr 😀 ﷽"


def _book(title: str, language: str, authors: tuple[str, ...], toc: list) -> epub.EpubBook:
    info = BookInfo("urn:uuid:1" + title[:3], title, language, authors, ("A & B", "Ω"), title, b"j", "Cover")
    book = epub.EpubBook()
    described = m.Guide("x.md", "markdown", m.Metadata("T"), (), images=("a.png",), images_described=True)
    describe_book(book, info, (described,), has_images=bool(authors))
    book.add_item(epub.EpubItem(uid="css", file_name="css/guide.css", media_type="text/css", content=b""))
    cover = epub.EpubCover(file_name="images/cover.jpg")
    cover.media_type = "image/jpeg"
    book.add_item(cover)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": cover.id})
    documents = [
        TemplateDocument("cover", "cover.xhtml", title, "<p/>", language, ("svg",)),
        TemplateDocument("nav", "nav.xhtml", "Contents", "<p/>", language, ("nav",)),
        TemplateDocument("s1", "s1.xhtml", title, "<p/>", language),
    ]
    for document in documents:
        book.add_item(document)
    book.spine = documents
    book.add_item(epub.EpubNcx())
    book.toc = toc
    book.guide = [
        {"type": "cover", "href": "cover.xhtml", "title": title},
        {"type": "text", "href": "s1.xhtml"},
    ]
    return book


def _lxml_package(writer: PinnedWriter) -> bytes:
    written: dict[str, bytes] = {}

    class Out:
        def writestr(self, name, data):
            written[name] = data

    writer.out = Out()
    epub.EpubWriter._write_opf(writer)  # ebooklib's own, through PinnedWriter's _write_opf_file
    return written["EPUB/content.opf"]


NESTED = [
    epub.Link("s1.xhtml", HOSTILE, "ncx-1"),
    (
        epub.Link("s1.xhtml", "Parts", "ncx-2"),
        [epub.Link("s1.xhtml#a", "One", "ncx-2-1"), epub.Link("s1.xhtml#b", "", "ncx-2-2")],
    ),
    (epub.Link("s2.xhtml", "More", "ncx-3"), [epub.Link("s2.xhtml#c", "Three", "ncx-3-1")]),
]
BOOKS = {
    "hostile": (HOSTILE, "en", ("A & <B>", 'C "D"'), NESTED),
    "right to left": ("بوف کور", "fa", ("صادق هدایت",), NESTED[:1]),
    "no authors, no toc": ("", "ja", (), []),
}


@pytest.mark.parametrize("name", BOOKS)
def test_the_package_document_and_ncx_are_ebooklibs_bytes(name):
    book = _book(*BOOKS[name])
    writer = PinnedWriter("unused.epub", book, MOMENT)
    text = package_text(writer, MOMENT.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert text is not None
    assert text.encode("utf-8") == _lxml_package(writer)
    ncx = ncx_text(book, play_order=False)
    assert ncx is not None
    assert ncx.encode("utf-8") == epub.EpubWriter._get_ncx(writer)


def test_a_text_lxml_refuses_is_left_to_ebooklib():
    book = _book("Title", "en", ("A",), [epub.Link("s1.xhtml", "Bell \x07", "ncx-1")])
    book.add_metadata("DC", "description", "Bell \x07")  # ebooklib writes the element without it
    writer = PinnedWriter("unused.epub", book, MOMENT)
    assert package_text(writer, "2023-11-14T22:13:20Z") is None
    assert ncx_text(book, play_order=False) is None
    written: dict[str, bytes] = {}

    class Out:
        def writestr(self, name, data):
            written[name] = data

    writer.out = Out()
    writer._write_opf()  # falls back to ebooklib: its bytes, which leave the text out
    assert written["EPUB/content.opf"] == _lxml_package(writer)
    assert b"Bell" not in written["EPUB/content.opf"]
    with pytest.raises(ValueError):  # as before: lxml refuses it in the NCX
        writer._get_ncx()
