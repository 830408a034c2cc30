"""A hostile theme's CSS in the EPUB and the HTML preview: no import, no URL out of the book, no
text that closes the preview's <style> (pipeline.writers.inert_css)."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from pipeline.writers.inert_css import inert_css, leaves_the_book
from pipeline.writers.theme import REPO_STYLES, THEMES, Theme
from tests.hostile import build_one, epub_members, epub_of, errors, manuscript


@pytest.mark.parametrize(
    "css",
    [
        '@import url("file:///etc/passwd");',
        "@import 'https://tracker.example/t.css';",
        "@\\69mport url(https://tracker.example/t.css);",  # an escape CSS reads as "@import"
        "@media screen { @import 'https://tracker.example/t.css'; }",
        "a { background: url(https://tracker.example/pixel.png) }",
        'a { background: url("//tracker.example/pixel.png") }',
        "a { background: url(fil\\65:///etc/passwd) }",
        "a { background: url( /etc/passwd ) }",
        "a { background: url(../../secret.png) }",
        "a { background: url('..\\\\secret.png') }",
        "a { background: image-set('https://tracker.example/a.png' 1x, 'ok.png' 2x) }",
        "a { background: -webkit-image-set(url(https://tracker.example/a.png) 1x) }",
        "@font-face { font-family: X; src: url(https://tracker.example/x.woff) format('woff') }",
        "@media print { a { background: url(https://tracker.example/p.png) } }",
    ],
)
def test_nothing_outside_the_book_is_named(css):
    made = inert_css(css + "\nb { color: red }")
    assert "tracker" not in made and "passwd" not in made and "secret" not in made, made
    assert "b { color: red }" in made


@pytest.mark.parametrize(
    "css",
    [
        'a { background: url("img/ok.png") }',
        "a { background: url(data:image/png;base64,iVBORw0KGgo=) }",
        "a { filter: url(#shadow) }",
        "a > b::after { content: '→'; color: var(--x, red) }",
    ],
)
def test_what_stays_inside_the_book_is_kept_as_written(css):
    assert inert_css(css) == css


def test_the_shipped_styles_come_out_byte_for_byte():
    for folder in (REPO_STYLES, *sorted(p for p in THEMES.iterdir() if p.is_dir())):
        theme = Theme(folder)
        for layer in ("base", "epub"):
            css = theme.css(layer)
            assert inert_css(css) == css, (folder.name, layer)


def test_a_closing_style_tag_is_escaped():
    made = inert_css('h1::after { content: "</style><script>alert(1)</script>" }')
    assert "</" not in made and '"<\\/style><script>alert(1)<\\/script>"' in made
    assert leaves_the_book("HTTPS://x") and not leaves_the_book("fonts/a.woff")


def test_a_hostile_theme_reaches_neither_the_epub_nor_the_preview(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "epub.css").write_text(
        '@import url("https://tracker.example/t.css");\n'
        "body { background: url(file:///etc/passwd); }\n"
        "@font-face { font-family: Evil; src: url(http://127.0.0.1:9/evil.woff); }\n"
        'h1::after { content: " THEME-APPLIED</style><img src=x onerror=alert(1)>"; }\n',
        encoding="utf-8",
    )
    path = manuscript(tmp_path / "book", "themed.md", "A short summary.")
    outcome = build_one(path, tmp_path / "out", ("epub", "html"), theme_dir=theme)
    assert not outcome.failed, errors(outcome)
    css = epub_members(epub_of(outcome))["EPUB/css/guide.css"].decode("utf-8")
    preview = next(p for p in outcome.outputs if p.suffix == ".html").read_text(encoding="utf-8")
    for text in (css, preview):
        assert "THEME-APPLIED" in text, "the theme was not used at all"
        assert not re.search(r"tracker|passwd|127\.0\.0\.1|@import", text)
    page = lxml_html.fromstring(preview)
    assert page.xpath("//img[@onerror]") == [] and len(page.xpath("//style")) == 1
    assert "onerror" in page.xpath("//style")[0].text  # kept as text inside the style, inert
