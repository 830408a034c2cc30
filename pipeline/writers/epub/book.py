"""Guide -> EPUB 3 with ebooklib: our own XHTML documents, nav and cover; pinned for reproducibility."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ebooklib import epub

from pipeline.files.atomic import atomic_path
from pipeline.files.images import IMAGE_TYPES, image_bytes
from pipeline.i18n.direction import text_direction
from pipeline.i18n.labels import labels_for
from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.model.excerpt import description, guide_length
from pipeline.model.text import plain_text
from pipeline.model.walk import block_inlines, iter_blocks, iter_inline_tree
from pipeline.writers.cover.cover import cover_image
from pipeline.writers.epub.ocf_zip import OcfZip
from pipeline.writers.render import render
from pipeline.writers.theme import Theme
from pipeline.writers.xhtml import SEMANTICS, XhtmlWriter, esc, markup

CSS_HREF = "css/guide.css"


class _Document(epub.EpubHtml):
    """An XHTML document written exactly as our templates made it (ebooklib would rebuild <head>)."""

    def __init__(self, uid: str, file_name: str, title: str, content: str, language: str, properties=()):
        super().__init__(uid=uid, file_name=file_name, title=title, lang=language)
        self.media_type = "application/xhtml+xml"  # given, so ebooklib need not guess (see write_book)
        self.content = content.encode("utf-8")
        self.properties = list(properties)

    def get_content(self, default=None) -> bytes:
        return self.content


class _Writer(epub.EpubWriter):
    def __init__(self, name: str, book: epub.EpubBook, moment: dt.datetime) -> None:
        super().__init__(
            name,
            book,
            {"mtime": moment, "epub3_landmark": False, "epub3_pages": False, "package_direction": True},
        )
        self.moment = moment

    def _write_opf_file(self, root) -> None:
        # ebooklib leaves the package element without xml:lang; accessibility checkers want it.
        root.set("{http://www.w3.org/XML/1998/namespace}lang", self.book.language)
        super()._write_opf_file(root)

    def write(self) -> None:
        # One fixed timestamp on every entry, so equal input gives equal bytes.
        self.out = OcfZip(self.file_name, self.moment.timetuple()[:6])
        try:
            self.out.writestr("mimetype", "application/epub+zip")
            self._write_container()
            self._write_opf()
            self._write_items()
        except BaseException:
            self.out.abandon()
            raise
        self.out.close()


@dataclass(frozen=True, slots=True)
class Page:
    uid: str
    file_name: str
    title: str
    body: str
    properties: tuple[str, ...] = ()
    toc_entries: tuple[dict, ...] = ()  # only the nav page has these: the NCX is built from them
    language: str = ""  # a volume's guides may each be in their own language


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
    front = [
        Page(
            "titlepage",
            "titlepage.xhtml",
            labels["title_page"],
            render("epub_titlepage.xhtml.jinja", meta=meta, labels=labels),
        )
    ]
    body_start = _first_body_href(guide, "")
    write_book(info, front, sections, toc, images, [guide], body_start, target, theme, moment)
    return info


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


def write_book(
    info: BookInfo,
    front: list[Page],
    body: list[Page],
    toc: list[dict],
    images: dict[str, tuple[Path, str]],
    guides: list[m.Guide],
    body_start: str,
    target: Path,
    theme: Theme,
    moment: dt.datetime,
    extra_landmarks: tuple[dict, ...] = (),
) -> None:
    """Assemble cover, front matter, nav and body into an EPUB written atomically to `target`."""
    labels = labels_for(info.language)
    book = epub.EpubBook()
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
    _accessibility(book, guides, has_images=bool(images))

    book.add_item(
        epub.EpubItem(uid="css", file_name=CSS_HREF, media_type="text/css", content=theme.epub_css())
    )
    # What book.set_cover(..., create_page=False) does, with the media type given: ebooklib would
    # guess it, and its first guess loads the system's MIME tables (2 ms a process).
    cover_image_item = epub.EpubCover(file_name="images/cover.jpg")
    cover_image_item.media_type = "image/jpeg"
    cover_image_item.content = info.cover
    book.add_item(cover_image_item)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": cover_image_item.id})
    for uid, (source, href) in images.items():
        media_type = IMAGE_TYPES[Path(href).suffix.lower()]
        book.add_item(
            epub.EpubItem(uid=uid, file_name=href, media_type=media_type, content=image_bytes(source))
        )

    cover = Page(
        "cover",
        "cover.xhtml",
        labels["cover"],
        render("epub_cover.xhtml.jinja", image_href="images/cover.jpg", alt=info.cover_alt),
    )
    landmarks = [
        {"type": "cover", "href": "cover.xhtml", "title": labels["cover"]},
        {"type": "titlepage", "href": front[0].file_name, "title": labels["title_page"]},
        {"type": "toc", "href": "nav.xhtml#toc", "title": labels["contents"]},
        {"type": "bodymatter", "href": body_start, "title": labels["start"]},
        *extra_landmarks,
    ]
    nav = Page(
        "nav",
        "nav.xhtml",
        labels["contents"],
        render("epub_nav.xhtml.jinja", toc=toc, landmarks=landmarks, labels=labels),
        ("nav",),
        tuple(toc),
    )
    pages = [cover, *front, nav, *body]
    documents = [
        _Document(
            page.uid,
            page.file_name,
            page.title,
            _shell(page, page.language or info.language),
            page.language or info.language,
            page.properties,
        )
        for page in pages
    ]
    for document in documents:
        book.add_item(document)
    book.spine = documents
    book.add_item(epub.EpubNcx())
    book.toc = _ncx_toc(toc)
    book.guide = [
        {"type": "cover", "href": "cover.xhtml", "title": labels["cover"]},
        {"type": "toc", "href": "nav.xhtml", "title": labels["contents"]},
        {"type": "text", "href": body_start, "title": labels["start"]},
    ]
    with atomic_path(target) as temporary:
        writer = _Writer(str(temporary), book, moment)
        writer.process()
        writer.write()


def _accessibility(book: epub.EpubBook, guides: list[m.Guide], has_images: bool) -> None:
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


def image_files(guide: m.Guide, prefix: str) -> dict[str, tuple[Path, str]]:
    """Manifest id -> (source file, href in the EPUB) for each local image the guide uses."""
    folder = Path(guide.source).parent
    out: dict[str, tuple[Path, str]] = {}
    for index, src in enumerate(guide.images, 1):
        suffix = Path(src).suffix.lower()
        out[f"{prefix}image-{index}"] = (folder / src, f"images/{prefix}image-{index}{suffix}")
    return out


# A section whose XHTML grows past this is split at its sub-headings: e-readers paginate a
# document at a time, and a huge one makes page turns slow on old devices.
SPLIT_CHARS = 40_000


@dataclass(frozen=True, slots=True)
class _Part:
    """One XHTML document of a section: the whole section, or one sub-heading of a long one."""

    section: m.Section
    uid: str
    blocks: tuple[m.Block, ...]
    heading: m.Heading | None = None

    @property
    def file_name(self) -> str:
        return f"{self.uid}.xhtml"


def _parts(section: m.Section) -> list[_Part]:
    heads = [i for i, b in enumerate(section.blocks) if isinstance(b, m.Heading) and b.level == 1]
    whole = [_Part(section, section.anchor, section.blocks)]
    if not heads or section.kind in ("info", "characters", "glossary"):
        return whole  # nowhere to split, or never split: no need to measure the text
    size = sum(len(plain_text(inlines)) for b in iter_blocks(section.blocks) for inlines in block_inlines(b))
    if size < SPLIT_CHARS:
        return whole
    parts = [_Part(section, section.anchor, section.blocks[: heads[0]])]
    for index, start in enumerate(heads):
        stop = heads[index + 1] if index + 1 < len(heads) else len(section.blocks)
        heading = section.blocks[start]
        assert isinstance(heading, m.Heading)
        parts.append(_Part(section, heading.anchor, section.blocks[start + 1 : stop], heading))
    return parts


def section_pages(
    guide: m.Guide, labels: dict[str, str], images: dict[str, tuple[Path, str]], prefix: str
) -> tuple[list[Page], list[dict]]:
    """One document per section (or per part of a long one), and the guide's table of contents."""
    meta = guide.meta
    folder = Path(guide.source).parent
    image_hrefs = {str(source): href for source, href in images.values()}
    notes = {note.number: note for note in guide.notes}
    parts = [part for section in guide.sections for part in _parts(section)]
    note_homes = _note_homes(parts) if notes else {}  # most guides have no notes: no need to walk them
    entry_files = {
        e.anchor: part.file_name for part in parts if part.heading is None for e in part.section.entries
    }
    writer = XhtmlWriter(
        "epub",
        meta.language,
        notes,
        image_href=lambda src: image_hrefs.get(str(folder / src), src),
        note_href=lambda n: f"{note_homes.get(n, '')}#{prefix}note-{n}",
        anchor_href=lambda anchor: f"{entry_files.get(anchor, '')}#{anchor}",
        id_prefix=prefix,
    )
    unreferenced = sorted(set(notes) - set(note_homes))
    pages = []
    for index, part in enumerate(parts):
        section = part.section
        epub_type, role = SEMANTICS[section.kind]
        if section.kind == "info":
            content = writer.glance(meta, section, guide_length(guide))
        elif part.heading is None and len(part.blocks) == len(section.blocks):
            content = writer.section_body(section)
        else:
            content = writer.blocks(part.blocks)
        homed = [n for n, home in note_homes.items() if home == part.file_name]
        homed += unreferenced if index == len(parts) - 1 else []
        heading = writer.inlines(part.heading.inlines) if part.heading else esc(section.title)
        body = render(
            "epub_section.xhtml.jinja",
            anchor=part.uid,
            kind=section.kind,
            heading=markup(heading),
            level=2 if part.heading else 1,
            epub_type=epub_type,
            role=role,
            content=markup(content),
            notes=markup(writer.notes_aside(sorted(homed))) if homed else "",
            labels=labels,
        )
        title = plain_text(part.heading.inlines) if part.heading else section.title
        pages.append(Page(part.uid, part.file_name, title, body, language=meta.language))
    return pages, _toc(parts)


def _toc(parts: list[_Part]) -> list[dict]:
    """One entry per section, with its sub-headings (in whichever document each one lives)."""
    toc: list[dict] = []
    for part in parts:
        if part.heading is None:
            toc.append({"href": part.file_name, "title": part.section.title, "children": []})
            toc[-1]["children"].extend(
                {"href": f"{part.file_name}#{b.anchor}", "title": plain_text(b.inlines)}
                for b in part.blocks
                if isinstance(b, m.Heading) and b.level == 1 and b.anchor
            )
        else:
            toc[-1]["children"].append({"href": part.file_name, "title": plain_text(part.heading.inlines)})
    return toc


def _note_homes(parts: list[_Part]) -> dict[int, str]:
    """Each footnote lives in the document that first refers to it."""
    homes: dict[int, str] = {}
    for part in parts:
        inline_groups = [inlines for b in iter_blocks(part.blocks) for inlines in block_inlines(b)]
        if part.heading is None:
            inline_groups += [entry.body for entry in part.section.entries]
        for inlines in inline_groups:
            for inline in iter_inline_tree(inlines):
                if isinstance(inline, m.NoteRef):
                    homes.setdefault(inline.number, part.file_name)
    return homes


def _first_body_href(guide: m.Guide, prefix: str) -> str:
    body = next((s for s in guide.sections if s.kind != "info"), guide.sections[0])
    return f"{body.anchor}.xhtml"


def _ncx_toc(entries: list[dict], number_prefix: str = "ncx") -> list:
    """The NCX mirrors the nav: entries, with their children nested under them."""
    out: list = []
    for number, entry in enumerate(entries, 1):
        uid = f"{number_prefix}-{number}"
        link = epub.Link(entry["href"], entry["title"], uid)
        children = _ncx_toc(entry["children"], uid) if entry.get("children") else []
        out.append((link, children) if children else link)
    return out


def _shell(page: Page, language: str) -> str:
    body_class = page.uid if page.uid in ("cover", "titlepage", "nav") else "section-page"
    return render(
        "epub_page.xhtml.jinja",
        lang=language,
        direction=text_direction(language),
        title=page.title,
        css_href=CSS_HREF,
        body=markup(page.body),
        body_class=body_class,
    )
