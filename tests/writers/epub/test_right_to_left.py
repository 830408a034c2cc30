"""Right-to-left EPUBs: dir="rtl" on every document and leftward page turns; a left-to-right guide
says nothing of direction. (Direction itself: i18n/test_direction.py; cover faces:
writers/cover/test_cover_fonts.py.)"""

from __future__ import annotations

import re
import zipfile

import pytest

from pipeline.build.batch import BuildOptions, build_all
from pipeline.checks.outputs import check_epub
from tests import needs

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


@needs.java
@pytest.mark.epubcheck
@pytest.mark.slow
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
