"""Definition lists (pandoc and PHP Markdown Extra: `Term` then `:   definition`) as the list items
everything downstream already reads: each term one item, "**Term**: definition".

Word files converted by pandoc and many glossaries write characters, themes and terms this way; as
bold-label items they become entries in a characters or glossary section, themes in a themes
section, and a plain list elsewhere, exactly as "- **Name**: text" bullets do. A definition that
runs over several paragraphs keeps them as the item's further paragraphs; a term with several
definitions gets them as a numbered list under its name (an entry reads them as "one; two"), or,
when each is a sentence, as paragraphs that read on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown_it.token import Token

from pipeline.model import guide as m
from pipeline.model.text import plain_text

_SENTENCE_ENDS = (".", "!", "?", "…", "。", "！", "？", "۔", "؟", "”", "»", '"')

if TYPE_CHECKING:  # tokens.py calls in here with its converter
    from pipeline.readers.tokens import Converter


def definition_list(converter: Converter, tokens: list[Token], index: int) -> tuple[m.ListBlock, int]:
    """The `dl_open` at `index` as a bulleted list of bold terms; the index past its `dl_close`."""
    opening = tokens[index]
    items: list[tuple[m.Block, ...]] = []
    index += 1
    while tokens[index].type != "dl_close":
        token = tokens[index]
        if token.type == "dt_open":
            loc = converter.loc(token)
            term = converter.inlines(tokens[index + 1].children or [], loc.line)
            definitions: list[tuple[m.Block, ...]] = []
            index += 3
            while tokens[index].type == "dd_open":
                inner, index = converter.blocks(tokens, index + 1, "dd_close")
                if inner:
                    definitions.append(tuple(inner))
            items.append(_item(term, definitions, loc))
        else:
            index += 1
    return m.ListBlock(tuple(items), False, 1, converter.loc(opening)), index + 1


def _item(
    term: tuple[m.Inline, ...], definitions: list[tuple[m.Block, ...]], loc: m.SourceLocation
) -> tuple[m.Block, ...]:
    label: tuple[m.Inline, ...] = (
        term if len(term) == 1 and isinstance(term[0], m.Strong) else (m.Strong(term),)
    )
    if len(definitions) == 1 and isinstance(first := definitions[0][0], m.Paragraph):
        return (m.Paragraph((*label, m.Text(": "), *first.inlines), first.loc), *definitions[0][1:])
    heading = m.Paragraph(label, loc)
    if len(definitions) == 1:
        return (heading, *definitions[0])
    if not definitions:
        return (heading,)
    if all(_ends_sentence(definition) for definition in definitions):
        # Sentences read on from one another ("Heathcliff's soulmate. Later Catherine Linton.")
        return _item(term, [tuple(block for definition in definitions for block in definition)], loc)
    return (heading, m.ListBlock(tuple(definitions), True, 1, loc))


def _ends_sentence(blocks: tuple[m.Block, ...]) -> bool:
    last = blocks[-1]
    return isinstance(last, m.Paragraph) and plain_text(last.inlines).rstrip().endswith(_SENTENCE_ENDS)
