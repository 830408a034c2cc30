"""A page exported from an outliner (Roam Research, Logseq without a `title::` line): every line a
bullet, the page's attributes first ("- Author:: [[Bram Stoker]]"), and its title nowhere in the
text, since the app shows it above the page and writes it as the file's name ("Dracula.md"). Such
a page is titled by its file name rather than refused for having no title: its attribute bullets
become the property lines Logseq writes at the top of a page, under a `# Title` heading that maps
to the first of them, so every later line keeps its number in warnings."""

from __future__ import annotations

import re

from pipeline.model.lazy_pattern import LazyPattern
from pipeline.readers.dialects import Adapted

# A bulleted attribute line, as Roam and Logseq write them: "- Author:: value".
_ATTRIBUTE = LazyPattern(r"^[-*] +(?=[^\W\d_][\w -]{0,40}::(?:[ \t]|$))")
_HEADING = LazyPattern(r"^#{1,6}[ \t]", re.M)  # a top-level heading anywhere


def outliner_page(text: str, stem: str) -> tuple[str, str | None]:
    """The text with its leading attribute bullets as property lines (each in its place), and the
    file name as the title when the text is an outliner page that starts with its attributes and
    has no top-level heading; else the text and None."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    title = " ".join(stem.split())
    if first is None or not title or not _ATTRIBUTE.match(lines[first]) or _HEADING.search(text):
        return text, None
    index = first
    while index < len(lines) and _ATTRIBUTE.match(lines[index]):
        lines[index] = _ATTRIBUTE.sub("", lines[index], count=1)
        index += 1
    return "\n".join(lines), title


def titled(adapted: Adapted, title: str) -> Adapted:
    """The page under its `# Title` heading, read as Markdown; the heading's line is the first."""
    lines = adapted.text.count("\n") + 1
    first = next((i for i, line in enumerate(adapted.text.split("\n")) if line.strip()), 0)
    line_map = (adapted.source_line(first), *(adapted.source_line(i) for i in range(lines)))
    return Adapted(f"# {title.replace(chr(10), ' ')}\n{adapted.text}", line_map, "labelled", adapted.notes)
