"""A guide's EPUB documents: one per section (a long section split at its sub-headings), with each
footnote in the document that first calls it, the guide's table of contents, its images' places in
the container, and the XHTML shell every document is written in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.i18n.direction import text_direction
from pipeline.model import guide as m
from pipeline.model.excerpt import guide_length
from pipeline.model.text import plain_text
from pipeline.model.walk import block_inlines, iter_blocks, iter_inline_tree
from pipeline.writers.render import fill
from pipeline.writers.xhtml import SEMANTICS, XhtmlWriter, esc, markup

CSS_HREF = "css/guide.css"


@dataclass(frozen=True, slots=True)
class Page:
    """One XHTML document of the book, before its shell (page_xhtml) is put around it."""

    uid: str
    file_name: str
    title: str
    body: str
    properties: tuple[str, ...] = ()
    toc_entries: tuple[dict, ...] = ()  # only the nav page has these: the NCX is built from them
    language: str = ""  # a volume's guides may each be in their own language


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
        body = fill(
            "epub_section.xhtml.jinja",
            {
                "kind": section.kind,
                "level": 2 if part.heading else 1,
                "epub_type": epub_type,
                "role": role,
                "notes_label": labels["notes"],
            },
            anchor=part.uid,
            heading=markup(heading),
            content=markup(content),
            notes=markup(writer.notes_aside(sorted(homed))) if homed else "",
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


def first_body_href(guide: m.Guide) -> str:
    """The document where the guide's body starts: its first section that is not the at-a-glance page."""
    body = next((s for s in guide.sections if s.kind != "info"), guide.sections[0])
    return f"{body.anchor}.xhtml"


def page_xhtml(page: Page, language: str) -> str:
    """The page as a whole XHTML document: language, direction, title and the theme's stylesheet."""
    body_class = page.uid if page.uid in ("cover", "titlepage", "nav") else "section-page"
    return fill(
        "epub_page.xhtml.jinja",
        {
            "lang": language,
            "direction": text_direction(language),
            "css_href": CSS_HREF,
            "body_class": body_class,
        },
        title=page.title,
        body=markup(page.body),
    )
