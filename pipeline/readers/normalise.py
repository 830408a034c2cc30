"""Tokens -> Guide: title, metadata, sections of known kinds and their entries, for every dialect."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.i18n.section_names import heading_language, label, section_kind
from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.model.location import SourceLocation
from pipeline.model.text import plain_text
from pipeline.model.wide_text import wide_search
from pipeline.readers.dialects import BY_WORDS, BYLINE_YEAR, NAME_PARTICLES, Adapted, adapt, split_byline
from pipeline.readers.entries import extract_entries, split_lines
from pipeline.readers.links import LinkPolicy
from pipeline.readers.metadata import (
    COLONS,
    DIRECTION_MARKS,
    MetadataDraft,
    absorb_field,
    build_metadata,
    canonical_key,
    language_tag,
    split_field,
)
from pipeline.readers.outline import rank_headings
from pipeline.readers.parse import KEPT_NESTING, read_blocks
from pipeline.readers.questions import number_questions
from pipeline.readers.sources import SourceText, strip_unsafe
from pipeline.readers.tokens import MAX_INLINE_DEPTH, Converter

_TITLE_BYLINE = re.compile(rf"^(.+),?\s+(?:{BY_WORDS})\s+(\S.{{0,60}})$")
# Lower-case words a name may hold ("Honoré de Balzac", "Ludwig van Beethoven").
_LANGUAGE_LINE = re.compile(
    r"^[\s*_>-]*(?:language|langue|lang|idioma|sprache|语言|שפה|שפת הספר|לשון|زبان(?: [کك]تاب)?)[*_]*"
    rf"[\s{DIRECTION_MARKS}]*[{COLONS}][*_\s{DIRECTION_MARKS}]*([^\s|*{DIRECTION_MARKS}]+(?: [A-Za-z]+)?)",
    re.I | re.M,
)
# Left as text, compiled when a manuscript holds such characters (see wide_text).
_CJK = r"[\u4e00-\u9fff]"
_KANA = r"[\u3040-\u30ff]"
_HANGUL = r"[\uac00-\ud7af]"


@dataclass(frozen=True, slots=True)
class _RawSection:
    title: str
    kind: m.SectionKind | None
    blocks: tuple[m.Block, ...]
    loc: SourceLocation


def normalise(source: SourceText, report: Report, default_language: str = "en") -> m.Guide:
    """Read one manuscript's text into a Guide; raises GuideError when it cannot be one."""
    path = str(source.path)
    adapted = adapt(source.text)
    front_matter = _front_matter(adapted, report)
    language = _language(front_matter, source.text, adapted.text, report, default_language)
    tokens, recovered = read_blocks(adapted.text, language)
    if recovered:
        report.warn(
            "W-TOO-DEEP",
            f"blocks nested deeper than {KEPT_NESTING // 2} lists or {KEPT_NESTING} quotes are flattened "
            f"({len(recovered)} lines)",
            adapted.source_line(recovered[0]),
        )
    policy = LinkPolicy(source.path.parent, report)
    converter = Converter(
        path,
        language,
        report,
        adapted.source_line,
        policy.vet_link,
        policy.vet_image,
        keep_replacement="\ufffd" in source.text,
    )
    blocks, _ = converter.blocks(tokens, 0, None)
    if converter.unsafe_lines:
        report.warn(
            "W-CONTROL-CHARS",
            "removed characters XML cannot carry (written as character references)",
            converter.unsafe_lines[0],
        )
    if converter.too_deep_lines:
        report.warn(
            "W-TOO-DEEP",
            f"emphasis nested deeper than {MAX_INLINE_DEPTH} levels is flattened",
            converter.too_deep_lines[0],
        )
    for line in sorted(set(converter.raw_html_lines)):
        report.warn("W-RAW-HTML", "raw HTML is shown as text, never as markup", line)

    draft = MetadataDraft()
    for key, value in front_matter.items():
        _absorb_yaml(draft, str(key), value)
    title, rest = _take_title(blocks, front_matter, report)
    preamble, raw_sections = _split_sections(_promote_label_headings(rest), path)
    info_blocks = _absorb_preamble(preamble, draft, title)
    sections = [_build_section(raw, draft, report, language) for raw in raw_sections]
    sections = _ensure_info(sections, info_blocks, language, path)
    title = " ".join(title.split())  # a title is one line
    if byline := _title_byline(title):
        named, author = byline
        if "authors" not in draft.values:
            title = named
            draft.set("authors", author)
        elif _same_names(author, draft.values["authors"]):
            title = named  # "Der Process von Franz Kafka" over "Autor: Franz Kafka": the byline goes
    meta = build_metadata(draft, title, language, Path(path).stem)
    _warn_missing(meta, sections, report)
    notes = _notes(converter)
    images = _images(sections, notes)
    return m.Guide(
        path,
        adapted.dialect,
        meta,
        tuple(sections),
        notes,
        tuple(dict.fromkeys(image.src for image in images)),
        all(image.alt.strip() for image in images),
    )


def _same_names(author: str, given: object) -> bool:
    """The byline's names are the author field's (a field may be a list: front matter)."""
    names = " ".join(map(str, given)) if isinstance(given, list) else str(given)
    return " ".join(author.casefold().split()) == " ".join(names.casefold().split())


def _atx_headings(text: str) -> list[str]:
    """The text of every `#` heading (the loose dialect's bare headings are made `##` ones)."""
    return [
        line.lstrip("#").strip()
        for line in text.split("\n")
        if line.startswith("#") and line.lstrip("#")[:1] == " "
    ]


def _title_byline(title: str) -> tuple[str, str] | None:
    """ "Middlemarch by George Eliot" as the only title line: (title, author), when nothing else
    names the author and what follows "by" reads as a name (two or more capitalised words, so
    "Stand by Me" stays whole)."""
    match = _TITLE_BYLINE.match(title)
    if not match:
        return None
    words = match.group(2).split()
    if len(words) < 2 or not all(w[0].isupper() or w.casefold() in NAME_PARTICLES for w in words):
        return None
    return match.group(1).strip(" ,—–-"), match.group(2).strip()


# ---------------------------------------------------------------- front matter and language


# libyaml's safe loader where PyYAML was built with it: the same documents, a tenth of the time.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _front_matter(adapted: Adapted, report: Report) -> dict[str, object]:
    if adapted.dialect != "frontmatter":
        return {}
    end = adapted.text.find("\n---", 3)
    if end < 0:
        report.warn("W-FRONT-MATTER", "front matter is not closed by a '---' line", 1)
        return {}
    text = adapted.text[4:end]
    try:
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=_YAML_LOADER)):
            # An alias can expand a few hundred bytes into megabytes ("billion laughs").
            report.warn("W-FRONT-MATTER", "front matter uses YAML aliases (*name), which are not allowed", 1)
            return {}
        data = yaml.load(text, Loader=_YAML_LOADER)  # a safe loader: libyaml's when PyYAML has it
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        report.warn("W-FRONT-MATTER", f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}", line)
        return {}
    if not isinstance(data, dict):
        report.warn("W-FRONT-MATTER", "front matter is not a mapping of keys to values", 1)
        return {}
    cleaned = {str(k): _clean_value(v) for k, v in data.items()}
    if cleaned != {str(k): v for k, v in data.items()}:
        report.warn("W-CONTROL-CHARS", "removed characters XML cannot carry from the front matter", 1)
    return cleaned


def _clean_value(value: object) -> object:
    if isinstance(value, str):
        return strip_unsafe(value)
    if isinstance(value, list):
        return [_clean_value(v) for v in value]
    return value


def _language(
    front_matter: dict[str, object], text: str, adapted_text: str, report: Report, default: str = "en"
) -> str:
    value = next((front_matter[k] for k in ("language", "lang", "langue") if k in front_matter), None)
    if value is None and (match := _LANGUAGE_LINE.search(text[:5000])):
        value = match.group(1)
    if value is not None:
        tag = language_tag(str(value))
        if tag:
            return tag
        report.warn(
            "W-LANGUAGE", f"language {value!r} is not a BCP 47 tag or a known name; using {default!r}"
        )
        return default
    sample = text[:20000]
    if not wide_search(_CJK, sample) and not wide_search(_HANGUL, sample):
        return _script_language(sample, report) or _heading_language(
            _atx_headings(adapted_text), report, default
        )
    letters = sum(ch.isalpha() for ch in sample) or 1
    if len(re.findall(_CJK, sample)) / letters > 0.3:
        guess = "ja" if re.search(_KANA, sample) else "zh-Hans"
    elif len(re.findall(_HANGUL, sample)) / letters > 0.3:
        guess = "ko"
    else:
        return default
    report.warn("W-LANGUAGE", f"no language given; the text looks like {guess!r}, so that is used", 1)
    return guess


# Scripts that one language writes almost alone. Cyrillic and Arabic are not among them (Russian
# or Ukrainian, Arabic or Persian or Urdu): their section names decide, if anything does.
_SCRIPTS = (
    ("el", r"[\u0370-\u03ff\u1f00-\u1fff]"),
    ("hi", r"[\u0900-\u097f]"),
    ("bn", r"[\u0980-\u09ff]"),
    ("ta", r"[\u0b80-\u0bff]"),
    ("th", r"[\u0e00-\u0e7f]"),
    ("he", r"[\u0590-\u05ff]"),
    ("hy", r"[\u0530-\u058f]"),
    ("ka", r"[\u10a0-\u10ff]"),
)


_SCRIPT_LETTERS = 40  # a few words ("[ΑΓΩ]: /φου") are no guide in that language


def _script_language(sample: str, report: Report) -> str | None:
    """The language of a text mostly in a script only it writes (a Hindi guide tagged English is
    hyphenated as English and read by screen readers in an English voice)."""
    if not sample or max(sample) < "\u0370":  # Latin script only: the usual case, one pass in C
        return None
    letters = sum(ch.isalpha() for ch in sample) or 1
    for language, script in _SCRIPTS:
        written = len(re.findall(script, sample))
        if written >= _SCRIPT_LETTERS and written / letters > 0.3:
            report.warn(
                "W-LANGUAGE", f"no language given; the text looks like {language!r}, so that is used", 1
            )
            return language
    return None


def _heading_language(headings: list[str], report: Report, default: str) -> str:
    """A guide in German that names no language is not to be hyphenated, quoted, labelled and read
    aloud as English: its section names ("Zusammenfassung", "Figuren") tell the language."""
    found = heading_language(headings, default)
    if found is None or found[0] == default:
        return default
    language, examples = found
    named = ", ".join(repr(example) for example in examples[:3])
    if language is None:
        report.warn(
            "W-LANGUAGE",
            f"no language given, and the section names ({named}) are not {default!r} ones; "
            f"{default!r} is used: add a language line (Language: es)",
            1,
        )
        return default
    report.warn(
        "W-LANGUAGE", f"no language given; the section names ({named}) are {language!r}, so that is used", 1
    )
    return language


def _absorb_yaml(draft: MetadataDraft, key: str, value: object) -> None:
    if value is None:
        return
    if isinstance(value, list):
        text_items = [str(v) for v in value if v is not None]
        if not absorb_field(draft, key, " / ".join(text_items)):
            return
        from pipeline.readers.metadata import canonical_key

        canonical = canonical_key(key)
        if canonical in ("genres", "authors"):
            draft.set(canonical, text_items, override=True)
        return
    absorb_field(draft, key, str(value))


# ---------------------------------------------------------------- structure


def _take_title(
    blocks: list[m.Block], front_matter: dict[str, object], report: Report
) -> tuple[str, list[m.Block]]:
    """Front matter's title wins; otherwise the first heading is the title, whatever it says
    ("A Christmas Story" is a title, not a summary), unless it is a sub-heading naming a section."""
    fm_title = next((str(front_matter[k]) for k in ("title", "titre") if front_matter.get(k)), None)
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
    # "Summary:" is a heading written like a label: the guide shows "Summary".
    shown = title.rstrip(":：").rstrip() or title
    return _RawSection(shown, section_kind(title), rank_headings(tuple(blocks)), loc)


def _absorb_preamble(preamble: list[m.Block], draft: MetadataDraft, title: str) -> list[m.Block]:
    """Byline and "**Author:** X" lines become metadata; anything else stays for the glance page."""
    kept: list[m.Block] = []
    for block in preamble:
        if isinstance(block, m.Paragraph):
            text = plain_text(block.inlines).strip()
            author = split_byline(text, title) if "\n" not in text else None
            if author:
                # "by H. G. Wells (1895)" and "by H. G. Wells, 1895" name the year too.
                if year := BYLINE_YEAR.search(author):
                    author = author[: year.start()].strip()
                    draft.set("year", year.group(1))
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
        blocks = tuple(b for b in blocks if not _absorb_fields(b, draft))
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


def _warn_missing(meta: m.Metadata, sections: list[m.Section], report: Report) -> None:
    if not meta.authors:
        report.warn("W-NO-AUTHOR", "no author given (a 'Title by Author' line, or an Author field)", 1)
    kinds = [s.kind for s in sections]
    for kind in dict.fromkeys(kinds):
        if kind != "other" and kinds.count(kind) > 1:
            duplicate = [s for s in sections if s.kind == kind][1]
            report.warn(
                "W-DUPLICATE-SECTION", f"a second {kind} section: {duplicate.title!r}", duplicate.loc.line
            )
    if "summary" not in kinds:
        report.warn("W-NO-SUMMARY", "no summary section (for example 'Summary' or 'The Story in Brief')", 1)


def _notes(converter: Converter) -> tuple[m.Note, ...]:
    numbers = dict(converter.note_numbers)
    for note_id in sorted(converter.note_bodies):
        numbers.setdefault(note_id, len(numbers) + 1)
    return tuple(
        sorted(
            (m.Note(numbers[note_id], body) for note_id, body in converter.note_bodies.items()),
            key=lambda note: note.number,
        )
    )


def _images(sections: list[m.Section], notes: tuple[m.Note, ...]) -> list[m.Image]:
    """Every image: in blocks, in character and glossary entries, and in footnotes."""
    from pipeline.model.walk import block_inlines, iter_blocks, iter_inline_tree, iter_inlines

    in_sections = (inline for section in sections for inline in iter_inlines(section))
    in_notes = (
        inline
        for note in notes
        for block in iter_blocks(note.blocks)
        for inlines in block_inlines(block)
        for inline in iter_inline_tree(inlines)
    )
    return [inline for inline in (*in_sections, *in_notes) if isinstance(inline, m.Image)]


def manuscript_folder(source: SourceText) -> Path:
    return source.path.parent
