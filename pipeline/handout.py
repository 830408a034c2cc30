"""A one-sheet classroom handout: facts, overview, characters, themes, takeaways, questions."""

from __future__ import annotations

from pathlib import Path

from pipeline import model as m
from pipeline.diagnostics import Report
from pipeline.direction import text_direction
from pipeline.labels import labels_for
from pipeline.pdf import PrintOptions, render_document, write_document
from pipeline.render import render
from pipeline.theme import Theme
from pipeline.xhtml import XhtmlWriter, esc, markup

MAX_PAGES = 2
FONT_SIZES = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0)  # never smaller: below 7 pt a handout is not readable
_PARTS = ("summary", "characters", "themes", "takeaways", "questions")


def _facts(meta: m.Metadata) -> list[str]:
    parts = [meta.year_text or "", " / ".join(meta.genres)]
    if meta.pages:
        parts.append(f"{meta.pages} {labels_for(meta.language)['pages_short']}")
    if meta.reading_time:
        parts.append(meta.reading_time)
    return [part for part in parts if part]


def _overview(writer: XhtmlWriter, section: m.Section, paragraphs: int | None) -> str:
    kept = [b for b in section.blocks if isinstance(b, m.Paragraph)]
    shown = kept if paragraphs is None else kept[:paragraphs]
    html = writer.blocks(tuple(shown))
    if len(shown) < len(kept):
        note = labels_for(writer.language)["overview_cut"]
        html += f'\n<p class="cut-note">{esc(note)}</p>'
    return html


def handout_html(guide: m.Guide, font_size: float, overview_paragraphs: int | None) -> str:
    meta = guide.meta
    labels = labels_for(meta.language)
    writer = XhtmlWriter(
        "pdf", meta.language, {n.number: n for n in guide.notes}, image_href=lambda s: s, heading_base=2
    )
    blocks = []
    for kind in _PARTS:
        section = guide.section(kind)
        if section is None:
            continue
        if kind == "summary":
            content = _overview(writer, section, overview_paragraphs)
        else:
            content = writer.section_body(section)
        blocks.append({"kind": kind, "title": section.title, "content": markup(content)})
    return render(
        "handout.html.jinja",
        lang=meta.language,
        direction=text_direction(meta.language),
        meta=meta,
        labels=labels,
        facts=_facts(meta),
        blocks=blocks,
        font_size=font_size,
        keywords=[*meta.genres, labels["handout"]],
    )


def build_handout(guide: m.Guide, target: Path, theme: Theme, report: Report, options: PrintOptions) -> int:
    """Fit the handout on one sheet: shrink type within limits, then shorten the overview.

    Characters, themes and questions are never dropped; if even the smallest type with a
    one-paragraph overview overflows, the handout is written anyway with a warning.
    Returns the page count.
    """

    summary = guide.section("summary")
    paragraphs = len([b for b in summary.blocks if isinstance(b, m.Paragraph)]) if summary else 0
    attempts = [(size, None) for size in FONT_SIZES]
    attempts += [(FONT_SIZES[-1], count) for count in range(paragraphs - 1, 0, -1)]
    document = None
    for size, overview in attempts:
        document = render_document(
            handout_html(guide, size, overview), guide, theme, options, layer="handout"
        )
        if len(document.pages) <= MAX_PAGES:
            if overview is not None:
                report.warn(
                    "W-HANDOUT-CUT", f"handout overview shortened to {overview} paragraph(s) to fit one sheet"
                )
            break
    else:
        report.warn(
            "W-HANDOUT-LONG", f"handout needs {len(document.pages)} pages even at {FONT_SIZES[-1]} pt"
        )
    assert document is not None
    write_document(document, target, options)
    return len(document.pages)
