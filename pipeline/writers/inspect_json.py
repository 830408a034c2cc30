"""A stable JSON dump of a normalised guide, like `pandoc -t native`, for tests and debugging."""

from __future__ import annotations

from typing import Any

from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.model.text import plain_text
from pipeline.model.walk import iter_blocks


def themes_of(guide: m.Guide) -> list[str]:
    """Each theme as one string: the sub-headings of the themes section ("### Love" over a
    paragraph about it), else its list items, else the first cells of its tables, else its paragraphs."""
    section = guide.section("themes")
    if section is None:
        return []
    headings = [plain_text(b.inlines).strip() for b in section.blocks if isinstance(b, m.Heading)]
    if headings:
        return headings
    items = [
        plain_text(item[0].inlines).replace("\n", " ").strip()
        for block in iter_blocks(section.blocks)
        if isinstance(block, m.ListBlock)
        for item in block.items
        if item and isinstance(item[0], m.Paragraph)
    ]
    if items:
        return items
    # A table of themes ("| Theme | In the story |", a Word file's grid table): its first column.
    tables = [b for b in section.blocks if isinstance(b, m.Table)]
    rows = [plain_text(row[0]).strip() for table in tables for row in table.rows if row]
    if rows:
        return rows
    return [plain_text(b.inlines).strip() for b in section.blocks if isinstance(b, m.Paragraph)]


def guide_to_json(guide: m.Guide, report: Report) -> dict[str, Any]:
    meta = guide.meta
    characters = guide.section("characters")
    glossary = guide.section("glossary")
    return {
        "title": meta.title,
        "authors": list(meta.authors),
        "year": meta.year,
        "year_text": meta.year_text,
        "genres": list(meta.genres),
        "pages": meta.pages,
        "reading_time": meta.reading_time,
        "language": meta.language,
        "identifier": meta.identifier,
        "dialect": guide.dialect,
        "extra": dict(meta.extra),
        "characters": [
            {"name": e.term, "description": plain_text(e.body).replace("\n", " ")}
            for e in (characters.entries if characters else ())
        ],
        "themes": themes_of(guide),
        "glossary": [
            {"term": e.term, "definition": plain_text(e.body).replace("\n", " ")}
            for e in (glossary.entries if glossary else ())
        ],
        "sections": [
            {"kind": s.kind, "title": s.title, "line": s.loc.line, "anchor": s.anchor} for s in guide.sections
        ],
        "notes": len(guide.notes),
        "images": list(guide.images),
        "diagnostics": [str(d) for d in report.items],
    }
