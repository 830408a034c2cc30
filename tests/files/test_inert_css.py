"""CSS made inert (pipeline.files.inert_css): no import, no URL out of the book, no text that closes a
<style>; and an SVG's styles through it (pipeline.files.images.sanitise_svg)."""

from __future__ import annotations

import pytest

from pipeline.files.images import sanitise_svg
from pipeline.files.inert_css import inert_css, inert_css_value, leaves_the_book


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


def test_a_closing_style_tag_is_escaped():
    made = inert_css('h1::after { content: "</style><script>alert(1)</script>" }')
    assert "</" not in made and '"<\\/style><script>alert(1)<\\/script>"' in made
    assert leaves_the_book("HTTPS://x") and not leaves_the_book("fonts/a.woff")


_OUTWARD_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">
<defs><linearGradient id="g"/></defs>
<style>.a{fill:url(#g)} .b{background:url(http://tracker.example/1.png)}
.c{background:image-set("http://tracker.example/2.png" 1x)} .d{background:u\\72l(http://tracker.example/3.png)}
@\\69mport url(http://tracker.example/4.css);</style>
<rect style="fill:url(#g);background:url(http://tracker.example/5.png)"
 cursor="url(http://tracker.example/6.png), auto" marker-end="url(http://tracker.example/7.svg#m)"
 transform="rotate(45 4 4)" fill="url(#g)" width="4" height="4"/>
</svg>"""


def test_an_svg_names_nothing_outside_in_its_styles_or_attributes():
    """The old check looked for "url(" and let a style through when it also held a "url(#...)";
    escapes, image-set(), cursor and marker attributes were not looked at at all."""
    made = sanitise_svg(_OUTWARD_SVG).decode("utf-8")
    assert "tracker" not in made, made
    for kept in (
        ".a{fill:url(#g)}",
        'style="fill:url(#g);background:none"',
        'transform="rotate(45 4 4)"',
        'fill="url(#g)"',
    ):
        assert kept in made, kept


def test_a_value_with_nothing_outside_is_kept_as_written():
    for value in ("fill:url( #g );stroke:red", "rotate(45)", "url('img/a.png')", "plain"):
        assert inert_css_value(value) == value
    assert inert_css_value("a:url(https://x.example/y)") == "a:none"
