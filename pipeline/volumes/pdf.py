"""A volume of several guides -> one PDF: title page, combined contents, the parts, a combined index."""

from __future__ import annotations

from pathlib import Path

from pipeline.i18n.direction import text_direction
from pipeline.i18n.labels import labels_for
from pipeline.model.diagnostics import Report
from pipeline.volumes.collection import Volume
from pipeline.volumes.index import volume_index
from pipeline.writers.pdf.book import section_fragments
from pipeline.writers.pdf.contents import Entry
from pipeline.writers.pdf.engine import PrintOptions, render_document, warn_missing_fonts, write_document
from pipeline.writers.pdf.index import anchor_pages, append_index, index_rows, mentions_of, render_index
from pipeline.writers.pdf.numbered_layout import lay_out_numbered
from pipeline.writers.render import render
from pipeline.writers.theme import Theme


def volume_html(
    volume: Volume,
    index_follows: bool = False,
    lines: dict[str, Entry] | None = None,
    front_parts: int | None = None,
    page_numbers: dict[str, int] | None = None,
) -> str:
    """The volume as one HTML document; `index_follows`: the contents list the index, and an empty
    last page holds its place (see append_index). `lines` and `front_parts` (the parts to include):
    the contents' lines as text (numbered_layout), as for a guide's book (writers/pdf/book.book_html).
    The glossaries' page references keep target-counter(): a volume runs past page 9, and a number
    of two digits does not fit where the first layout set a "0", so writing them as text would
    cost a second layout of the whole volume (measured: 4.7 s for the 7 shipped guides' 56 pages)
    against the references' own 0.5 s. `page_numbers` is not used."""
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
    html = render(
        "pdf_volume.html.jinja",
        lang=volume.language,
        direction=text_direction(volume.language),
        title=volume.title,
        authors=volume.authors,
        labels=labels,
        parts=parts,
        subject="; ".join(g.meta.title for g in volume.guides),
        keywords=[*volume.subjects, labels["collection"]],
        index_follows=index_follows,
        contents=lines,
        front_parts=front_parts,
    )
    return html


def lay_out_volume(volume: Volume, theme: Theme, options: PrintOptions, index_follows: bool):
    """The volume laid out with its contents' page numbers and dots as text; (Document, HTML)."""
    first = volume.guides[0]
    return lay_out_numbered(
        lambda lines, front, pages: volume_html(volume, index_follows, lines, front, pages),
        [volume.part_prefix(i) + "part" for i in range(len(volume.guides))],
        lambda html: render_document(html, first, theme, options, language=volume.language),
    )


def build_volume_pdf(
    volume: Volume, target: Path, theme: Theme, report: Report, options: PrintOptions
) -> int:
    """Render the volume's PDF to `target`, with its combined index; returns the page count."""
    labels = labels_for(volume.language)
    entries = _index_entries(volume, labels["theme"])
    # Every id an entry points at is laid out, so an entry with any is a row of the index.
    index_follows = any(ids for _, _, ids in entries)
    document, html = lay_out_volume(volume, theme, options, index_follows)
    warn_missing_fonts(html, report)
    first = volume.guides[0]
    index = render_index(index_rows(entries, anchor_pages(document)), volume.language, volume.title)
    if index is None and index_follows:  # not expected; the contents must not list a missing index
        index_follows = False
        document, html = lay_out_volume(volume, theme, options, index_follows)
    document = append_index(document, index, first, theme, options, volume.title, index_follows)
    write_document(document, target, options)
    return len(document.pages)


def _index_entries(volume: Volume, theme_label: str) -> list[tuple[str, str, list[str]]]:
    """(term, note, ids) of the combined index: a theme points at the themes section of each book
    that shares it, a character or term at its entry in each book and at its mentions (as in a
    single guide's index: a reader looks a name up to find where it is explained)."""
    mentions: dict[str, list[str]] = {}
    for guide in volume.guides:
        mentions.update(mentions_of(guide))
    return [
        (
            e.term,
            e.note,
            [a for _, a in e.targets]
            if e.note == theme_label
            else [m for _, a in e.targets for m in (*mentions.get(a, []), a)],
        )
        for e in volume_index(volume, theme_label)
    ]
