"""The print HTML and its cascade (pipeline.writers.pdf.print_html): a scoped user-agent sheet that
lays out every box as WeasyPrint's own, pseudo-element styles computed only where needed, and expat
reading our XHTML into the tree WeasyPrint's parser builds."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from pipeline.build.batch import load_guide
from tests.helpers import CORPUS_KINDS, REPO
from tests.writers.pdf.pages import MANUSCRIPTS


def _box_tree(document) -> list[tuple]:
    """Every laid-out box: its kind, element, place, size and text, page by page."""
    return [
        (
            number,
            type(box).__name__,
            box.element_tag,
            round(box.position_x, 3),
            round(box.position_y, 3),
            round(box.width, 3),
            round(box.height, 3),
            getattr(box, "text", None),
        )
        for number, page in enumerate(document.pages)
        for box in page._page_box.descendants()
    ]


@pytest.mark.pdf
@pytest.mark.parametrize("stem", ["dracula.md", "kalila-wa-dimna.md"])  # footnotes; right to left
def test_the_scoped_user_agent_sheet_lays_out_every_box_as_weasyprints_own(monkeypatch, stem):
    """The scoped sheet keeps every rule an element of ours matches: the book and its index lay out
    box for box as they do with the stock sheet (list markers, footnote calls and markers too)."""
    import weasyprint

    from pipeline.writers.pdf import print_html
    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.pdf.index import anchor_pages, index_html
    from pipeline.writers.theme import load_theme

    assert print_html.print_html_class() is not weasyprint.HTML  # the installed WeasyPrint's sheet is scoped
    source = REPO / "manuscripts" / stem
    guide, _ = load_guide(source if source.exists() else REPO / "tests" / "corpus" / stem)
    theme, options = load_theme(None), PrintOptions()

    def lay_out() -> list[tuple]:
        book = render_document(book_html(guide), guide, theme, options)
        index = render_document(index_html(guide, anchor_pages(book)), guide, theme, options)
        return _box_tree(book) + _box_tree(index)

    scoped = lay_out()
    monkeypatch.setattr(print_html, "print_html_class", lambda: weasyprint.HTML)
    assert scoped == lay_out()


@pytest.mark.pdf
def test_the_cascade_computes_pseudo_element_styles_only_for_list_items_and_notes(monkeypatch):
    """WeasyPrint's stock sheet and a bare ::footnote-call rule made the cascade compute six
    pseudo-element styles for every element, a fifth of a guide's layout time."""
    import weasyprint.css

    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.engine import PrintOptions, render_document
    from pipeline.writers.theme import load_theme

    counts: list[Counter] = []
    original = weasyprint.css.StyleFor.__init__

    def counting(self, *args, **kwargs):
        original(self, *args, **kwargs)
        counts.append(Counter(pseudo for _, pseudo in self._computed_styles))

    monkeypatch.setattr(weasyprint.css.StyleFor, "__init__", counting)
    guide, _ = load_guide(REPO / "manuscripts" / "dracula.md")
    html = book_html(guide)
    render_document(html, guide, load_theme(None), PrintOptions())
    count = counts[0]
    assert 0 < count["marker"] <= html.count("<li")
    assert 0 < count["footnote-call"] == count["footnote-marker"] <= html.count('class="footnote"')
    assert not count["note-call"] and not count["note-marker"] and not count["note-callback"]


def test_no_stylesheet_styles_a_pseudo_element_of_every_element():
    """A selector that is a bare pseudo-element (`::footnote-call { ... }`) gives every element of
    the document a pseudo-element style for the cascade to compute; scope it (`.footnote::...`)."""
    bare = re.compile(r"(?:^|[,}])\s*::[\w-]+", re.M)
    for css in sorted((REPO / "styles").rglob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        assert not bare.search(text), f"{css.name}: {bare.search(text).group().strip()}"


def _tree(element) -> list[tuple]:
    """An element tree as (depth, tag, attributes, text, tail) rows, comments included."""
    rows: list[tuple] = []

    def walk(node, depth: int) -> None:
        tag = node.tag if isinstance(node.tag, str) else "<comment or instruction>"
        rows.append((depth, tag, sorted(node.attrib.items()), node.text, node.tail))
        for child in node:
            walk(child, depth + 1)

    walk(element, 0)
    return rows


# The kinds' folders (issue 17) are built and checked by tests/end_to_end/test_corpus_kinds.py.
CORPUS = sorted(
    p
    for p in (REPO / "tests" / "corpus").rglob("*")
    if p.suffix in (".md", ".txt") and p.relative_to(REPO / "tests" / "corpus").parts[0] not in CORPUS_KINDS
)


@pytest.mark.parametrize("manuscript", [*MANUSCRIPTS, *CORPUS], ids=lambda p: p.stem)
def test_expat_reads_our_print_html_into_the_tree_weasyprints_parser_builds(manuscript):
    """Our print HTML is read by expat, not by WeasyPrint's pure-Python HTML5 parser (9 ms of a
    guide's book, 4 ms of each of its two index layouts): the trees must be the same, whitespace
    included, for the book, its index and its handout."""
    import tinyhtml5

    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.handout import handout_html
    from pipeline.writers.pdf.index import index_html, mentions_of
    from pipeline.writers.pdf.print_html import parse_xhtml

    guide, _ = load_guide(manuscript)
    book = book_html(guide)
    anchors = {entry.anchor: 3 for section in guide.sections for entry in section.entries}
    index = index_html(guide, {**dict.fromkeys(mentions_of(guide), 2), **anchors})
    for html in (book, index, handout_html(guide, 9.5, None)):
        if html is None:
            continue
        ours = parse_xhtml(html)
        assert ours is not None
        assert _tree(ours) == _tree(tinyhtml5.parse(html, namespace_html_elements=False))


def test_html_that_is_not_plain_xhtml_is_left_to_weasyprints_parser():
    from pipeline.writers.pdf.print_html import parse_xhtml

    assert parse_xhtml("<html><body><p>one<p>two</body></html>") is None  # not well-formed
    assert parse_xhtml('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>') is None
    assert parse_xhtml('<html><head><base href="x/"/></head><body/></html>') is None
    pre = parse_xhtml("<html><body><pre>\ncode</pre></body></html>\n")
    assert pre is not None and pre.find("body/pre").text == "code"
