"""Note-app links: `[[Page]]`, `[[Page|Alias]]` and `[[Page#Heading|Alias]]` read as their words,
`![[file.png]]` embeds as images; the same links in front matter values as plain names.

Obsidian, Logseq, Bear and Joplin write them; a guide cannot follow a link into someone's vault, so
a wikilink shows what the note app shows (its alias, else the page's name) and an embed becomes an
ordinary image token, which the one image policy (links.py) accepts or refuses with its warning.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from pipeline.model.lazy_pattern import LazyPattern

# A size after the bar of an embed ("|200", "|200x120") is a display width, not alt text.
_SIZE = LazyPattern(r"^\s*\d+(?:\s*x\s*\d+)?\s*$")
# Longest link read: a wikilink is a page name, never a paragraph; longer brackets stay literal.
MAX_WIKILINK = 400


def wikilink_label(inside: str) -> str:
    """What a note app shows for `[[inside]]`: the alias after the bar, else the page's name, else
    the heading or block it points at (`[[#Heading]]`). `\\|` is a bar escaped inside a table."""
    target, bar, alias = inside.replace("\\|", "|").partition("|")
    if bar and alias.strip():
        return alias.strip()
    page, _, heading = target.partition("#")
    return (page.strip() or heading.lstrip("^").strip()).strip()


def embed_parts(inside: str) -> tuple[str, str]:
    """The file an embed names and its alt text (the words after the bar, unless they are a size)."""
    target, bar, extra = inside.replace("\\|", "|").partition("|")
    alt = extra.strip() if bar and not _SIZE.match(extra) else ""
    return target.strip(), alt


def wikilink_rule(state: StateInline, silent: bool) -> bool:
    """`[[…]]` as its label (a text token); `![[…]]` as an image token for the image policy."""
    start = state.pos
    embed = state.src.startswith("![[", start)
    opening = start + (3 if embed else 2)
    if not embed and not state.src.startswith("[[", start):
        return False
    close = state.src.find("]]", opening, min(state.posMax, opening + MAX_WIKILINK) + 2)
    inside = state.src[opening:close] if close >= 0 else ""
    if not inside.strip() or "\n" in inside or "[" in inside or "]" in inside:
        return False  # "[[" without its "]]" on the same line, or nested brackets: not a wikilink
    if not silent:
        if embed:
            target, alt = embed_parts(inside)
            token = state.push("image", "img", 0)
            token.attrs = {"src": state.md.normalizeLink(target), "alt": ""}
            token.children = [Token("text", "", 0, content=alt)] if alt else []
            token.content = alt
        else:
            token = state.push("text", "", 0)
            token.content = wikilink_label(inside)
    state.pos = close + 2
    return True


def wikilinks_plugin(md: MarkdownIt) -> None:
    # Before "link" and "image": "[[Page]]" is otherwise read as brackets around a reference.
    md.inline.ruler.before("link", "wikilink", wikilink_rule)
    md.core.ruler.after("inline", "image_sizes", _image_sizes)


_ALT_SIZE = LazyPattern(r"\|\s*\d+(?:\s*x\s*\d+)?\s*$")


def _image_sizes(state: StateCore) -> None:
    """Obsidian sizes Markdown images in their alt text (`![Moors|200](moors.png)`): the size is a
    display width, not words for a reader, and leaves the alt text."""
    if "![" not in state.src:  # no image anywhere (an embed "![[x.png]]" has it too)
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        for token in block.children:
            if token.type == "image" and token.children and token.children[-1].type == "text":
                last = token.children[-1]
                trimmed = _ALT_SIZE.sub("", last.content)
                if trimmed != last.content:
                    last.content = trimmed.rstrip()
                    token.content = _ALT_SIZE.sub("", token.content).rstrip()


def plain_value(value: object) -> object:
    """A front matter value with its wikilinks as names: `"[[Emily Brontë]]"` is "Emily Brontë",
    and an unquoted `[[Emily Brontë]]`, which YAML reads as a list in a list, is the name too."""
    if isinstance(value, str):
        return _value_text(value)
    if isinstance(value, list):
        flat: list[object] = []
        for item in value:
            if isinstance(item, list) and all(isinstance(part, str) for part in item):
                flat.extend(_value_text(part) for part in item)
            else:
                flat.append(plain_value(item))
        return flat
    return value


def _value_text(text: str) -> str:
    if "[[" not in text:
        return text
    out: list[str] = []
    position = 0
    while (opening := text.find("[[", position)) >= 0:
        close = text.find("]]", opening + 2)
        inside = text[opening + 2 : close] if close >= 0 else ""
        if not inside.strip() or "[" in inside:
            out.append(text[position : opening + 2])
            position = opening + 2
            continue
        embed = opening > 0 and text[opening - 1] == "!"
        out.append(text[position : opening - 1 if embed else opening])
        out.append(embed_parts(inside)[1] if embed else wikilink_label(inside))
        position = close + 2
    out.append(text[position:])
    return "".join(out).strip()
