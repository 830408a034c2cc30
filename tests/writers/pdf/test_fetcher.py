"""The PDF's URL fetcher: only files inside the allowed folders, whatever a manuscript or a theme asks for."""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import REPO
from tests.hostile import build_one, errors, manuscript, pdf_of, pdf_text


def test_fetcher_serves_only_files_inside_the_allowed_folders(tmp_path, outside, local_server):
    from pipeline.writers.pdf.fetcher import RefusedURL, make_fetcher

    folder = tmp_path / "allowed"
    folder.mkdir()
    (folder / "ok.css").write_text("p { color: red }", encoding="utf-8")
    (folder / "escape.png").symlink_to(outside.png)
    fetcher = make_fetcher([folder])

    response = fetcher.fetch((folder / "ok.css").as_uri())
    assert response.read() == b"p { color: red }"
    assert response.content_type == "text/css"
    assert fetcher((folder / "ok.css").as_uri()).read() == b"p { color: red }"  # how WeasyPrint calls it

    refused = [
        local_server.url("/x.png"),
        f"https://127.0.0.1:{local_server.port}/x.png",
        f"ftp://127.0.0.1:{local_server.port}/x.png",
        "data:text/plain;base64,U0VDUkVU",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/passwd",
        outside.png.as_uri(),
        (folder / "escape.png").as_uri(),  # a symlink inside pointing outside
        f"file://{folder}/../outside/secret.png",  # a path that climbs out
        f"file://{folder}/%2e%2e/outside/secret.png",
        f"file://127.0.0.1{outside.png}",  # a host in a file URL
        (folder / "missing.css").as_uri(),
        folder.as_uri(),  # a folder is not a file
    ]
    for url in refused:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert local_server.requests == []
    assert local_server.connections == []


@pytest.mark.pdf
def test_a_hostile_theme_cannot_make_the_pdf_fetch_or_read(tmp_path, outside, local_server, caplog):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "styles", theme)
    print_css = theme / "print.css"
    print_css.write_text(
        f'@import url("{local_server.url("/evil.css")}");\n'
        + print_css.read_text(encoding="utf-8")
        + f"""
body {{ background: url("file:///etc/hostname"); }}
section.section {{ background-image: url("{outside.png.as_uri()}"); }}
h1 {{ background-image: url("{local_server.url("/bg.png")}"); }}
@font-face {{ font-family: Evil; src: url("{local_server.url("/evil.woff")}"); }}
p {{ font-family: Evil, serif; }}
h1.book-title::after {{ content: " THEME-APPLIED"; }}
""",
        encoding="utf-8",
    )
    path = manuscript(tmp_path / "book", "themed.md", "A short summary.")
    with caplog.at_level("WARNING", logger="weasyprint"):
        outcome = build_one(path, tmp_path / "out", ("pdf",), theme_dir=theme)
    assert not outcome.failed, errors(outcome)
    pdf = pdf_of(outcome)
    assert "THEME-APPLIED" in pdf_text(pdf), "the hostile theme was not used at all"
    assert local_server.requests == []
    assert local_server.connections == []
    assert outside.marker.encode() not in pdf.read_bytes()
    # WeasyPrint did try each URL, and the fetcher refused it.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for url in (local_server.url("/evil.css"), local_server.url("/bg.png"), "file:///etc/hostname"):
        assert url in logged and "Refused" in logged, url
