"""CSS made inert: nothing it names leaves the book, nothing closes its <style>.

Two kinds of CSS reach reading systems and browsers as written: a theme folder's e-reader CSS (the
EPUB's one stylesheet, css/guide.css, and the HTML preview's inlined <style>) and the styles of
an SVG beside a manuscript (its <style> elements and style, fill, cursor, marker … attributes).
The PDF has its own guard (a fetcher that serves only the allowed folders); these have only this:

- `@import` rules are dropped: the book holds no other stylesheet to import, and an import names a
  remote or local file a reading system would fetch (file:///etc/passwd, https://tracker/…).
- A URL in `url()`, `src()` or `image-set()` that is not a plain relative path (a scheme other than
  data:, `//host`, `/absolute`, `..`, a backslash) becomes `none`.
- `</` becomes `<\\/` (the same characters to CSS) so no text ends the preview's <style> element.

tinycss2 (WeasyPrint's own CSS parser) reads escapes as CSS does (`@\\69mport` is `@import`) and
writes back an untouched stylesheet byte for byte, so the shipped styles come out unchanged.
"""

from __future__ import annotations

import re

import tinycss2
from tinycss2 import ast

_URL_FUNCTIONS = ("url", "src")  # and every *image-set(): its strings are URLs
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def inert_css(css: str) -> str:
    """The stylesheet with its imports dropped and every URL leading out of the book made `none`;
    a stylesheet with neither is returned as written (tinycss2 would requote its strings)."""
    if "@" in css or "(" in css:
        rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=False)
        changes: list[str] = []
        kept = [_inert_rule(rule, changes) for rule in rules if not _is_import(rule, changes)]
        if changes:
            css = tinycss2.serialize(kept)
    return css.replace("</", "<\\/")


def inert_css_value(text: str) -> str:
    """A declaration list or property value (an SVG's style or fill attribute) made inert the same
    way; returned as written when nothing in it leaves the book."""
    if "(" not in text and "@" not in text:
        return text
    changes: list[str] = []
    values = _inert_values(tinycss2.parse_component_value_list(text, skip_comments=True), changes)
    return tinycss2.serialize(values) if changes else text


def leaves_the_book(url: str) -> bool:
    """Whether a URL could be fetched from outside the stylesheet's own book (data: stays inside)."""
    url = url.strip()
    if url.lower().startswith("data:") or url.startswith("#"):
        return False
    path = url.split("#")[0].split("?")[0]
    return bool(_SCHEME.match(url) or url.startswith(("/", "\\")) or "\\" in url or ".." in path.split("/"))


def _is_import(rule, changes: list[str]) -> bool:
    if isinstance(rule, ast.AtRule) and rule.lower_at_keyword == "import":
        changes.append("@import")
        return True
    return False


def _inert_rule(rule, changes: list[str]):
    if isinstance(rule, ast.QualifiedRule | ast.AtRule):
        rule.prelude = _inert_values(rule.prelude, changes)
        if rule.content is not None:  # declarations, or the rules of an @media block
            rule.content = _inert_values(rule.content, changes)
    return rule


def _inert_values(values: list, changes: list[str]) -> list:
    out: list = []
    skipping = False  # inside an @import nested in a block, up to its ';'
    for node in values:
        if skipping:
            skipping = not (isinstance(node, ast.LiteralToken) and node.value == ";")
            continue
        if isinstance(node, ast.AtKeywordToken) and node.lower_value == "import":
            changes.append("@import")
            skipping = True
            continue
        if isinstance(node, ast.URLToken) and leaves_the_book(node.value):
            changes.append(node.value)
            node = ast.IdentToken(node.source_line, node.source_column, "none")
        elif isinstance(node, ast.FunctionBlock):
            outward = [
                arg.value
                for arg in _flat(node.arguments)
                if isinstance(arg, ast.StringToken | ast.URLToken) and leaves_the_book(arg.value)
            ]
            if _takes_urls(node.lower_name) and outward:
                changes.extend(outward)
                node = ast.IdentToken(node.source_line, node.source_column, "none")
            else:
                node.arguments = _inert_values(node.arguments, changes)
        elif isinstance(node, ast.ParenthesesBlock | ast.SquareBracketsBlock | ast.CurlyBracketsBlock):
            node.content = _inert_values(node.content, changes)
        out.append(node)
    return out


def _takes_urls(name: str) -> bool:
    return name in _URL_FUNCTIONS or name.endswith("image-set")


def _flat(values: list):
    for node in values:
        yield node
        if isinstance(node, ast.FunctionBlock):
            yield from _flat(node.arguments)
        elif isinstance(node, ast.ParenthesesBlock | ast.SquareBracketsBlock | ast.CurlyBracketsBlock):
            yield from _flat(node.content)
