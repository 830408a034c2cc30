"""The typed model of a study guide: what every dialect reads into and every writer reads from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pipeline.model.location import SourceLocation
from pipeline.model.section_kinds import SectionKind  # the kinds, importable without these classes

# ---------------------------------------------------------------- inlines


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True, slots=True)
class Code:
    """Inline code, printed as it is written."""

    text: str


@dataclass(frozen=True, slots=True)
class Emph:
    """Emphasis, usually italics."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    """Strong emphasis, usually bold."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strike:
    """Struck-through text."""

    children: tuple[Inline, ...]


StyleKind = Literal["underline", "mark", "sup", "sub", "small", "abbr"]


@dataclass(frozen=True, slots=True)
class Styled:
    """Inline formatting beyond Markdown's own, as HTML in a manuscript or a Word file sets it:
    underline, highlight, superscript, subscript, small print, an abbreviation (`title` spells it out)."""

    kind: StyleKind
    children: tuple[Inline, ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink; `href` is already vetted by the normaliser (see `links.py`)."""

    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Image:
    """A local image; `src` is a path relative to the manuscript's folder."""

    src: str
    alt: str


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A reference to footnote number `number` (1-based, in order of first reference)."""

    number: int


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break inside a paragraph."""


@dataclass(frozen=True, slots=True)
class Ref:
    """A mention of a character or glossary term, added by the cross-link pass.

    `target` is the entry's anchor; `link` is True for the first mention in a section (it becomes
    a link), False for later ones (plain text in the EPUB, an index target in the PDF).
    `mention` is a unique id the PDF index points at.
    """

    target: str
    children: tuple[Inline, ...]
    link: bool
    mention: str


Inline = Text | Code | Emph | Strong | Strike | Styled | Link | Image | NoteRef | LineBreak | Ref

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inlines."""

    inlines: tuple[Inline, ...]
    loc: SourceLocation


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside a section; `level` is relative: 1 is the first level below the section."""

    level: int
    inlines: tuple[Inline, ...]
    loc: SourceLocation
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted or numbered list; each item is a tuple of blocks; `start` numbers the first."""

    items: tuple[tuple[Block, ...], ...]
    ordered: bool
    start: int
    loc: SourceLocation


@dataclass(frozen=True, slots=True)
class BlockQuote:
    """A quotation; with a `speaker` it is a pull quote ("> [!quote] Speaker" in note apps)."""

    blocks: tuple[Block, ...]
    loc: SourceLocation
    speaker: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True)
class Aside:
    """A callout set apart from the text: `kind` is one of the styles in readers/callouts.py
    (note, info, summary, tip, important, success, question, warning, danger, example); `title`
    may be empty."""

    kind: str
    title: tuple[Inline, ...]
    blocks: tuple[Block, ...]
    loc: SourceLocation


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A block of code or preformatted text."""

    text: str
    loc: SourceLocation


@dataclass(frozen=True, slots=True)
class Rule:
    """A thematic break (a horizontal rule)."""

    loc: SourceLocation


@dataclass(frozen=True, slots=True)
class Table:
    """A table: the header cells, the rows of cells, and each column's alignment."""

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    aligns: tuple[str, ...]
    loc: SourceLocation


Block = Paragraph | Heading | ListBlock | BlockQuote | Aside | CodeBlock | Rule | Table

# ---------------------------------------------------------------- guide


@dataclass(frozen=True, slots=True)
class Entry:
    """A named entry of a characters or glossary section: "Name: description"."""

    term: str
    body: tuple[Inline, ...]
    loc: SourceLocation
    anchor: str = ""
    context: str = ""  # for terms the pipeline found itself: the sentence of first use
    aliases: tuple[str, ...] = ()  # other ways the text names this entry ("Kathy" for "Kathy H.")
    group: str = ""  # the sub-heading it was listed under ("Minor characters"), if any


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote, numbered in order of first reference."""

    number: int
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A top-level section of the guide: its kind, title, blocks and (for characters and glossary) entries."""

    kind: SectionKind
    title: str
    blocks: tuple[Block, ...]
    loc: SourceLocation
    entries: tuple[Entry, ...] = ()
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the guide says about the book: title, authors, year, genres, length, language."""

    title: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    year_text: str | None = None
    genres: tuple[str, ...] = ()
    pages: int | None = None
    reading_time: str | None = None
    language: str = "en"
    identifier: str = ""
    subtitle: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Guide:
    """One study guide: where it was read from, its metadata, sections, footnotes and images."""

    source: str
    dialect: str
    meta: Metadata
    sections: tuple[Section, ...]
    notes: tuple[Note, ...] = ()
    images: tuple[str, ...] = ()  # each local image once, in order of first use
    images_described: bool = True  # every image (in notes too) has a text alternative

    def section(self, kind: SectionKind) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)
