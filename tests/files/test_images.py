"""Images beside a manuscript (pipeline.files.images): bombs, disguised files and active SVG are
refused or cleaned before any writer sees them."""

from __future__ import annotations

import pytest


def test_image_bombs_and_disguised_files_are_refused(tmp_path):
    from PIL import Image

    from pipeline.build.batch import load_guide

    Image.new("1", (9000, 9000), 1).save(tmp_path / "huge.png")  # 81 MP in a few kilobytes
    (tmp_path / "fake.png").write_text("not a picture", encoding="utf-8")
    Image.new("RGB", (4, 4), "red").save(tmp_path / "photo.png", format="JPEG")  # a JPEG named .png
    Image.new("RGB", (40, 30), "red").save(tmp_path / "fine.png")
    manuscript = tmp_path / "guide.md"
    manuscript.write_text(
        "# G\n\n## Summary\n\n![a](huge.png) ![b](fake.png) ![c](photo.png) ![d](fine.png)\n",
        encoding="utf-8",
    )
    guide, report = load_guide(manuscript)
    refused = [d.message for d in report.items if d.code == "W-IMAGE-REFUSED"]
    assert len(refused) == 3, refused
    assert "9000×9000" in refused[0] and "readable" in refused[1] and "JPEG file named .png" in refused[2]
    assert guide.images == ("fine.png",)


# ---------------------------------------------------------------- the functions themselves


def test_raster_problem_reads_the_header_and_names_the_problem(tmp_path):
    from PIL import Image

    from pipeline.files.images import raster_problem

    Image.new("RGB", (5, 4), "red").save(tmp_path / "fine.jpg", format="JPEG")
    Image.new("RGB", (5, 4), "red").save(tmp_path / "png-named.jpg", format="PNG")
    (tmp_path / "text.png").write_text("not an image", encoding="utf-8")
    assert raster_problem(tmp_path / "fine.jpg") is None
    assert raster_problem(tmp_path / "png-named.jpg") == "is a PNG file named .jpg"
    assert raster_problem(tmp_path / "text.png") == "is not a readable image"


def test_sanitise_svg_drops_what_runs_or_reaches_out_and_keeps_the_drawing():
    from lxml import etree

    from pipeline.files.images import sanitise_svg

    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="x()">'
        b"<script>alert(1)</script><!-- a comment -->"
        b'<a href="https://example.org"><text>link</text></a>'
        b'<use xlink:href="#shape"/><rect id="shape" style="fill: url(http://x/y)" width="4"/>'
        b'<animate attributeName="href" to="javascript:alert(2)"/>'
        b"</svg>"
    )
    root = etree.fromstring(sanitise_svg(svg))
    names = [etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)]
    assert names == ["svg", "a", "text", "use", "rect"]
    assert "onload" not in root.attrib
    assert root.find("{*}a").get("href") is None  # an outside link goes ...
    assert (
        root.find("{*}use").get("{http://www.w3.org/1999/xlink}href") == "#shape"
    )  # ... an inside one stays
    # The outside URL goes (the declaration becomes `none`); the drawing's own attributes stay.
    rect = root.find("{*}rect")
    assert "http" not in (rect.get("style") or "") and rect.get("width") == "4"
    assert sanitise_svg(b"<svg xmlns='http://www.w3.org/2000/svg'/>").startswith(b"<?xml")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b'<!DOCTYPE svg [<!ENTITY x "y">]><svg/>', "DOCTYPE"),
        (b"<svg><unclosed></svg>", "not well-formed"),
        (b"<html/>", "not an SVG"),
    ],
)
def test_an_svg_that_cannot_be_made_safe_is_refused(data, problem):
    from pipeline.files.images import UnsafeImage, sanitise_svg

    with pytest.raises(UnsafeImage, match=problem):
        sanitise_svg(data)


def test_image_bytes_cleans_svgs_and_passes_other_images_through(tmp_path):
    from pipeline.files.images import image_bytes

    (tmp_path / "map.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    (tmp_path / "photo.png").write_bytes(b"\x89PNG any bytes")
    assert b"script" not in image_bytes(tmp_path / "map.svg")
    assert image_bytes(tmp_path / "photo.png") == b"\x89PNG any bytes"
