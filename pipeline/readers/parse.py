"""The markdown-it-py configuration: CommonMark plus front matter, footnotes, tables, pandoc's
attributes and typography."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from pipeline.i18n.typography import quote_marks
from pipeline.model.lazy_pattern import LazyPattern
from pipeline.readers.nesting import cap_nesting
from pipeline.readers.note_syntax import note_syntax_plugin
from pipeline.readers.rule_triggers import use_triggers

# markdown-it stops descending past this many nested blocks and silently drops what follows.
# `cap_nesting` flattens the text below it before the parse (the renderers recurse too, so the
# limit is generous but bounded); `recover_deep_content` mends what the cap may still miss.
MAX_NESTING = 100
# The levels the text keeps: a margin below MAX_NESTING for the paragraph, table or note inside.
KEPT_NESTING = MAX_NESTING - 10
# Each re-parse in `recover_deep_content` reads the rest of the text again: a few keep it linear.
_MAX_REPARSES = 4


@lru_cache(maxsize=16)
def markdown_parser(language: str = "en") -> MarkdownIt:
    """One configured parser per quote style; building one costs more than parsing a guide."""
    primary = language.split("-")[0].lower()
    md = MarkdownIt(
        "commonmark",
        {"typographer": True, "quotes": quote_marks(primary), "maxNesting": MAX_NESTING},
    )
    md.use(front_matter_plugin).use(footnote_plugin).use(note_syntax_plugin)
    # Pandoc's `[text]{.underline}` spans, and `{#id .class}` after images, links and code, which
    # are dropped: only a span's class is kept (word_exports.styled_span reads it).
    md.use(attrs_plugin, spans=True, allowed=("class",))
    # TeX math ($…$ and $$…$$, as pandoc, Obsidian and GitHub read it) is the author's notation: kept
    # as written, never made typographic ("R^2 - h^2" got a dash). Pandoc's rule keeps prices out:
    # no space inside the dollars, no digit right after the closing one ("$5 and $10").
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, allow_labels=False)
    # Not markdown-it's "replacements": it makes "--" an en dash, while our typography makes it the
    # same dash as a spaced hyphen in the guide's language (see typography.smarten).
    md.enable(["smartquotes", "table", "strikethrough"])
    md.disable("replacements")
    # markdown-it silently leaves javascript:, vbscript:, file: and most data: links as literal
    # Markdown source (no warning, the URL shown in full). Let every link and image through as a
    # token instead: the one link policy (links.py) refuses them, warns with the line and keeps
    # only their text. We never use markdown-it's own HTML renderer, which this check guards.
    md.validateLink = _every_link_reaches_the_policy
    use_triggers(md)  # last: it reads the rules every plugin added
    return md


def _every_link_reaches_the_policy(url: str) -> bool:
    return True


def parse_markdown(text: str, language: str = "en") -> list[Token]:
    return markdown_parser(language).parse(text)


def read_blocks(text: str, language: str = "en") -> tuple[list[Token], list[int]]:
    """The tokens of a manuscript's Markdown, nesting capped; and the 0-based lines flattened."""
    capped, flattened = cap_nesting(text, KEPT_NESTING)
    tokens, recovered = recover_deep_content(parse_markdown(capped, language), capped, language)
    return tokens, sorted(set(flattened).union(recovered))


_MARKERS = LazyPattern(r"^(?:\s*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s)))+\s*")
_TOP_LEVEL_START = LazyPattern(r"^(?:#{1,6}\s|[^\s>*+\-\d])")
_LEAF_TYPES = {"inline", "fence", "code_block", "html_block", "hr", "front_matter", "table_open"}


def recover_deep_content(
    tokens: list[Token], text: str, language: str = "en", reparses: int = _MAX_REPARSES
) -> tuple[list[Token], list[int]]:
    """Give back the text markdown-it drops past its nesting limit.

    markdown-it stops descending at `MAX_NESTING` and silently skips the rest of that container,
    often the rest of the file. When a parse reached that depth, every non-blank line no leaf token
    covers is found. Those inside the deep structure come back flattened into plain paragraphs;
    from the first one that starts a new top-level block (a heading after a deep list), the text is
    parsed again as ordinary Markdown, at most `reparses` times. Returns the tokens and the 0-based
    lines recovered.

    Only lines after the first block at that depth count as dropped: lines before it that no token
    covers are there by design (footnote definitions nobody cites leave no token), and taking one for
    a restart made the same text parse again and again until Python's recursion limit.
    """
    deep = next((t.map[0] for t in tokens if t.level >= MAX_NESTING - 2 and t.map), None)
    if deep is None:
        return tokens, []
    covered: set[int] = set()
    for token in tokens:
        if token.type in _LEAF_TYPES and token.map:
            covered.update(range(token.map[0], token.map[1]))
    lines = text.split("\n")
    dropped = [n for n in range(deep, len(lines)) if n not in covered and _MARKERS.sub("", lines[n]).strip()]
    if not dropped:
        return tokens, []
    starts = (n for n in dropped if n > deep and _TOP_LEVEL_START.match(lines[n]))
    restart = next(starts, None) if reparses > 0 else None
    flattened = [n for n in dropped if restart is None or n < restart]
    out = list(tokens)
    for run in reversed(_runs(flattened)):  # from the end, so earlier positions stay valid
        content = " ".join(_MARKERS.sub("", lines[n]).strip() for n in run)
        out[_top_level_position_after(out, run[-1]) : _top_level_position_after(out, run[-1])] = _paragraph(
            content, run[0], run[-1] + 1
        )
    if restart is not None:
        rest = "\n".join(lines[restart:])
        more, more_dropped = recover_deep_content(
            parse_markdown(rest, language), rest, language, reparses - 1
        )
        for token in more:
            _shift(token, restart)
        # Everything from the restart on comes from the new parse (only opening tokens were once
        # dropped, which left their text twice); the first parse's footnotes stay.
        cut = _top_level_position_after(out, restart - 1)
        out = out[:cut] + _footnote_blocks(out[cut:]) + more
        flattened += [restart + n for n in more_dropped]
    return out, flattened


def _footnote_blocks(tokens: list[Token]) -> list[Token]:
    kept: list[Token] = []
    inside = False
    for token in tokens:
        inside = inside or token.type == "footnote_block_open"
        if inside:
            kept.append(token)
        inside = inside and token.type != "footnote_block_close"
    return kept


def _runs(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def _shift(token: Token, offset: int) -> None:
    if token.map:
        token.map = [token.map[0] + offset, token.map[1] + offset]
    for child in token.children or []:
        _shift(child, offset)


def _top_level_position_after(tokens: list[Token], line: int) -> int:
    for index, token in enumerate(tokens):
        if token.level == 0 and token.nesting >= 0 and token.map and token.map[0] > line:
            return index
    return len(tokens)


def _paragraph(content: str, start: int, end: int) -> list[Token]:
    opening = Token("paragraph_open", "p", 1, map=[start, end], block=True)
    inline = Token(
        "inline",
        "",
        0,
        map=[start, end],
        content=content,
        block=True,
        children=[Token("text", "", 0, content=content)],
    )
    closing = Token("paragraph_close", "p", -1, block=True)
    return [opening, inline, closing]
