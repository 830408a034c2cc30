"""WeasyPrint's HTML user-agent stylesheet with its catch-all pseudo-element rules scoped to our elements."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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


def scoped_ua_css(text: str) -> str | None:
    """The stock user-agent CSS with the rules above scoped or dropped; None when the sheet is
    not the one these rules were written for (another WeasyPrint), so the stock one is kept."""
    lines = text.splitlines()
    found = set()
    out = []
    for line in lines:
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


@lru_cache(maxsize=1)
def print_html_class():  # -> type[weasyprint.HTML]
    """weasyprint.HTML, with the scoped user-agent sheet when WeasyPrint's own is the expected one.

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
