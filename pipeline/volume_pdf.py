"""A volume of several guides -> one PDF: title page, combined contents, the parts, a combined index."""

from __future__ import annotations

from pathlib import Path

from pipeline.collection import Volume
from pipeline.diagnostics import Report
from pipeline.direction import text_direction
from pipeline.labels import labels_for
from pipeline.pdf import (
    PrintOptions,
    _mentions,
    anchor_pages,
    append_index,
    index_rows,
    render_document,
    render_index,
    section_fragments,
    warn_missing_fonts,
    write_document,
)
from pipeline.render import render
from pipeline.theme import Theme
from pipeline.volume_index import volume_index


def volume_html(volume: Volume) -> str:
    labels = labels_for(volume.language)
    parts = [
        {
            "meta": g.meta,
            "anchor": f"{volume.part_prefix(i)}part",
            "direction": text_direction(g.meta.language),
            "sections": section_fragments(g, volume.part_prefix(i)),
        }
        for i, g in enumerate(volume.guides)
    ]
    return render(
        "pdf_volume.html.jinja",
        lang=volume.language,
        direction=text_direction(volume.language),
        title=volume.title,
        authors=volume.authors,
        labels=labels,
        parts=parts,
        subject="; ".join(g.meta.title for g in volume.guides),
        keywords=[*volume.subjects, labels["collection"]],
    )


def build_volume_pdf(
    volume: Volume, target: Path, theme: Theme, report: Report, options: PrintOptions
) -> int:
    html = volume_html(volume)
    warn_missing_fonts(html, report)
    first = volume.guides[0]
    document = render_document(html, first, theme, options, language=volume.language)
    pages_of = anchor_pages(document)
    mentions: dict[str, list[str]] = {}
    for guide in volume.guides:
        mentions.update(_mentions(guide))
    labels = labels_for(volume.language)
    entries = [
        # A theme points at the themes section of each book that shares it; the rest at mentions.
        (
            e.term,
            e.note,
            [a for _, a in e.targets]
            if e.note == labels["theme"]
            else [m for _, a in e.targets for m in mentions.get(a, [])],
        )
        for e in volume_index(volume, labels["theme"])
    ]
    index = render_index(index_rows(entries, pages_of), volume.language, volume.title)
    document = append_index(document, index, first, theme, options, volume.title)
    write_document(document, target, options)
    return len(document.pages)
