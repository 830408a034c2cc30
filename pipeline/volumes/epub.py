"""A volume of several guides -> one EPUB: volume title page, a part per guide, a combined index."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.i18n.collation import group_by_letter
from pipeline.i18n.labels import labels_for
from pipeline.model.guide import Metadata
from pipeline.volumes.collection import Volume
from pipeline.volumes.index import volume_index
from pipeline.writers.cover.cover import cover_image
from pipeline.writers.epub.book import BookPlan, write_book
from pipeline.writers.epub.package import BookInfo
from pipeline.writers.epub.pages import Page, image_files, section_pages
from pipeline.writers.render import render
from pipeline.writers.theme import Theme


def build_volume_epub(volume: Volume, target: Path, theme: Theme, moment: dt.datetime) -> None:
    """Write the volume's EPUB to `target` atomically."""
    labels = labels_for(volume.language)
    front = [
        Page(
            "titlepage",
            "titlepage.xhtml",
            labels["title_page"],
            render(
                "epub_volume_titlepage.xhtml.jinja", title=volume.title, guides=volume.guides, labels=labels
            ),
        )
    ]
    body: list[Page] = []
    toc: list[dict] = []
    images: dict[str, tuple[Path, str]] = {}
    files: dict[str, str] = {}  # anchor -> document, for the index
    for index, guide in enumerate(volume.guides):
        prefix = volume.part_prefix(index)
        guide_labels = labels_for(guide.meta.language)
        part_images = image_files(guide, prefix)
        images.update(part_images)
        part_file = f"{prefix}part.xhtml"
        part = Page(
            f"{prefix}part",
            part_file,
            guide.meta.title,
            render(
                "epub_part.xhtml.jinja",
                anchor=f"{prefix}part",
                meta=guide.meta,
                part_label=guide_labels["study_guide"],
            ),
            language=guide.meta.language,
        )
        pages, guide_toc = section_pages(guide, guide_labels, part_images, prefix)
        body += [part, *pages]
        toc.append({"href": part_file, "title": guide.meta.title, "children": guide_toc})
        for section in guide.sections:
            files[section.anchor] = f"{section.anchor}.xhtml"
            for entry in section.entries:
                files[entry.anchor] = f"{section.anchor}.xhtml"
    entries = volume_index(volume, labels["theme"])
    if entries:
        items = [
            {
                "term": entry.term,
                "note": entry.note,
                "links": [
                    {
                        "href": f"{files[anchor]}#{anchor}"
                        if files[anchor] != f"{anchor}.xhtml"
                        else files[anchor],
                        "label": volume.guides[book].meta.title,
                    }
                    for book, anchor in entry.targets
                ],
            }
            for entry in entries
        ]
        body.append(
            Page(
                "index",
                "index.xhtml",
                labels["index"],
                render("epub_index.xhtml.jinja", groups=group_by_letter(items), labels=labels),
            )
        )
        toc.append({"href": "index.xhtml", "title": labels["index"], "children": []})
    cover_meta = Metadata(title=volume.title, authors=(), language=volume.language)
    info = BookInfo(
        volume.identifier,
        volume.title,
        volume.language,
        volume.authors,
        volume.subjects,
        f"{labels['collection']}: " + "; ".join(g.meta.title for g in volume.guides),
        cover_image(cover_meta, theme, labels["collection"]),
        f"{labels['cover']}: {volume.title}",
    )
    extra = ({"type": "index", "href": "index.xhtml", "title": labels["index"]},) if entries else ()
    write_book(
        BookPlan(
            info=info,
            front=tuple(front),
            body=tuple(body),
            toc=tuple(toc),
            images=images,
            guides=tuple(volume.guides),
            body_start=body[0].file_name,
            target=target,
            theme=theme,
            moment=moment,
            extra_landmarks=extra,
        )
    )
