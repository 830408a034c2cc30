"""A one-sheet classroom handout: facts, overview, characters, themes, takeaways, questions."""

from __future__ import annotations

from pathlib import Path

from pipeline.i18n.cldr import format_number
from pipeline.i18n.direction import text_direction
from pipeline.i18n.labels import labels_for
from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.writers.pdf.engine import PrintOptions, render_document, write_document
from pipeline.writers.pdf.overview import first_sentences, sentence_count
from pipeline.writers.render import render
from pipeline.writers.theme import Theme
from pipeline.writers.xhtml import XhtmlWriter, esc, markup

MAX_PAGES = 2
FONT_SIZES = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0)  # never smaller: below 7 pt a handout is not readable
_PARTS = ("summary", "characters", "themes", "takeaways", "questions")


def _facts(meta: m.Metadata) -> list[str]:
    parts = [meta.year_text or "", " / ".join(meta.genres)]
    if meta.pages:
        parts.append(f"{format_number(meta.pages, meta.language)} {labels_for(meta.language)['pages_short']}")
    if meta.reading_time:
        parts.append(meta.reading_time)
    return [part for part in parts if part]


def _overview(writer: XhtmlWriter, section: m.Section, sentences: int | None) -> str:
    paragraphs = tuple(b for b in section.blocks if isinstance(b, m.Paragraph))
    if sentences is None:
        return writer.blocks(paragraphs)
    html = writer.blocks(first_sentences(paragraphs, sentences))
    note = labels_for(writer.language)["overview_cut"]
    return html + f'\n<p class="cut-note">{esc(note)}</p>'


def handout_html(guide: m.Guide, font_size: float, overview_sentences: int | None) -> str:
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
            content = _overview(writer, section, overview_sentences)
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

    The overview is cut between sentences, keeping as many as fit (found by bisection, so a long
    summary costs a few layouts, not one per paragraph), down to none but the note. Characters,
    themes and questions are never dropped; if they overflow on their own, the handout is written
    anyway with a warning. Returns the page count.
    """

    def layout(size: float, sentences: int | None):
        html = handout_html(guide, size, sentences)
        return render_document(html, guide, theme, options, layer="handout")

    for size in FONT_SIZES:
        document = layout(size, None)
        if len(document.pages) <= MAX_PAGES:
            return _write(document, target, options)
    summary = guide.section("summary")
    paragraphs = tuple(b for b in summary.blocks if isinstance(b, m.Paragraph)) if summary else ()
    low, high = 0, sentence_count(paragraphs) - 1  # `low` sentences fit unless even none do
    fitted = layout(FONT_SIZES[-1], 0)
    if len(fitted.pages) > MAX_PAGES:
        report.warn("W-HANDOUT-LONG", f"handout needs {len(fitted.pages)} pages even at {FONT_SIZES[-1]} pt")
        return _write(document, target, options)
    while low < high:
        middle = (low + high + 1) // 2
        attempt = layout(FONT_SIZES[-1], middle)
        if len(attempt.pages) <= MAX_PAGES:
            low, fitted = middle, attempt
        else:
            high = middle - 1
    report.warn("W-HANDOUT-CUT", f"handout overview shortened to {low} sentence(s) to fit one sheet")
    return _write(fitted, target, options)


def _write(document, target: Path, options: PrintOptions) -> int:
    write_document(document, target, options)
    return len(document.pages)
