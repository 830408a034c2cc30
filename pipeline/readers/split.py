"""A guide's body into its title and sections: the title from front matter or the first heading,
bold labels promoted to headings, blocks split at the top heading level, the preamble's byline and
"Key: Value" fields (paragraphs, lists, two-column tables) taken into the metadata, and an info
section for every guide."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.i18n.decoration import strip_numbering, strip_pictographs
from pipeline.i18n.fields import FRONT_MATTER_TITLE_KEYS, canonical_key
from pipeline.i18n.section_names import label, section_kind
from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.model.location import SourceLocation
from pipeline.model.rebuilt import rebuilt
from pipeline.model.text import plain_text
from pipeline.readers.byline import split_byline, split_year
from pipeline.readers.chapter_runs import chapter_runs
from pipeline.readers.entries import extract_entries, split_lines
from pipeline.readers.metadata import MetadataDraft, absorb_field, split_field
from pipeline.readers.outline import rank_headings
from pipeline.readers.questions import number_questions


@dataclass(frozen=True, slots=True)
class _RawSection:
    """A section as the headings split it, before its kind's own reading."""

    title: str
    kind: m.SectionKind | None
    blocks: tuple[m.Block, ...]
    loc: SourceLocation


def sections_of(
    blocks: list[m.Block], title: str, draft: MetadataDraft, report: Report, language: str, path: str
) -> list[m.Section]:
    """The sections of the blocks after the title, the info section first; fields go into `draft`
    (the preamble's before an info section's, so the preamble's win)."""
    preamble, raw_sections = _split_sections(_promote_label_headings(blocks), path)
    raw_sections = _merge_chapter_runs(raw_sections, language)
    info_blocks = _absorb_preamble(list(_without_separators(preamble)), draft, title)
    sections = [_build_section(raw, draft, report, language) for raw in raw_sections]
    return _ensure_info(sections, info_blocks, language, path)


def take_title(
    blocks: list[m.Block], front_matter: dict[str, object], report: Report
) -> tuple[str, list[m.Block]]:
    """Front matter's title wins; otherwise the first heading is the title, whatever it says
    ("A Christmas Story" is a title, not a summary), unless it is a sub-heading naming a section."""
    fm_title = next((str(front_matter[k]) for k in FRONT_MATTER_TITLE_KEYS if front_matter.get(k)), None)
    first = blocks[0] if blocks else None
    if isinstance(first, m.Heading):
        heading_title = plain_text(first.inlines).strip()
        if fm_title is not None:
            same = heading_title.casefold() == fm_title.casefold()
            return (fm_title, blocks[1:]) if same else (fm_title, blocks)
        levels = [b.level for b in blocks if isinstance(b, m.Heading)]
        if heading_title and (
            section_kind(heading_title) is None or first.level < max(levels) or first.level == 1
        ):
            return heading_title, blocks[1:]
    if fm_title:
        return fm_title, blocks
    line = first.loc.line if first is not None else 1
    raise report.error(
        "E-NO-TITLE", "no title: begin with a title line, a '# Title' heading or front matter", line
    )


def _promote_label_headings(blocks: list[m.Block]) -> list[m.Block]:
    """A bold line on its own that names a section ("**Summary**", "**Characters:**") is that
    section's heading: word processors export headings that way."""
    levels = [b.level for b in blocks if isinstance(b, m.Heading)]
    level = min(levels) if levels else 2
    out: list[m.Block] = []
    for block in blocks:
        if (
            isinstance(block, m.Paragraph)
            and len(block.inlines) == 1
            and isinstance(label := block.inlines[0], m.Strong)
            and section_kind(plain_text(label.children).strip().rstrip(":：")) is not None
        ):
            out.append(m.Heading(level, label.children, block.loc))
        else:
            out.append(block)
    return out


def _split_sections(blocks: list[m.Block], path: str) -> tuple[list[m.Block], list[_RawSection]]:
    levels = [b.level for b in blocks if isinstance(b, m.Heading)]
    if not levels:
        return blocks, []
    top = min(levels)
    preamble: list[m.Block] = []
    sections: list[_RawSection] = []
    current: tuple[str, SourceLocation, list[m.Block]] | None = None
    for block in blocks:
        if isinstance(block, m.Heading) and block.level == top:
            if current is not None:
                sections.append(_raw(*current))
            current = (plain_text(block.inlines).strip(), block.loc, [])
        elif current is None:
            preamble.append(block)
        else:
            current[2].append(block)
    if current is not None:
        sections.append(_raw(*current))
    return preamble, sections


def _raw(title: str, loc: SourceLocation, blocks: list[m.Block]) -> _RawSection:
    # "Summary:" is a heading written like a label: the guide shows "Summary"; "🧠 Themes" shows
    # "Themes" (a pictograph is decoration, and one no font draws would be left off).
    # "2. Characters" is "Characters" too: the guide orders its sections itself (a heading no
    # alias names keeps its number: "1984: The Novel in Context").
    kind = section_kind(title)
    words = strip_pictographs(title)
    shown = (strip_numbering(words) if kind else words).rstrip(":：").rstrip() or title
    return _RawSection(shown, kind, rank_headings(_without_separators(blocks)), loc)


def _merge_chapter_runs(raw_sections: list[_RawSection], language: str) -> list[_RawSection]:
    """Each run of "Chapter N – …" sections as one chapter-summaries section: each chapter's
    heading a sub-heading of it, the chapter's own sub-headings one level further down."""
    runs = chapter_runs([raw.title for raw in raw_sections], [raw.kind is not None for raw in raw_sections])
    for run in reversed(runs):
        blocks: list[m.Block] = []
        for raw in raw_sections[run.start : run.stop]:
            blocks.append(m.Heading(1, (m.Text(raw.title),), raw.loc))
            blocks += [rebuilt(b, level=b.level + 1) if isinstance(b, m.Heading) else b for b in raw.blocks]
        first = raw_sections[run.start]
        merged = _RawSection(label(language, "chapters"), "chapters", rank_headings(tuple(blocks)), first.loc)
        raw_sections[run.start : run.stop] = [merged]
    return raw_sections


def _without_separators(blocks: list[m.Block]) -> tuple[m.Block, ...]:
    """The blocks without thematic breaks that only separate sections: at either end, or next to a
    sub-heading (chat answers put `---` between every two sections). A break between two
    paragraphs stays: it is a scene break."""
    kept = list(blocks)
    for index in range(len(kept) - 1, -1, -1):
        if not isinstance(kept[index], m.Rule):
            continue
        before = kept[index - 1] if index else None
        after = kept[index + 1] if index + 1 < len(kept) else None
        if before is None or after is None or isinstance(before, m.Heading) or isinstance(after, m.Heading):
            del kept[index]
    return tuple(kept)


def _absorb_preamble(preamble: list[m.Block], draft: MetadataDraft, title: str) -> list[m.Block]:
    """Byline and "**Author:** X" lines become metadata; anything else stays for the glance page."""
    kept: list[m.Block] = []
    for block in preamble:
        if isinstance(block, m.Paragraph):
            text = plain_text(block.inlines).strip()
            byline = split_byline(text, title) if "\n" not in text else None
            if byline:
                # "by H. G. Wells (1895)" and "by H. G. Wells, 1895" name the year too.
                author, year = split_year(byline)
                if year is not None:
                    draft.set("year", year)
                draft.set("authors", author)
                continue
        if not _absorb_fields(block, draft):
            kept.append(block)
    return kept


def _absorb_fields(block: m.Block, draft: MetadataDraft) -> bool:
    """Take "Key: Value" lines from a paragraph or list into the draft; False if it has none."""
    if isinstance(block, m.Paragraph):
        lines = [plain_text(line).strip() for line in split_lines(block.inlines)]
    elif isinstance(block, m.ListBlock):
        lines = [
            plain_text(item[0].inlines).strip()
            for item in block.items
            if item and isinstance(item[0], m.Paragraph)
        ]
    elif isinstance(block, m.Table):
        return _absorb_table(block, draft)
    else:
        return False
    pairs = [split_field(line) for line in lines if line]
    if not pairs or any(pair is None for pair in pairs):
        return False
    for pair in pairs:
        assert pair is not None
        absorb_field(draft, *pair)
    return True


def _absorb_table(table: m.Table, draft: MetadataDraft) -> bool:
    """A two-column table of fields ("| Author | George Eliot |"), under a header that is a field
    too or just names the columns ("| Field | Value |"). Most of its names must be known ones (a
    table of something else is left as it is); the others are kept as extra facts, as in a list."""
    rows = [tuple(plain_text(cell).strip() for cell in row) for row in table.rows]
    header = tuple(plain_text(cell).strip() for cell in table.header)
    if header and canonical_key(header[0]):
        rows.insert(0, header)
    if not rows or any(len(row) != 2 or not row[0] for row in rows):
        return False
    if 2 * sum(canonical_key(key) is not None for key, _ in rows) <= len(rows):
        return False
    for key, value in rows:
        absorb_field(draft, key, value)
    return True


def _build_section(raw: _RawSection, draft: MetadataDraft, report: Report, language: str) -> m.Section:
    kind = raw.kind or "other"
    if raw.kind is None:
        report.warn(
            "W-UNKNOWN-SECTION", f"section {raw.title!r} is not a known kind; kept as it is", raw.loc.line
        )
    blocks = raw.blocks
    entries: tuple[m.Entry, ...] = ()
    if kind == "info":
        blocks = _without_separators([b for b in blocks if not _absorb_fields(b, draft)])
    elif kind in ("characters", "glossary"):
        entries, blocks = extract_entries(blocks)
    elif kind == "questions":
        blocks = number_questions(blocks)
    if not blocks and not entries and kind != "info":
        report.warn("W-EMPTY-SECTION", f"section {raw.title!r} is empty", raw.loc.line)
    return m.Section(kind, raw.title, blocks, raw.loc, entries)


def _ensure_info(
    sections: list[m.Section], info_blocks: list[m.Block], language: str, path: str
) -> list[m.Section]:
    """Every guide opens with its info section, whether the dialect wrote one or not."""
    index = next((i for i, s in enumerate(sections) if s.kind == "info"), None)
    if index is None:
        loc = SourceLocation(path, 1)
        blocks = rank_headings(tuple(info_blocks))
        return [m.Section("info", label(language, "info"), blocks, loc), *sections]
    info = sections.pop(index)
    blocks = rank_headings((*info_blocks, *info.blocks))
    merged = m.Section("info", info.title, blocks, info.loc, info.entries)
    return [merged, *sections]
