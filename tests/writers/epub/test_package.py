"""An EPUB's package metadata (pipeline.writers.epub.package): what it says of the book, the
accessibility claims that hold for it, and the same values as the shelf reads them."""

from __future__ import annotations

import datetime as dt

from ebooklib import epub

from pipeline.model import guide as m
from pipeline.writers.epub.package import BookInfo, describe_book, package_metadata

INFO = BookInfo(
    "urn:uuid:1",
    "بوف کور",
    "fa",
    ("صادق هدایت", "Second Author"),
    ("Novel",),
    "A study guide.",
    b"jpeg",
    "Cover",
    reading_time="4 hours",
)


def guide(described: bool) -> m.Guide:
    return m.Guide("x.md", "markdown", m.Metadata("T"), (), images=("a.png",), images_described=described)


def metadata(book: epub.EpubBook) -> list[tuple[str, str]]:
    """(property or name, value) of every <meta> the package will hold."""
    return [
        (attributes.get("property") or attributes.get("name"), value or attributes.get("content"))
        for value, attributes in book.metadata[None]["meta"]
    ]


def test_identity_direction_creators_and_subjects():
    book = epub.EpubBook()
    describe_book(book, INFO, (), has_images=False)
    assert book.direction == "rtl"  # page turns go leftwards
    creators = book.get_metadata("DC", "creator")
    assert [c[0] for c in creators] == ["صادق هدایت", "Second Author"]
    assert [c[1]["id"] for c in creators] == ["creator", "creator-2"]
    assert book.get_metadata("DC", "subject") == [("Novel", None)]
    assert ("study-guide:reading-time", "4 hours") in metadata(book)


def test_claims_only_what_holds_for_the_images():
    described, undescribed = epub.EpubBook(), epub.EpubBook()
    describe_book(described, INFO, (guide(True),), has_images=True)
    describe_book(undescribed, INFO, (guide(False),), has_images=True)
    good, bad = metadata(described), metadata(undescribed)
    assert ("schema:accessibilityFeature", "alternativeText") in good
    assert ("schema:accessModeSufficient", "textual") in good
    assert ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.2 Level AA") in good
    assert ("schema:accessibilityFeature", "alternativeText") not in bad
    assert ("schema:accessModeSufficient", "textual,visual") in bad
    assert not [key for key, _ in bad if key == "dcterms:conformsTo"]


def test_the_shelf_reads_the_same_values():
    moment = dt.datetime(2024, 2, 29, 13, 45, 58, tzinfo=dt.UTC)
    values = package_metadata(INFO, moment)
    assert values["titles"] == ("بوف کور",) and values["authors"] == INFO.authors
    assert values["modified"] == "2024-02-29T13:45:58Z" and values["reading_time"] == "4 hours"
    assert package_metadata(BookInfo("i", "t", "en", (), (), "d", b"", "c"), moment)["reading_time"] == ""


def test_a_left_to_right_book_says_nothing_of_direction():
    book = epub.EpubBook()
    describe_book(book, BookInfo("i", "t", "en", (), (), "d", b"", "c"), (), has_images=False)
    assert book.direction is None
