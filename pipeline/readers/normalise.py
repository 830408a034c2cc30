"""Tokens -> Guide, for every dialect: adapt the text, read its front matter and language, parse and
convert it, then take the title, metadata and sections (each step in its own module)."""

from __future__ import annotations

from pathlib import Path

from pipeline.files.names import utf8_stem
from pipeline.i18n.decoration import strip_pictographs
from pipeline.i18n.section_names import section_kind
from pipeline.model import guide as m
from pipeline.model.diagnostics import Report
from pipeline.model.text import plain_text
from pipeline.readers.byline import same_names, title_byline
from pipeline.readers.chatter import leave_out_chatter
from pipeline.readers.citations import leave_out_citations
from pipeline.readers.dialects import Adapted, adapt
from pipeline.readers.front_matter import absorb_yaml, read_front_matter
from pipeline.readers.heading_title import (
    HeadingTitle,
    about_book,
    byline_title,
    dash_byline,
    opening_sentence_title,
)
from pipeline.readers.language import choose_language
from pipeline.readers.links import LinkPolicy
from pipeline.readers.mail import unwrap_mail
from pipeline.readers.metadata import MetadataDraft, build_metadata
from pipeline.readers.note_numbers import settle_note_numbers
from pipeline.readers.note_syntax import logseq_page_title
from pipeline.readers.outline import unbullet_headings
from pipeline.readers.outliner_pages import outliner_page, titled
from pipeline.readers.parse import KEPT_NESTING, read_blocks
from pipeline.readers.sources import SourceText
from pipeline.readers.split import sections_of, take_title
from pipeline.readers.tokens import MAX_INLINE_DEPTH, Converter


def normalise(source: SourceText, report: Report, default_language: str = "en") -> m.Guide:
    """Read one manuscript's text into a Guide; raises GuideError when it cannot be one."""
    path = str(source.path)
    # A Word file is HTML already (docx.py): no dialect to adapt.
    markdown, page_title = source.text, None
    if source.markup == "markdown":
        unwrapped = unwrap_mail(source.text)
        if unwrapped.line is not None:
            message = "left out the e-mail around the summary (forwarding headers, quote marks, notes)"
            report.warn("W-MAIL", message, unwrapped.line)
        uncited = leave_out_citations(unwrapped.text)
        if uncited.line is not None:
            message = (
                "left out an answer engine's numbered sources, the calls to them and its related questions"
            )
            report.warn("W-CITATIONS", message, uncited.line)
        markdown, page_title = outliner_page(logseq_page_title(uncited.text), utf8_stem(source.path.stem))
    adapted = adapt(markdown) if source.markup == "markdown" else Adapted(source.text, (), "docx")
    if page_title:
        adapted = titled(Adapted(markdown, (), "labelled"), page_title)
    for line, note in adapted.notes:
        report.warn("W-TABLE-SPANS", note, line)
    front_matter = read_front_matter(adapted, report)
    language = choose_language(front_matter, source.text, adapted.text, report, default_language)
    text, chatter = leave_out_chatter(markdown, language)
    for said in chatter:
        shown = said.text if len(said.text) <= 60 else said.text[:59] + "…"
        message = f"left out words addressed to the asker, not about the book: {shown!r}"
        report.warn("W-CHATTER", message, said.line)
    if chatter and source.markup == "markdown":  # an opening line hides the dialect: adapt again
        adapted = adapt(text)  # (its lines keep their numbers)
        adapted = titled(Adapted(text, (), "labelled"), page_title) if page_title else adapted
    tokens, recovered = read_blocks(adapted.text, language)
    if recovered:
        report.warn(
            "W-TOO-DEEP",
            f"blocks nested deeper than {KEPT_NESTING // 2} lists or {KEPT_NESTING} quotes are flattened "
            f"({len(recovered)} lines)",
            adapted.source_line(recovered[0]),
        )
    policy = LinkPolicy(source.path.parent, report, source.images)
    converter = Converter(
        path,
        language,
        report,
        adapted.source_line,
        policy.vet_link,
        policy.vet_image,
        keep_replacement="\ufffd" in source.text,
        markup=source.markup,
    )
    blocks, _ = converter.blocks(tokens, 0, None)
    blocks = unbullet_headings(blocks)
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

    draft = MetadataDraft()
    for key, value in front_matter.items():
        absorb_yaml(draft, str(key), value)
    title, rest = take_title(blocks, front_matter, report)
    title, said = _sentence_title(blocks, rest, title, language)
    sections = sections_of(rest, title, draft, report, language, path)
    first = blocks[0] if blocks else None
    whole = said is None or said.title == title  # the heading taken whole (it may name a section too)
    if whole and isinstance(first, m.Heading) and title == plain_text(first.inlines).strip():
        # An answer engine's opening sentences as the first line: the title is the book they name.
        title = opening_sentence_title(first, draft.values.get("authors")) or title
    if said is not None:
        # A Title field wins over the heading's words; the heading's byline fills in the author.
        title = str(draft.values.get("title") or title)
        if said.author and "authors" not in draft.values:
            draft.set("authors", said.author)
    title = " ".join(title.split())  # a title is one line
    field = " ".join(str(draft.values.get("title") or "").split())
    if field != title and field.casefold() == title.casefold():
        # "LITTLE WOMEN" (a word processor's capitals) over "Title: Little Women": the same title,
        # and the field spells it as the book does; no guess at how to title-case capitals.
        title = field
    if byline := title_byline(title):
        named, author = byline
        if "authors" not in draft.values:
            title = named
            draft.set("authors", author)
        elif same_names(author, draft.values["authors"]):
            title = named  # "Der Process von Franz Kafka" over "Autor: Franz Kafka": the byline goes
    elif (dashed := dash_byline(title)) and same_names(dashed[1], draft.values.get("authors", "")):
        title = dashed[0]  # "Die Verwandlung – Franz Kafka" over "Autor: Franz Kafka": the author goes
    meta = build_metadata(draft, title, language, utf8_stem(Path(path).stem))
    _warn_missing(meta, sections, report)
    sections, notes = settle_note_numbers(sections, _notes(converter))
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


def _sentence_title(
    blocks: list[m.Block], rest: list[m.Block], title: str, language: str
) -> tuple[str, HeadingTitle | None]:
    """The title, when the top heading it came from is a sentence about the book ("Book Summary:
    *Silas Marner* by George Eliot"): a byline paragraph under it names the book, else the
    heading's own title part does; so for a heading that names a section. A decorated title loses
    its pictographs ("📚 Silas Marner")."""
    first = blocks[0] if blocks else None
    if not isinstance(first, m.Heading) or plain_text(first.inlines).strip() != title:
        return title, None  # the title came from front matter
    said = about_book(first, language)
    if said is None and section_kind(title) is not None:
        # "**Book Info**" on the first line once the chatter above it is gone names no book.
        said = HeadingTitle(title, None)
    if said is None:
        return strip_pictographs(title) or title, None
    byline = byline_title(rest)
    return (byline[0] if byline else said.title), said


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
