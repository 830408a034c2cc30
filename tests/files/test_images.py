"""Images beside a manuscript (pipeline.files.images): bombs, disguised files and active SVG are
refused or cleaned before any writer sees them."""

from __future__ import annotations


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
