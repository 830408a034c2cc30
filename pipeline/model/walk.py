"""Generic traversal of the model: every block and inline of a section, depth first."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.model import guide as m


def iter_blocks(blocks: tuple[m.Block, ...]) -> Iterator[m.Block]:
    stack = list(reversed(blocks))
    while stack:  # iterative: a list nested a hundred deep must not exhaust the call stack
        block = stack.pop()
        yield block
        if isinstance(block, m.ListBlock):
            for item in reversed(block.items):
                stack.extend(reversed(item))
        elif isinstance(block, (m.BlockQuote, m.Aside)):
            stack.extend(reversed(block.blocks))


def block_inlines(block: m.Block) -> Iterator[tuple[m.Inline, ...]]:
    if isinstance(block, (m.Paragraph, m.Heading)):
        yield block.inlines
    elif isinstance(block, m.BlockQuote) and block.speaker:
        yield block.speaker
    elif isinstance(block, m.Aside) and block.title:
        yield block.title
    elif isinstance(block, m.Table):
        yield from block.header
        for row in block.rows:
            yield from row


def iter_inline_tree(inlines: tuple[m.Inline, ...]) -> Iterator[m.Inline]:
    stack = list(reversed(inlines))
    while stack:
        inline = stack.pop()
        yield inline
        if isinstance(inline, (m.Emph, m.Strong, m.Strike, m.Styled, m.Link, m.Ref)):
            stack.extend(reversed(inline.children))


def iter_inlines(section: m.Section) -> Iterator[m.Inline]:
    for block in iter_blocks(section.blocks):
        for inlines in block_inlines(block):
            yield from iter_inline_tree(inlines)
    for entry in section.entries:
        yield from iter_inline_tree(entry.body)
