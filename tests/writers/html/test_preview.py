"""The one-page HTML preview (pipeline.writers.html.preview): every section, the theme inlined, the
guide's images copied beside the page and linked from it."""

from __future__ import annotations

from PIL import Image

from pipeline.build.batch import load_guide
from pipeline.writers.html.preview import build_html
from pipeline.writers.theme import load_theme


def test_a_page_with_every_section_its_images_and_no_epub_markup(tmp_path):
    source = tmp_path / "src" / "harbour.md"
    source.parent.mkdir()
    Image.new("RGB", (6, 4), "green").save(source.parent / "map.png")
    source.write_text(
        "# Harbour\n\nby Ann Ayre\n\n## Summary\n\nTom waits.[^1] ![The map](map.png)\n\n"
        "[^1]: At the quay.\n\n## Characters\n\n- Tom: a sailor\n",
        encoding="utf-8",
    )
    guide, _ = load_guide(source)
    target = tmp_path / "out" / "html" / "harbour.html"
    build_html(guide, target, load_theme())
    html = target.read_text(encoding="utf-8")
    for shown in ("Harbour", "</a> waits.", "a sailor", "At the quay.", "Ann Ayre"):  # "Tom" links to him
        assert shown in html, shown
    assert 'src="harbour-images/image-1.png"' in html
    assert (tmp_path / "out" / "html" / "harbour-images" / "image-1.png").read_bytes() == (
        source.parent / "map.png"
    ).read_bytes()
    assert "<style" in html and "epub:type" not in html
