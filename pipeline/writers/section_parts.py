"""The parts of a section laid out for its kind: pull quotes, character and glossary entries, and
the at-a-glance facts. Each renders through an `XhtmlWriter`, whose `esc` does all the escaping."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.i18n.cldr import format_number, join_names
from pipeline.i18n.labels import labels_for
from pipeline.i18n.typography import quoted
from pipeline.model import guide as m
from pipeline.model.text import plain_text
from pipeline.writers.xhtml import QUOTE_ITEM, esc

if TYPE_CHECKING:
    from pipeline.writers.xhtml import XhtmlWriter


def pull_quotes(writer: XhtmlWriter, block: m.ListBlock) -> str:
    """Quote items ("“Words” — Speaker: why it matters") as pull quotes; others as a list."""
    out = []
    for item in block.items:
        text = (
            plain_text(item[0].inlines).replace("\n", " ")
            if item and isinstance(item[0], m.Paragraph)
            else ""
        )
        match = QUOTE_ITEM.match(text)
        if not match:
            out.append(writer.list_block(m.ListBlock((item,), False, 1, block.loc)))
            continue
        quote, speaker, explanation = match.group("quote", "speaker", "explanation")
        caption = f"<figcaption>— {esc(speaker.strip())}</figcaption>" if speaker else ""
        note = f'<p class="quote-explanation">{esc(explanation.strip())}</p>' if explanation else ""
        out.append(
            f'<div class="quote"><figure class="pullquote"><blockquote><p>{esc(quote.strip())}</p>'
            f"</blockquote>{caption}</figure>{note}</div>"
        )
    return "\n".join(out)


def entries(writer: XhtmlWriter, section: m.Section) -> str:
    if not section.entries:
        return ""
    css = "characters" if section.kind == "characters" else "glossary"
    opening = f'<dl class="entries {css}">'
    items = [opening]
    group = ""
    for entry in section.entries:
        if entry.group != group:  # a sub-heading the manuscript listed these entries under
            group = entry.group
            level = min(6, writer.heading_base + 1)
            items += ["</dl>", f'<h{level} class="entry-group">{esc(group)}</h{level}>', opening]
        term = esc(entry.term)
        if section.kind == "glossary":
            term = f"<dfn>{term}</dfn>"
        body = writer.inlines(entry.body)
        if entry.context:
            first_use = esc(labels_for(writer.language)["first_use"])
            # Marks set here, not by <q>: a reader's own quotes would nest the same marks twice.
            context = esc(quoted(entry.context, writer.language))
            body = f'<span class="first-use">{first_use}</span> <span class="context">{context}</span>'
        if writer.target == "pdf" and section.kind == "glossary" and entry.anchor in writer.first_mentions:
            mention = writer.first_mentions[entry.anchor]
            body += f' <a class="pageref" href="#{mention}"></a>'
        dd = f"<dd>{body}</dd>" if body else ""
        items.append(f'<div class="entry"><dt id="{entry.anchor}">{term}</dt>{dd}</div>')
    items.append("</dl>")
    # A group heading right at the start leaves an empty list before it: drop that.
    return "\n".join(items).replace(f"{opening}\n</dl>\n", "")


def glance(
    writer: XhtmlWriter, meta: m.Metadata, section: m.Section, length: tuple[int, int] | None = None
) -> str:
    """The at-a-glance facts: only the fields the manuscript gives, never an empty one."""
    labels = labels_for(writer.language)
    rows: list[tuple[str, str]] = []
    if meta.authors:
        authors = join_names(meta.authors, writer.language)  # "A, B, and C" as the language lists
        rows.append((labels["authors" if len(meta.authors) > 1 else "author"], authors))
    if meta.year_text:
        rows.append((labels["year"], meta.year_text))
    if meta.genres:
        rows.append((labels["genres"], " · ".join(meta.genres)))
    if meta.pages:
        rows.append((labels["pages"], format_number(meta.pages, writer.language)))
    if meta.reading_time:
        rows.append((labels["reading_time"], meta.reading_time))
    rows.extend((key, value) for key, value in meta.extra if value.strip() and value.strip() != "None")
    if length:
        words, minutes = length
        count = format_number(words, writer.language)  # "1,343 words", "1 343 mots"
        rows.append((labels["this_guide"], f"{count} {labels['words']} · {minutes} {labels['minutes']}"))
    facts = "\n".join(
        f'<div class="fact"><dt>{esc(key)}</dt><dd>{esc(value)}</dd></div>' for key, value in rows
    )
    listing = f'<dl class="glance">\n{facts}\n</dl>' if rows else ""
    return listing + ("\n" + writer.blocks(section.blocks) if section.blocks else "")
