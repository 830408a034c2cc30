"""The markdown-it-py configuration: CommonMark plus front matter, footnotes, tables and typography."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

# markdown-it stops descending past this many nested blocks and silently drops what follows;
# the normaliser checks for that (see `normalise.check_nesting`), so keep the limit generous
# but bounded, because the renderers recurse too.
MAX_NESTING = 100

# Curly quotes by language (primary subtag): double open, double close, single open, single close.
_QUOTES = {
    "en": "“”‘’",
    "fr": ["«\u202f", "\u202f»", "“", "”"],
    "de": "„“‚‘",
    "es": "«»“”",
    "it": "«»“”",
    "pt": "«»“”",
    "nl": "“”‘’",
    "ru": "«»„“",
    "pl": "„”‚’",
    "sv": "””’’",
    "zh": "“”‘’",
    "ja": "「」『』",
}


@lru_cache(maxsize=16)
def markdown_parser(language: str = "en") -> MarkdownIt:
    """One configured parser per quote style; building one costs more than parsing a guide."""
    primary = language.split("-")[0].lower()
    md = MarkdownIt(
        "commonmark",
        {"typographer": True, "quotes": _QUOTES.get(primary, _QUOTES["en"]), "maxNesting": MAX_NESTING},
    )
    md.use(front_matter_plugin).use(footnote_plugin)
    # Not markdown-it's "replacements": it makes "--" an en dash, while our typography makes it the
    # same dash as a spaced hyphen in the guide's language (see typography.smarten).
    md.enable(["smartquotes", "table", "strikethrough"])
    md.disable("replacements")
    return md


def parse_markdown(text: str, language: str = "en") -> list[Token]:
    return markdown_parser(language).parse(text)


_MARKERS = re.compile(r"^(?:\s*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s)))+\s*")
_LEAF_TYPES = {"inline", "fence", "code_block", "html_block", "hr", "front_matter", "table_open"}


def recover_deep_content(tokens: list[Token], text: str) -> tuple[list[Token], list[int]]:
    """Give back the text markdown-it drops past its nesting limit, as plain paragraphs.

    markdown-it stops descending at `MAX_NESTING` and silently skips what lies deeper. When a
    parse reached that depth, every non-blank line that no leaf token covers is collected and
    inserted, flattened, where it stood. Returns the tokens and the 0-based lines recovered.
    """
    if not tokens or max(token.level for token in tokens) < MAX_NESTING - 2:
        return tokens, []
    covered: set[int] = set()
    for token in tokens:
        if token.type in _LEAF_TYPES and token.map:
            covered.update(range(token.map[0], token.map[1]))
    lines = text.split("\n")
    dropped = [
        number
        for number, line in enumerate(lines)
        if number not in covered and _MARKERS.sub("", line).strip()
    ]
    if not dropped:
        return tokens, []
    runs: list[list[int]] = []
    for number in dropped:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    out = list(tokens)
    for run in reversed(runs):  # insert from the end so earlier positions stay valid
        content = " ".join(_MARKERS.sub("", lines[n]).strip() for n in run)
        position = _top_level_position_after(out, run[-1])
        out[position:position] = _paragraph(content, run[0], run[-1] + 1)
    return out, dropped


def _top_level_position_after(tokens: list[Token], line: int) -> int:
    for index, token in enumerate(tokens):
        if token.level == 0 and token.nesting >= 0 and token.map and token.map[0] > line:
            return index
    return len(tokens)


def _paragraph(content: str, start: int, end: int) -> list[Token]:
    opening = Token("paragraph_open", "p", 1, map=[start, end], block=True)
    inline = Token("inline", "", 0, map=[start, end], content=content, block=True,
                   children=[Token("text", "", 0, content=content)])
    closing = Token("paragraph_close", "p", -1, block=True)
    return [opening, inline, closing]
