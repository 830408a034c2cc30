"""A volume as one EPUB (pipeline.volumes.epub): a title page, a part per guide, and a combined
index whose every link resolves inside the book."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from pipeline.volumes.epub import build_volume_epub
from pipeline.writers.theme import load_theme
from tests.helpers import NS, epub_documents, read_epub, sea_stories


def test_a_title_page_a_part_per_guide_and_an_index_that_resolves(tmp_path):
    target = tmp_path / "out" / "sea-stories.epub"
    build_volume_epub(
        sea_stories(tmp_path / "src"), target, load_theme(), dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    )
    documents = epub_documents(target)
    assert {"titlepage.xhtml", "b1-part.xhtml", "b2-part.xhtml", "index.xhtml"} <= set(documents)
    title_page = "".join(documents["titlepage.xhtml"].itertext())
    assert "Sea Stories" in title_page and "Harbour" in title_page and "Lighthouse" in title_page
    links = [a.get("href") for a in documents["index.xhtml"].iterfind(".//x:a", NS)]
    assert "b1-characters.xhtml#b1-char-tom" in links and "b2-glossary.xhtml#b2-term-quay" in links
    for href in links:
        name, _, fragment = href.partition("#")
        assert name in documents, href
        assert not fragment or documents[name].find(f".//*[@id='{fragment}']") is not None, href
    opf = etree.fromstring(read_epub(target)["EPUB/content.opf"])
    assert opf.findtext(".//{http://purl.org/dc/elements/1.1/}title") == "Sea Stories"
