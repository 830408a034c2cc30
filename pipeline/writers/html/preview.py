"""A single HTML page per guide, for previewing while writing: the e-reader theme inlined."""

from __future__ import annotations

from pathlib import Path

from pipeline.files.atomic import write_bytes_atomic
from pipeline.files.images import IMAGE_TYPES, image_bytes
from pipeline.i18n.labels import labels_for
from pipeline.model import guide as m
from pipeline.model.excerpt import guide_length
from pipeline.writers.render import render
from pipeline.writers.theme import Theme
from pipeline.writers.xhtml import XhtmlWriter, markup


def build_html(guide: m.Guide, target: Path, theme: Theme) -> None:
    """Write target (out/html/<stem>.html) and copy the guide's images beside it."""
    meta = guide.meta
    labels = labels_for(meta.language)
    folder = Path(guide.source).parent
    image_dir = target.parent / f"{target.stem}-images"
    hrefs: dict[str, str] = {}
    for index, src in enumerate(guide.images, 1):
        suffix = Path(src).suffix.lower()
        if suffix in IMAGE_TYPES:
            image_dir.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(image_dir / f"image-{index}{suffix}", image_bytes(folder / src))
            hrefs[src] = f"{image_dir.name}/image-{index}{suffix}"
    writer = XhtmlWriter(
        "epub",
        meta.language,
        {n.number: n for n in guide.notes},
        image_href=lambda src: hrefs.get(src, ""),
        heading_base=2,
    )
    sections = [
        {
            "kind": s.kind,
            "anchor": s.anchor,
            "heading": s.title,
            "content": markup(
                writer.glance(meta, s, guide_length(guide)) if s.kind == "info" else writer.section_body(s)
            ),
        }
        for s in guide.sections
    ]
    notes = writer.notes_aside([n.number for n in guide.notes]) if guide.notes else ""
    html = render(
        "html_preview.html.jinja",
        lang=meta.language,
        meta=meta,
        labels=labels,
        sections=sections,
        notes=markup(notes.replace(' epub:type="footnote"', "")),
        css=markup(theme.epub_css()),
    )
    write_bytes_atomic(target, html.replace(' epub:type="noteref"', "").encode("utf-8"))
