"""The EPUB's cover page fills the reader's screen: the cover image in an SVG viewport of the image's
own size, scaled to fit and centred (preserveAspectRatio), on a page with no margins one screen
high, as EPUB 3 practice (Standard Ebooks, calibre) has it; the package says the page holds SVG,
and the picture keeps its accessible name. (That it fills a phone screen in real reading systems:
end_to_end/test_reading_systems.py.)"""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from PIL import Image

from pipeline.build.batch import BuildOptions, build_all
from tests.writers.css_rules import declared

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "svg": "http://www.w3.org/2000/svg",
    "opf": "http://www.idpf.org/2007/opf",
}
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


@pytest.fixture(scope="module")
def epub(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("cover")
    (folder / "river.md").write_text(
        "# The River & the Sea\n\nby Ann Author\n\n## Summary\n\nDown the river.\n", encoding="utf-8"
    )
    [outcome] = build_all([folder / "river.md"], BuildOptions(formats=("epub",), out_dir=folder / "out"))
    assert not outcome.failed, outcome.reason
    with zipfile.ZipFile(outcome.outputs[0]) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_cover_image_is_an_svg_viewport_of_its_own_size_scaled_to_fit(epub):
    page = etree.fromstring(epub["EPUB/cover.xhtml"])
    [svg] = page.iterfind(".//x:section[@class='cover']/svg:svg", NS)
    [image] = svg.iterfind("svg:image", NS)
    with Image.open(io.BytesIO(epub["EPUB/" + image.get(XLINK_HREF)])) as jpeg:
        width, height = jpeg.size
    assert svg.get("viewBox") == f"0 0 {width} {height}"
    assert svg.get("preserveAspectRatio") == "xMidYMid meet"
    assert (image.get("width"), image.get("height")) == ("100%", "100%")
    assert page.find(".//x:body", NS).get("class") == "cover"


def test_the_cover_picture_keeps_its_accessible_name(epub):
    svg = etree.fromstring(epub["EPUB/cover.xhtml"]).find(".//svg:svg", NS)
    assert svg.get("role") == "img"
    name = svg.get("aria-label")
    assert "The River & the Sea" in name and "Ann Author" in name
    assert svg.findtext("svg:title", namespaces=NS) == name


def test_the_package_says_the_cover_page_holds_svg(epub):
    opf = etree.fromstring(epub["EPUB/content.opf"])
    [item] = opf.iterfind(".//opf:item[@href='cover.xhtml']", NS)
    assert "svg" in item.get("properties", "").split()
    [other] = opf.iterfind(".//opf:item[@href='nav.xhtml']", NS)
    assert "svg" not in other.get("properties", "").split()


def test_the_cover_page_is_one_screen_with_no_margins(epub):
    css = epub["EPUB/css/guide.css"].decode()
    body = declared(css, "body.cover")
    assert (body["margin"], body["padding"], body["height"]) == ("0", "0", "100%")
    for selector in ("section.cover", "section.cover svg"):
        assert declared(css, selector)["height"] == "100%", selector
    assert declared(css, "section.cover svg")["width"] == "100%"
