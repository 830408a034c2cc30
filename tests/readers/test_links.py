"""Which links and images a manuscript may use (pipeline.readers.links): files inside its own
folder only, each refusal one warning naming the target and the line."""

from __future__ import annotations

import pytest
from PIL import Image

from pipeline.model.diagnostics import Report
from pipeline.readers.links import LinkPolicy


@pytest.fixture
def policy(tmp_path):
    folder = tmp_path / "book"
    (folder / "pictures").mkdir(parents=True)
    Image.new("RGB", (4, 4), "blue").save(folder / "pictures" / "map.png")
    (tmp_path / "outside.png").write_bytes((folder / "pictures" / "map.png").read_bytes())
    return LinkPolicy(folder, Report(str(folder / "guide.md")))


def test_an_image_inside_the_folder_is_its_relative_path(policy):
    assert policy.vet_image("pictures/map.png", 4) == "pictures/map.png"
    assert policy.vet_image("pictures/m%61p.png", 5) == "pictures/map.png"  # percent-decoded
    assert policy.report.items == []


@pytest.mark.parametrize(
    ("src", "reason"),
    [
        ("../outside.png", "outside the manuscript's folder"),
        ("https://example.org/x.png", "URLs are never fetched"),
        ("//example.org/x.png", "URLs are never fetched"),
        ("/etc/passwd", "absolute path"),
        ("pictures/map.png?x=1", "query or fragment"),
        ("pictures/missing.png", "does not exist"),
        ("notes.txt", "not a PNG, JPEG, GIF, SVG or WebP"),
        ("", "has no source"),
    ],
)
def test_an_image_anywhere_else_is_refused_with_one_warning(policy, src, reason):
    assert policy.vet_image(src, 7) is None
    [warning] = policy.report.items
    assert warning.code == "W-IMAGE-REFUSED" and reason in warning.message
    assert warning.location.line == 7


def test_every_link_is_refused_and_its_text_kept(policy):
    assert policy.vet_link("chapter-2.md", 9) is None
    [warning] = policy.report.items
    assert warning.code == "W-LINK-REFUSED" and "'chapter-2.md'" in warning.message
    assert "its text is kept" in warning.message


def test_a_long_target_is_cut_in_the_warning(policy):
    policy.vet_link("https://example.org/" + "x" * 200, 1)
    assert "..." in policy.report.items[0].message and "x" * 100 not in policy.report.items[0].message
