"""An EPUB's package metadata: what it says of the book (Dublin Core, reading time) and the EPUB
Accessibility 1.1 claims that hold for it; and the same values as the shelf reads them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ebooklib import epub

from pipeline.i18n.direction import text_direction
from pipeline.model import guide as m


@dataclass(frozen=True, slots=True)
class BookInfo:
    """What the package metadata says: one guide's, or a volume's."""

    identifier: str
    title: str
    language: str
    authors: tuple[str, ...]
    subjects: tuple[str, ...]
    description: str
    cover: bytes
    cover_alt: str
    reading_time: str | None = None
    publisher: str = "Study Guide Pipeline"


def package_metadata(info: BookInfo, moment: dt.datetime) -> dict[str, object]:
    """The Dublin Core values write_book puts in the package document, as the shelf reads them."""
    return {
        "identifiers": (info.identifier,),
        "titles": (info.title,),
        "authors": info.authors,
        "languages": (info.language,),
        "descriptions": (info.description,),
        "subjects": info.subjects,
        "modified": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),  # as ebooklib writes dcterms:modified
        "reading_time": info.reading_time or "",
    }


def describe_book(book: epub.EpubBook, info: BookInfo, guides: tuple[m.Guide, ...], has_images: bool) -> None:
    """Put the package metadata on `book`: identity, direction, creators, subjects, then accessibility."""
    book.set_identifier(info.identifier)
    book.set_title(info.title)
    book.set_language(info.language)
    if text_direction(info.language) == "rtl":  # page turns go leftwards: spine page-progression-direction
        book.set_direction("rtl")
    for number, author in enumerate(info.authors, 1):
        book.add_author(author, uid="creator" if number == 1 else f"creator-{number}")
    for subject in info.subjects:
        book.add_metadata("DC", "subject", subject)
    book.add_metadata("DC", "description", info.description)
    book.add_metadata("DC", "publisher", info.publisher)
    book.add_metadata("DC", "type", "Study guide")
    if info.reading_time:  # for the catalogue, which is made from the EPUBs alone
        book.add_metadata(
            None, "meta", "", {"name": "study-guide:reading-time", "content": info.reading_time}
        )
    _accessibility(book, guides, has_images)


def _accessibility(book: epub.EpubBook, guides: tuple[m.Guide, ...], has_images: bool) -> None:
    """EPUB Accessibility 1.1 metadata that is true of what this writer produces.

    Conformance, the alternativeText feature and text as a sufficient mode are claimed only
    when they hold: every image must carry a text alternative. Headings in order, landmarks,
    language and contrast hold for every guide by construction and are checked by the test
    suite with EPUBCheck and DAISY Ace.
    """
    described = all(guide.images_described for guide in guides)
    modes = ["textual", "visual"] if has_images else ["textual"]
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if has_images and described:
        features.append("alternativeText")
    for mode in modes:
        book.add_metadata(None, "meta", mode, {"property": "schema:accessMode"})
    # An image without a text alternative means text alone no longer carries everything.
    sufficient = "textual" if described else "textual,visual"
    book.add_metadata(None, "meta", sufficient, {"property": "schema:accessModeSufficient"})
    for feature in features:
        book.add_metadata(None, "meta", feature, {"property": "schema:accessibilityFeature"})
    book.add_metadata(None, "meta", "none", {"property": "schema:accessibilityHazard"})
    if not has_images:
        images = "it has no images besides the cover. "
    elif described:
        images = "every image has a text alternative. "
    else:
        images = "some images have no text alternative. "
    summary = (
        "A study guide in reflowable text with a navigable table of contents, headings in order, "
        "landmarks and semantic sections; " + images + "No hazards."
    )
    book.add_metadata(None, "meta", summary, {"property": "schema:accessibilitySummary"})
    if described:
        book.add_metadata(
            None, "meta", "EPUB Accessibility 1.1 - WCAG 2.2 Level AA", {"property": "dcterms:conformsTo"}
        )
        book.add_metadata(
            None,
            "meta",
            "Study Guide Pipeline (automated: EPUBCheck, DAISY Ace)",
            {"property": "a11y:certifiedBy"},
        )
