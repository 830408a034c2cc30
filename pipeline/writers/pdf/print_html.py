"""WeasyPrint documents for print: a user-agent sheet scoped to our elements, our XHTML read by expat.

Two costs of WeasyPrint 70 are avoided here. Its stock user-agent sheet styles `::marker`,
`::footnote-call`, `::footnote-marker` and the `::note-*` pseudo-elements of every element, so the
cascade computes six styles per element where only list items and notes use any; and it reads every
document with its pure-Python HTML5 parser, ten times slower than expat on well-formed XHTML.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

# The stock sheet styles ::marker, ::footnote-call, ::footnote-marker and three ::note-* pseudo-
# elements of every element: the cascade then computes six styles per element that only a list
# item or a footnote ever uses, three quarters of the styles it computes (a fifth of a guide's
# layout time). Our documents make list items of <li> only and put `float: footnote` on .footnote
# only (print.css), and never use `float: note`; a theme that floats other elements to the foot
# would scope its own ::footnote-call rule the same way.
_SCOPED = {
    "::marker {": "li::marker {",
    "::footnote-call {": ".footnote::footnote-call {",
    "::footnote-marker {": ".footnote::footnote-marker {",
}
_DROPPED = ("::note-call {", "::note-marker {", "::note-callback {")
# What weasyprint.HTML.__init__ sets after parsing; the expat path sets the same, or is not used.
_HTML_ATTRIBUTES = {"base_url", "url_fetcher", "media_type", "wrapper_element", "etree_element"}


def scoped_ua_css(text: str) -> str | None:
    """The stock user-agent CSS with the rules above scoped or dropped; None when the sheet is
    not the one these rules were written for (another WeasyPrint), so the stock one is kept."""
    found = set()
    out = []
    for line in text.splitlines():
        start = next((key for key in (*_SCOPED, *_DROPPED) if line.startswith(key)), None)
        if start is None:
            out.append(line)
            continue
        found.add(start)
        if start in _SCOPED:
            out.append(_SCOPED[start] + line[len(start) :])
    if found != {*_SCOPED, *_DROPPED}:
        return None
    return "\n".join(out) + "\n"


def stock_ua_path() -> Path:
    import weasyprint

    return Path(weasyprint.__file__).parent / "css" / "html5_ua.css"


def parse_xhtml(html: str) -> ElementTree.Element | None:
    """Our print HTML is well-formed XHTML: expat reads it in a tenth of the time WeasyPrint's
    pure-Python HTML5 parser takes (9 ms of a guide's book, 4 ms of each index layout). The tree
    is made the one that parser builds; None when the text is not such XHTML (then it parses)."""
    try:
        root = ElementTree.fromstring(html)
    except ElementTree.ParseError:
        return None
    if root.tag != "html" or not _plain(root) or root.find(".//base") is not None:
        return None
    body = root.find("body")
    if (root.text or "").strip() or body is None or (body.tail or "").strip():
        return None
    # The HTML5 parser drops whitespace before <head>, keeps what follows </body> (and </html>)
    # inside the body and drops a newline that opens a <pre>.
    root.text = None
    after = (body.tail or "") + html[len(html.rstrip()) :]
    body.tail = None
    if after and len(body):
        body[-1].tail = (body[-1].tail or "") + after
    elif after:
        body.text = (body.text or "") + after
    for pre in root.iter("pre"):
        if pre.text and pre.text.startswith("\n"):
            pre.text = pre.text[1:]
    return root


def _plain(root: ElementTree.Element) -> bool:
    """No namespaced tag or attribute (the HTML5 parser reads `epub:type` as a plain name)."""
    return all(
        isinstance(element.tag, str) and "{" not in element.tag and not any("{" in k for k in element.attrib)
        for element in root.iter()
    )


@lru_cache(maxsize=1)
def print_html_class():  # -> type[weasyprint.HTML]
    """weasyprint.HTML with the scoped user-agent sheet when WeasyPrint's own is the expected one.

    `_ua_stylesheets` is WeasyPrint's hook for a document class's default sheets (its forms sheet is
    kept as it is); a sheet parsed once here is shared by every document of the process."""
    from weasyprint import CSS, HTML

    path = stock_ua_path()
    text = scoped_ua_css(path.read_text(encoding="utf-8")) if path.is_file() else None
    if text is None:
        return HTML
    sheet = CSS(string=text)

    class PrintHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [sheet, *super()._ua_stylesheets(forms)[1:]]

    return PrintHTML


@lru_cache(maxsize=1)
def _tree_constructible() -> bool:
    """Whether this WeasyPrint's HTML is still made of the attributes set in `print_document`."""
    from weasyprint import HTML

    return set(vars(HTML(string="<html></html>"))) == _HTML_ATTRIBUTES


def print_document(html: str, base_url: str, url_fetcher):  # -> weasyprint.HTML
    """`html` as a WeasyPrint document, read by expat when it is plain XHTML."""
    import cssselect2

    cls = print_html_class()
    root = parse_xhtml(html) if _tree_constructible() else None
    if root is None:
        return cls(string=html, base_url=base_url, url_fetcher=url_fetcher)
    document = cls.__new__(cls)
    # What HTML.__init__ does after parsing (parse_xhtml refuses a <base>).
    document.base_url = base_url
    document.url_fetcher = url_fetcher
    document.media_type = "print"
    document.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
    document.etree_element = document.wrapper_element.etree_element
    return document
