"""Guide -> EPUB 3 with ebooklib: our own XHTML documents, nav and cover; pinned for reproducibility.

A book is planned first (a BookPlan: what goes in it and where it is written) and then written by
write_book; build_epub plans one guide's, volumes/ plans a volume's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ebooklib import epub

from pipeline.files.atomic import atomic_path
from pipeline.files.images import IMAGE_TYPES, image_bytes
from pipeline.i18n.labels import labels_for
from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.model.excerpt import description
from pipeline.writers.cover.cover import HEIGHT, WIDTH, cover_image
from pipeline.writers.epub.documents import PinnedWriter, TemplateDocument
from pipeline.writers.epub.package import BookInfo, describe_book
from pipeline.writers.epub.pages import (
    CSS_HREF,
    Page,
    first_body_href,
    image_files,
    page_xhtml,
    section_pages,
)
from pipeline.writers.render import fill, render
from pipeline.writers.theme import Theme


@dataclass(frozen=True, slots=True)
class BookPlan:
    """One EPUB to write: its metadata, its documents in reading order, and where it goes."""

    info: BookInfo
    front: tuple[Page, ...]  # the title page first: a landmark points at it
    body: tuple[Page, ...]
    toc: tuple[dict, ...]  # {href, title, children}, nested one level
    images: Mapping[str, tuple[Path, str]]  # manifest id -> (source file, href in the EPUB)
    guides: tuple[m.Guide, ...]  # what the accessibility claims must hold for
    body_start: str  # the href of the first body document
    target: Path
    theme: Theme
    moment: dt.datetime  # the modified date and every ZIP entry's timestamp
    extra_landmarks: tuple[dict, ...] = ()


def build_epub(
    guide: m.Guide,
    target: Path,
    theme: Theme,
    moment: dt.datetime,
    publisher: str = "Study Guide Pipeline",
    report: Report | None = None,
) -> BookInfo:
    """Write the guide's EPUB to `target` atomically; returns what its package metadata says.

    `report` takes the warnings of the writing (a cover drawn without a text it cannot lay out).
    """
    meta = guide.meta
    labels = labels_for(meta.language)
    images = image_files(guide, "")
    sections, toc = section_pages(guide, labels, images, prefix="")
    info = BookInfo(
        meta.identifier,
        meta.title,
        meta.language,
        meta.authors,
        meta.genres,
        description(guide),
        cover_image(meta, theme, labels["study_guide"], report),
        f"{labels['cover']}: {meta.title}" + (f", {', '.join(meta.authors)}" if meta.authors else ""),
        meta.reading_time,
        publisher,
    )
    title_page = Page(
        "titlepage",
        "titlepage.xhtml",
        labels["title_page"],
        fill(
            "epub_titlepage.xhtml.jinja",
            {"study_guide": labels["study_guide"]},
            title=meta.title,
            subtitle=meta.subtitle or "",
            has_authors=bool(meta.authors),  # a list of one empty name still prints its line
            authors=", ".join(meta.authors),
            year_text=meta.year_text or "",
        ),
    )
    write_book(
        BookPlan(
            info=info,
            front=(title_page,),
            body=tuple(sections),
            toc=tuple(toc),
            images=images,
            guides=(guide,),
            body_start=first_body_href(guide),
            target=target,
            theme=theme,
            moment=moment,
        )
    )
    return info


def write_book(plan: BookPlan) -> None:
    """Assemble cover, front matter, nav and body into an EPUB written atomically to `plan.target`."""
    info = plan.info
    labels = labels_for(info.language)
    book = epub.EpubBook()
    describe_book(book, info, plan.guides, has_images=bool(plan.images))

    book.add_item(
        epub.EpubItem(uid="css", file_name=CSS_HREF, media_type="text/css", content=plan.theme.epub_css())
    )
    # What book.set_cover(..., create_page=False) does, with the media type given: ebooklib would
    # guess it, and its first guess loads the system's MIME tables (2 ms a process).
    cover_image_item = epub.EpubCover(file_name="images/cover.jpg")
    cover_image_item.media_type = "image/jpeg"
    cover_image_item.content = info.cover
    book.add_item(cover_image_item)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": cover_image_item.id})
    for uid, (source, href) in plan.images.items():
        media_type = IMAGE_TYPES[Path(href).suffix.lower()]
        book.add_item(
            epub.EpubItem(uid=uid, file_name=href, media_type=media_type, content=image_bytes(source))
        )

    # The cover page fills the reader's screen whatever its shape: the image in an SVG viewport of
    # its own size, scaled to fit and centred (preserveAspectRatio), as Standard Ebooks and calibre
    # make it; an <img> sat at the top of a phone screen with 40 % of it blank below.
    cover = Page(
        "cover",
        "cover.xhtml",
        labels["cover"],
        # The same page around each book's alt text: its shell rendered once (render.fill).
        fill(
            "epub_cover.xhtml.jinja",
            {"image_href": "images/cover.jpg", "width": WIDTH, "height": HEIGHT},
            alt=info.cover_alt,
        ),
        ("svg",),
    )
    landmarks = [
        {"type": "cover", "href": "cover.xhtml", "title": labels["cover"]},
        {"type": "titlepage", "href": plan.front[0].file_name, "title": labels["title_page"]},
        {"type": "toc", "href": "nav.xhtml#toc", "title": labels["contents"]},
        {"type": "bodymatter", "href": plan.body_start, "title": labels["start"]},
        *plan.extra_landmarks,
    ]
    nav = Page(
        "nav",
        "nav.xhtml",
        labels["contents"],
        render("epub_nav.xhtml.jinja", toc=plan.toc, landmarks=landmarks, labels=labels),
        ("nav",),
        plan.toc,
    )
    pages = [cover, *plan.front, nav, *plan.body]
    documents = [
        TemplateDocument(
            page.uid,
            page.file_name,
            page.title,
            page_xhtml(page, page.language or info.language),
            page.language or info.language,
            page.properties,
        )
        for page in pages
    ]
    for document in documents:
        book.add_item(document)
    book.spine = documents
    book.add_item(epub.EpubNcx())
    book.toc = _ncx_toc(plan.toc)
    book.guide = [
        {"type": "cover", "href": "cover.xhtml", "title": labels["cover"]},
        {"type": "toc", "href": "nav.xhtml", "title": labels["contents"]},
        {"type": "text", "href": plan.body_start, "title": labels["start"]},
    ]
    with atomic_path(plan.target) as temporary:
        writer = PinnedWriter(str(temporary), book, plan.moment)
        writer.process()
        writer.write()


def _ncx_toc(entries: tuple[dict, ...] | list[dict], number_prefix: str = "ncx") -> list:
    """The NCX mirrors the nav: entries, with their children nested under them."""
    out: list = []
    for number, entry in enumerate(entries, 1):
        uid = f"{number_prefix}-{number}"
        link = epub.Link(entry["href"], entry["title"], uid)
        children = _ncx_toc(entry["children"], uid) if entry.get("children") else []
        out.append((link, children) if children else link)
    return out
