"""Model -> XHTML fragments for both writers; every piece of escaping in the project lives here."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from markupsafe import Markup

from pipeline.i18n.labels import labels_for
from pipeline.model import guide as m
from pipeline.model.lazy_pattern import LazyPattern
from pipeline.model.walk import iter_blocks

Target = Literal["epub", "pdf"]

# epub:type and ARIA role of each section kind (EPUB 3 Structural Semantics, DPUB-ARIA).
SEMANTICS: dict[str, tuple[str, str]] = {
    "info": ("preamble", ""),
    "summary": ("chapter", "doc-chapter"),
    "characters": ("chapter", "doc-chapter"),
    "themes": ("chapter", "doc-chapter"),
    "takeaways": ("conclusion", "doc-conclusion"),
    "significance": ("afterword", "doc-afterword"),
    "questions": ("appendix", "doc-appendix"),
    "glossary": ("glossary", "doc-glossary"),
    "quotes": ("appendix", "doc-appendix"),
    "symbols": ("chapter", "doc-chapter"),
    "chapters": ("chapter", "doc-chapter"),
    "reading": ("bibliography", "doc-bibliography"),
    "other": ("chapter", "doc-chapter"),
}


QUOTE_ITEM = LazyPattern(
    r"^\s*[“\"«„「]\s?(?P<quote>.+?)\s?[”\"»“」]\s*(?:[—–-]\s*(?P<speaker>[^:：]+?))?\s*(?:[:：]\s*(?P<explanation>.+))?$",
    re.S,
)


# The element each kind of Styled inline is written as (styles/base.css gives them their look).
_STYLE_TAGS: dict[str, str] = {
    "underline": "u",
    "mark": "mark",
    "sup": "sup",
    "sub": "sub",
    "small": "small",
    "abbr": "abbr",
}

_LONG_RUN = 80
# Runs of characters with no break opportunity; ideographic scripts break anywhere already.
# Compiled (and cached by `re`) on first use: only PDFs need it, and it costs a millisecond to compile.
_UNBROKEN = rf"[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]{{{_LONG_RUN},}}"


def esc(text: str) -> str:
    """html.escape(text, quote=True), called for every run of text: written out, one call less."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def lone_image(inlines: tuple[m.Inline, ...]) -> bool:
    """The paragraph is one image and nothing else but spaces."""
    images = 0
    for item in inlines:
        if isinstance(item, m.Image):
            images += 1
        elif not isinstance(item, m.Text) or item.text.strip():
            return False  # most paragraphs: words first, so known at once
    return images == 1


@dataclass(slots=True)
class XhtmlWriter:
    """Renders blocks and inlines for one target; notes are rendered where the target wants them."""

    target: Target
    language: str
    notes: dict[int, m.Note]
    image_href: Callable[[str], str]
    note_href: Callable[[int], str] = lambda number: f"#note-{number}"
    anchor_href: Callable[[str], str] = lambda anchor: f"#{anchor}"
    heading_base: int = 1
    first_mentions: dict[str, str] = field(default_factory=dict)  # entry anchor -> first mention id
    id_prefix: str = ""  # keeps note ids apart when several guides share one document or book
    note_refs_seen: dict[int, int] = field(default_factory=dict)

    # ------------------------------------------------------------ inlines

    def inlines(self, inlines: tuple[m.Inline, ...]) -> str:
        # Plain text is most of every paragraph: escaped here, without the calls inline() makes.
        plain = self.target != "pdf"
        return "".join(
            [esc(item.text) if plain and type(item) is m.Text else self.inline(item) for item in inlines]
        )

    def text(self, text: str) -> str:
        if self.target == "pdf" and len(text) > _LONG_RUN:
            # WeasyPrint lays out an unbreakable word in quadratic time (50,000 characters take
            # minutes); a zero-width space every few dozen characters gives it places to break.
            text = re.sub(_UNBROKEN, lambda m: "\u200b".join(re.findall(".{1,40}", m.group(0))), text)
        return esc(text)

    def inline(self, item: m.Inline) -> str:
        if isinstance(item, m.Text):
            return self.text(item.text)
        if type(item) is m.Ref:  # cross-links are the commonest after text: not last in the chain
            return self.ref(item)
        if isinstance(item, m.Code):
            return f"<code>{self.text(item.text)}</code>"
        if isinstance(item, m.Emph):
            return f"<em>{self.inlines(item.children)}</em>"
        if isinstance(item, m.Strong):
            return f"<strong>{self.inlines(item.children)}</strong>"
        if isinstance(item, m.Strike):
            return f"<s>{self.inlines(item.children)}</s>"
        if isinstance(item, m.Styled):
            return self.styled(item)
        if isinstance(item, m.Link):
            return f'<a href="{esc(item.href)}">{self.inlines(item.children)}</a>'
        if isinstance(item, m.Image):
            return f'<img src="{esc(self.image_href(item.src))}" alt="{esc(item.alt)}"/>'
        if isinstance(item, m.NoteRef):
            return self.note_ref(item.number)
        if isinstance(item, m.LineBreak):
            return "<br/>"
        if isinstance(item, m.Ref):
            return self.ref(item)
        raise TypeError(f"unknown inline {item!r}")

    def styled(self, item: m.Styled) -> str:
        tag = _STYLE_TAGS[item.kind]
        title = f' title="{esc(item.title)}"' if item.title else ""
        return f"<{tag}{title}>{self.inlines(item.children)}</{tag}>"

    def ref(self, item: m.Ref) -> str:
        inner = self.inlines(item.children)
        if self.target == "pdf":
            self.first_mentions.setdefault(item.target, item.mention)
            if item.link:
                return f'<a class="xref" id="{item.mention}" href="#{item.target}">{inner}</a>'
            return f'<span class="mention" id="{item.mention}">{inner}</span>'
        if item.link:
            return f'<a class="xref" href="{esc(self.anchor_href(item.target))}">{inner}</a>'
        return inner

    def note_ref(self, number: int) -> str:
        count = self.note_refs_seen[number] = self.note_refs_seen.get(number, 0) + 1
        if self.target == "pdf":
            note = self.notes.get(number)
            if note is None or count > 1:  # WeasyPrint footnotes float once; later calls point back
                return f'<a class="noteref" href="#{self.id_prefix}note-{number}">{number}</a>'
            body = " ".join(
                self.inlines(b.inlines) for b in iter_blocks(note.blocks) if hasattr(b, "inlines")
            )
            return f'<span class="footnote" id="{self.id_prefix}note-{number}">{body}</span>'
        ref_id = f"{self.id_prefix}noteref-{number}" + ("" if count == 1 else f"-{count}")
        return (
            f'<sup><a class="noteref" epub:type="noteref" role="doc-noteref" id="{ref_id}" '
            f'href="{esc(self.note_href(number))}">{number}</a></sup>'
        )

    # ------------------------------------------------------------ blocks

    def blocks(self, blocks: tuple[m.Block, ...]) -> str:
        return "\n".join(self.block(block) for block in blocks)

    def block(self, block: m.Block) -> str:
        if isinstance(block, m.Paragraph):
            # A picture on its own is a figure (full width); an image among words is an icon at
            # text height. The style sheet tells them apart by this class.
            css = ' class="figure"' if lone_image(block.inlines) else ""
            return f"<p{css}>{self.inlines(block.inlines)}</p>"
        if isinstance(block, m.Heading):
            level = min(6, self.heading_base + block.level)
            ident = f' id="{block.anchor}"' if block.anchor else ""
            return f"<h{level}{ident}>{self.inlines(block.inlines)}</h{level}>"
        if isinstance(block, m.ListBlock):
            return self.list_block(block)
        if isinstance(block, m.BlockQuote) and block.speaker:
            return (
                f'<div class="quote"><figure class="pullquote"><blockquote>{self.blocks(block.blocks)}'
                f"</blockquote><figcaption>— {self.inlines(block.speaker)}</figcaption></figure></div>"
            )
        if isinstance(block, m.BlockQuote):
            return f"<blockquote>{self.blocks(block.blocks)}</blockquote>"
        if isinstance(block, m.Aside):
            return self.aside(block)
        if isinstance(block, m.CodeBlock):
            return f"<pre><code>{esc(block.text)}</code></pre>"
        if isinstance(block, m.Rule):
            return '<hr class="break"/>'
        if isinstance(block, m.Table):
            return self.table(block)
        raise TypeError(f"unknown block {block!r}")

    def aside(self, block: m.Aside) -> str:
        """A callout as a note set apart: a div with the note role, not an <aside>, which some
        reading systems hide as they hide footnotes. Its kind picks its style, never its words."""
        if not block.title and not block.blocks:
            return ""  # "> [!note]" and nothing else: no empty note for a screen reader to announce
        role = "doc-tip" if block.kind == "tip" else "note"
        kind = esc(block.kind)  # one of the reader's fixed styles; escaped all the same
        title = f'<p class="callout-title">{self.inlines(block.title)}</p>' if block.title else ""
        return f'<div class="callout callout-{kind}" role="{role}">{title}{self.blocks(block.blocks)}</div>'

    def list_block(self, block: m.ListBlock, css_class: str = "") -> str:
        tag = "ol" if block.ordered else "ul"
        attrs = f' class="{css_class}"' if css_class else ""
        if block.ordered and block.start != 1:
            attrs += f' start="{block.start}"'
        items = []
        for item in block.items:
            # A tight item of one paragraph needs no <p>: it keeps lists compact on the page.
            if len(item) == 1 and isinstance(item[0], m.Paragraph):
                items.append(f"<li>{self.inlines(item[0].inlines)}</li>")
            else:
                items.append(f"<li>{self.blocks(item)}</li>")
        return f"<{tag}{attrs}>\n" + "\n".join(items) + f"\n</{tag}>"

    def table(self, table: m.Table) -> str:
        def cells(tag: str, row: tuple[tuple[m.Inline, ...], ...]) -> str:
            out = []
            for index, cell in enumerate(row):
                align = table.aligns[index] if index < len(table.aligns) else ""
                style = f' class="align-{align}"' if align in ("left", "right", "center") else ""
                out.append(f"<{tag}{style}>{self.inlines(cell)}</{tag}>")
            return "<tr>" + "".join(out) + "</tr>"

        head = f"<thead>{cells('th', table.header)}</thead>" if table.header else ""
        body = "".join(cells("td", row) for row in table.rows)
        return f"<table>{head}<tbody>{body}</tbody></table>"

    # ------------------------------------------------------------ sections

    def section_body(self, section: m.Section) -> str:
        """A section's content below its heading, laid out for its kind."""
        if section.kind in ("characters", "glossary"):
            return self.blocks(section.blocks) + "\n" + self.entries(section)
        parts = []
        for block in section.blocks:
            if isinstance(block, m.ListBlock) and section.kind == "quotes":
                parts.append(self.pull_quotes(block))
            elif isinstance(block, m.ListBlock) and section.kind in ("themes", "questions", "takeaways"):
                parts.append(self.list_block(block, section.kind))
            else:
                parts.append(self.block(block))
        return "\n".join(parts)

    # The parts of a section laid out for its kind live in section_parts.py, which imports `esc`
    # from here: imported when first used, so the two modules do not import each other at load.
    def pull_quotes(self, block: m.ListBlock) -> str:
        from pipeline.writers.section_parts import pull_quotes

        return pull_quotes(self, block)

    def entries(self, section: m.Section) -> str:
        from pipeline.writers.section_parts import entries

        return entries(self, section)

    def glance(self, meta: m.Metadata, section: m.Section, length: tuple[int, int] | None = None) -> str:
        from pipeline.writers.section_parts import glance

        return glance(self, meta, section, length)

    def notes_aside(self, numbers: list[int]) -> str:
        """EPUB footnotes: asides that pop up on Apple Books and Kobo, each with a back-link."""
        back = esc(labels_for(self.language)["back"])
        out = []
        for number in numbers:
            note = self.notes[number]
            body = self.blocks(note.blocks) or "<p></p>"
            backlink = (
                f'<a class="backlink" role="doc-backlink" href="#{self.id_prefix}noteref-{number}" '
                f'title="{back}">{number}.</a> '
            )
            body = body.replace("<p>", "<p>" + backlink, 1) if body.startswith("<p>") else backlink + body
            out.append(
                f'<aside class="footnote" epub:type="footnote" role="doc-footnote" '
                f'id="{self.id_prefix}note-{number}">'
                f"{body}</aside>"
            )
        return "\n".join(out)


def markup(text: str) -> Markup:
    """Mark a fragment from this module as safe for the Jinja2 templates."""
    return Markup(text)
