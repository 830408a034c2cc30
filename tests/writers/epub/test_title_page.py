"""The EPUB's title page: title, subtitle, the kind of book, authors and year, each escaped, and a
line left out when its field is empty (the page's shell is rendered once and filled per book)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.build.batch import BuildOptions, build_all
from pipeline.i18n.labels import labels_for


def _title_page(folder: Path, name: str, text: str) -> str:
    (folder / name).write_text(text, encoding="utf-8")
    [outcome] = build_all([folder / name], BuildOptions(formats=("epub",), out_dir=folder / "out"))
    assert not outcome.failed, outcome.reason
    with zipfile.ZipFile(outcome.outputs[0]) as archive:
        page = archive.read("EPUB/titlepage.xhtml").decode("utf-8")
    return page[page.index('<section class="titlepage"') : page.index("</section>")]


def test_every_field_is_escaped_in_its_line(tmp_path):
    page = _title_page(
        tmp_path,
        "fish.md",
        '---\ntitle: "Fish & Chips"\nsubtitle: "A <Tale>"\nauthors: ["Ann & Bo", "Cy"]\nyear: 1901\n---\n'
        "\n## Summary\n\nFried.\n",
    )
    assert '<h1 id="title-heading" epub:type="fulltitle">Fish &amp; Chips</h1>' in page
    assert '<p class="subtitle">A &lt;Tale&gt;</p>' in page
    assert '<p class="author">Ann &amp; Bo, Cy</p>' in page
    assert '<p class="year">1901</p>' in page
    assert f'<p class="kind">{labels_for("en")["study_guide"]}</p>' in page


def test_empty_fields_leave_their_lines_out(tmp_path):
    page = _title_page(tmp_path, "bare.md", "# Bare\n\n## Summary\n\nLittle.\n")
    assert '<h1 id="title-heading" epub:type="fulltitle">Bare</h1>' in page
    assert 'class="subtitle"' not in page and 'class="author"' not in page and 'class="year"' not in page
    # Two books in one process: the second's fields are its own, not the first's shell.
    other = _title_page(tmp_path, "other.md", '---\ntitle: Other\nauthor: "Di"\n---\n\n## Summary\n\nMore.\n')
    assert "Other</h1>" in other and '<p class="author">Di</p>' in other and "Bare" not in other
