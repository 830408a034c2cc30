"""A hostile theme folder's CSS in the EPUB and the HTML preview: no import, no URL out of the book,
nothing that closes the preview's <style>; the shipped styles untouched (writers/theme.py)."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from pipeline.files.inert_css import inert_css
from pipeline.model.diagnostics import UsageError
from pipeline.writers.theme import REPO_STYLES, THEMES, Theme, load_theme
from tests.hostile import build_one, epub_members, epub_of, errors, manuscript


def test_the_shipped_styles_come_out_byte_for_byte():
    for folder in (REPO_STYLES, *sorted(p for p in THEMES.iterdir() if p.is_dir())):
        theme = Theme(folder)
        for layer in ("base", "epub"):
            css = theme.css(layer)
            assert inert_css(css) == css, (folder.name, layer)


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


def test_a_theme_layer_linked_out_of_its_folder_is_refused_before_any_work(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0 SECRET", encoding="utf-8")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "base.css").write_text("body { color: red; }", encoding="utf-8")
    (theme / "epub.css").symlink_to(secret)
    with pytest.raises(UsageError, match=re.escape("epub.css: a theme's CSS must be a file inside")):
        load_theme(theme)
    (theme / "epub.css").unlink()
    (theme / "epub.css").symlink_to(theme / "base.css")  # a link inside the folder is fine
    assert "color: red" in load_theme(theme).epub_css()
