"""The markdown-it-py configuration: CommonMark plus front matter, footnotes, tables and typography."""

from __future__ import annotations

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
    md.enable(["replacements", "smartquotes", "table", "strikethrough"])
    return md


def parse_markdown(text: str, language: str = "en") -> list[Token]:
    return markdown_parser(language).parse(text)
