"""Right-to-left guides: dir="rtl" on every document, leftward page turns, a cover drawn in a font
that has the script's glyphs."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest

from pipeline.build.batch import BuildOptions, build_all
from pipeline.checks.outputs import check_epub
from pipeline.i18n.direction import text_direction
from pipeline.writers.theme import font_file

ARABIC = """---
title: حي بن يقظان
author: ابن طفيل
year: 1160
language: ar
---

## Summary

ينشأ حي بن يقظان وحيدًا على جزيرة، ترعاه ظبية.[^1]

[^1]: جزيرة في المحيط الهندي.

## Characters

- حي: الطفل الذي يكبر وحيدًا
"""


@pytest.mark.parametrize(
    ("tag", "direction"),
    [
        ("ar", "rtl"),
        ("he-IL", "rtl"),
        ("fa", "rtl"),
        ("ur-PK", "rtl"),
        ("az-Arab", "rtl"),
        ("ku-Latn", "ltr"),
        ("en", "ltr"),
        ("fr-CA", "ltr"),
        ("zh-Hans", "ltr"),
        ("ja", "ltr"),
    ],
)
def test_direction_follows_language_and_script(tag, direction):
    assert text_direction(tag) == direction


def test_an_arabic_guide_is_right_to_left_everywhere(write_manuscript, tmp_path):
    source = write_manuscript("hayy.md", ARABIC)
    [outcome] = build_all([source], BuildOptions(formats=("epub",), out_dir=tmp_path / "out"))
    assert not outcome.failed, outcome.reason
    epub = outcome.outputs[0]
    with zipfile.ZipFile(epub) as archive:
        opf = archive.read("EPUB/content.opf").decode()
        assert re.search(r'<spine[^>]*page-progression-direction="rtl"', opf)
        for name in archive.namelist():
            if name.endswith(".xhtml"):
                root = re.search(r"<html[^>]*>", archive.read(name).decode()).group(0)
                assert 'dir="rtl"' in root and 'lang="ar"' in root, name
    verdict = check_epub(epub)
    assert verdict.ok, verdict.detail


def test_a_left_to_right_guide_says_nothing_of_direction(write_manuscript, tmp_path):
    source = write_manuscript("plain.md", "# Plain\n\nby Someone\n\n## Summary\n\nText.\n")
    [outcome] = build_all([source], BuildOptions(formats=("epub",), out_dir=tmp_path / "out"))
    with zipfile.ZipFile(outcome.outputs[0]) as archive:
        assert "page-progression-direction" not in archive.read("EPUB/content.opf").decode()
        assert 'dir="rtl"' not in archive.read("EPUB/summary.xhtml").decode()


@pytest.mark.skipif(not shutil.which("fc-match"), reason="fontconfig (fc-match) is not installed")
@pytest.mark.parametrize(("language", "text"), [("ar", "حي بن يقظان"), ("he", "שלום"), ("hi", "गोदान")])
def test_cover_text_the_book_faces_lack_uses_an_installed_font(language, text):
    from pipeline.writers.cover.fonts import cover_font

    book_face = font_file("serif", True)
    assert cover_font(language, "serif", True, 40, text).path != str(book_face)
    assert cover_font(language, "serif", True, 40, "Plain Latin").path == str(book_face)
