"""Hostile manuscripts, built: raw HTML, SVG, images and links to outside the manuscript's folder
and huge inputs give EPUBs and PDFs that are well-formed and inert (nothing runs, nothing is fetched).

PDFs are rendered only where the PDF is the point. The 50,000-character-line PDF is built in a
background process as soon as this module starts, and its test, last, waits for what is left of
its time budget."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from lxml import etree

from tests.helpers import REPO
from tests.hostile import DANGEROUS_SCHEMES as _DANGEROUS_SCHEMES
from tests.hostile import (
    LONG_LINE,
    SERVER_MARKER,
    assert_pdf_inert,
    build_one,
    check_epub,
    codes,
    epub_members,
    epub_of,
    epub_text,
    errors,
    local,
    manuscript,
    pdf_of,
    pdf_text,
    squashed,
)
from tests.hostile import XML_PARSER as _XML_PARSER

# ---------------------------------------------------------------- 50,000 unbroken characters (background)

LONG_LINE_BUDGET = 30.0  # seconds
_LONG_LINE_TEST = "test_long_unbroken_line_pdf_finishes_in_time"
_LONG_LINE_SCRIPT = r"""
import json, sys, time
from pathlib import Path
from pipeline.build.batch import BuildOptions, build_all
source, out = Path(sys.argv[1]), Path(sys.argv[2])
started = time.perf_counter()
outcome = build_all([source], BuildOptions(formats=("pdf",), out_dir=out))[0]
print(json.dumps({"failed": outcome.failed, "seconds": time.perf_counter() - started,
                  "outputs": [str(p) for p in outcome.outputs],
                  "diagnostics": [str(d) for d in outcome.diagnostics]}))
"""


@pytest.fixture(scope="module")
def long_line_pdf_job(tmp_path_factory):
    """The 50,000-character-line PDF build, started in a subprocess as soon as the module starts.

    It runs on the second core while the other tests run, and the test at the end of the module
    waits for whatever is left of its time budget; a build still running then is killed.
    """
    folder = tmp_path_factory.mktemp("long-line-pdf")
    source = manuscript(folder, "long.md", f"Before the line.\n\n{LONG_LINE}\n\nAfter the line.")
    log = (folder / "stderr.log").open("wb")
    python_path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": python_path}
    process = subprocess.Popen(
        [sys.executable, "-c", _LONG_LINE_SCRIPT, str(source), str(folder / "out")],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=log,
    )  # fmt: skip
    job = SimpleNamespace(process=process, started=time.monotonic(), folder=folder)
    try:
        yield job
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        log.close()


@pytest.fixture(scope="module", autouse=True)
def _start_long_line_job_early(request):
    """Start the background build only when its test is selected."""
    if any(
        item.name == _LONG_LINE_TEST and getattr(item, "module", None) is request.module
        for item in request.session.items
    ):
        request.getfixturevalue("long_line_pdf_job")
    yield


# ================================================================ 1. no active content

_RAW_HTML_LINES = [
    "Some text before.",
    "",
    "<script>alert(1)</script>",
    "",
    '<iframe src="http://127.0.0.1:9/frame"></iframe>',
    "",
    '<object data="movie.swf"><embed src="movie.swf"></object>',
    "",
    "<style>body { display: none }</style>",
    "",
    'Inline <img src=x onerror=alert(1)> and <a href="javascript:alert(1)">a js link</a> here.',
    "",
    "![data picture](data:image/png;base64,iVBORw0KGgo=)",
    "",
    "<div>",
    "unclosed div text",
    "",
    "A stray & ampersand and a < less-than, [markdown js](javascript:alert(1)) and <javascript:alert(3)>.",
    "",
    '<svg onload="alert(4)"><script>alert(5)</script></svg> inline svg',
]


@pytest.mark.pdf
def test_raw_html_is_read_never_shown_and_nothing_active_survives(tmp_path):
    body = "\n".join(_RAW_HTML_LINES)
    path = manuscript(tmp_path / "book", "hostile.md", body)
    outcome = build_one(path, tmp_path / "out", ("epub", "pdf"))
    assert not outcome.failed, errors(outcome)

    documents = check_epub(epub_of(outcome))
    text = epub_text(documents)
    # The author's words stay; no tag is shown, and what would run is gone with its content.
    for shown in (
        "Some text before.",
        "a js link",
        "unclosed div text",
        "A stray & ampersand and a < less-than",
        "data picture",
        "inline svg",
    ):
        assert shown in text, shown
    for gone in ("<script", "alert(1)", "alert(5)", "onerror", "<div", "display: none", "<a href", "movie"):
        assert gone not in text, gone
    summary = next(tree for name, tree in documents.items() if name.endswith("summary.xhtml"))
    for anchor in summary.iter("{http://www.w3.org/1999/xhtml}a"):  # cross-links to the glossary are fine
        assert "js" not in "".join(anchor.itertext()), "a javascript: link survived"

    # One W-RAW-HTML per element dropped, naming it and its line; the rest is read without a word.
    manuscript_lines = path.read_text(encoding="utf-8").split("\n")
    dropped = ("script", "iframe", "object", "style", "svg")
    expected = [
        (number, f"<{line[1:].split(' ')[0].split('>')[0]}>")
        for number, line in enumerate(manuscript_lines, 1)
        if line.startswith(tuple(f"<{name}" for name in dropped))
    ]
    assert len(expected) == 5
    found = [(d.location.line, d.message.split(" ")[0]) for d in codes(outcome, "W-RAW-HTML")]
    assert sorted(found) == expected
    img_line = next(n for n, line in enumerate(manuscript_lines, 1) if "onerror" in line)
    data_line = manuscript_lines.index("![data picture](data:image/png;base64,iVBORw0KGgo=)") + 1
    refused = codes(outcome, "W-IMAGE-REFUSED")
    assert [d.location.line for d in refused] == [img_line, data_line]
    assert "data:image/png" in refused[1].message

    pdf = pdf_of(outcome)
    assert_pdf_inert(pdf)
    printed = squashed(pdf_text(pdf))
    assert "<script>" not in printed and "alert(1)" not in printed
    assert "unclosed div text" in printed


def test_svg_beside_the_manuscript_carries_no_active_content_into_the_epub(tmp_path):
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="120" height="40" onload="alert(1)">\n'
        "<script>alert(2)</script>\n"
        '<text x="4" y="20">map</text>\n'
        '<image href="http://127.0.0.1:9/pixel.png" width="4" height="4"/>\n'
        '<image xlink:href="file:///etc/hostname" width="4" height="4"/>\n'
        "</svg>\n",
        encoding="utf-8",
    )
    path = manuscript(folder, "svg.md", "A map: ![the river map](map.svg)")
    outcome = build_one(path, tmp_path / "out")
    assert not outcome.failed, errors(outcome)
    members = epub_members(epub_of(outcome))
    svgs = {name: data for name, data in members.items() if name.endswith(".svg")}
    assert svgs, "the SVG was not included at all"
    for name, data in svgs.items():
        tree = etree.fromstring(data, _XML_PARSER)
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            assert local(element.tag) not in ("script", "foreignObject"), f"{name}: <{local(element.tag)}>"
            for attribute, value in element.attrib.items():
                assert not local(attribute).lower().startswith("on"), f"{name}: {local(attribute)}"
                if local(attribute) == "href":
                    assert not value.lower().startswith(_DANGEROUS_SCHEMES), f"{name}: href={value!r}"


@pytest.mark.pdf
def test_images_and_links_never_reach_outside_the_manuscript_folder(tmp_path, outside, local_server):
    from PIL import Image

    folder = tmp_path / "book"
    folder.mkdir()
    Image.new("RGB", (6, 6), (30, 30, 200)).save(folder / "inside.png")  # the control: this one is allowed
    (folder / "linked.png").symlink_to(outside.png)
    (folder / "sub").symlink_to(outside.folder, target_is_directory=True)
    (folder / "plan.svg").write_text(  # an allowed SVG whose own references point outside and online
        '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20">'
        f'<text x="2" y="14">plan</text>'
        f'<image href="{local_server.url("/from-svg.png")}" width="4" height="4"/>'
        f'<image href="../outside/secret.png" width="4" height="4"/>'
        f'<image href="{outside.png.as_uri()}" width="4" height="4"/>'
        "</svg>",
        encoding="utf-8",
    )
    images = {
        "passwd": "/etc/passwd",
        "parent": "../outside/secret.png",
        "encoded": "..%2Foutside%2Fsecret.png",
        "symlink": "linked.png",
        "symlinked folder": "sub/secret.png",
        "served": local_server.url("/x.png"),
        "protocol relative": f"//127.0.0.1:{local_server.port}/y.png",
        "file url": outside.png.as_uri(),
        "data url": "data:image/png;base64,iVBORw0KGgo=",
    }
    links = {
        "server link": local_server.url("/page"),
        "outside file link": "../outside/secret.txt",
        "encoded outside link": "..%2Foutside%2Fsecret.txt",
        # markdown-it alone would leave these three as literal source text, without a warning
        "file url link": outside.txt.as_uri(),
        "script link": "javascript:alert(1)",
        "data link": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    }
    body = "\n\n".join(
        [
            *(f"Picture: ![{alt} alt]({src})" for alt, src in images.items()),
            *(f"See [{text} text]({href})." for text, href in links.items()),
            f"An autolink <{local_server.url('/auto')}> and a [reference link text][srv].",
            "Allowed: ![inside alt](inside.png) and ![plan alt](plan.svg)",
            f"[srv]: {local_server.url('/ref')}",
        ]
    )
    path = manuscript(folder, "outside.md", body)
    outcome = build_one(path, tmp_path / "out", ("epub", "pdf"))
    assert not outcome.failed, errors(outcome)

    refused_images = " ".join(d.message for d in codes(outcome, "W-IMAGE-REFUSED"))
    for alt, src in images.items():
        assert repr(src)[:70] in refused_images, f"image {alt!r} ({src}) not refused"  # long ones are cut
    assert len(codes(outcome, "W-IMAGE-REFUSED")) == len(images)
    refused_links = " ".join(d.message for d in codes(outcome, "W-LINK-REFUSED"))
    for href in [*links.values(), local_server.url("/auto"), local_server.url("/ref")]:
        assert repr(href)[:70] in refused_links, f"link to {href} not refused"

    # Nothing was fetched: not by the EPUB writer, not by WeasyPrint (images, SVG sub-resources).
    assert local_server.requests == []
    assert local_server.connections == []

    # Nothing from outside was read into any output.
    epub = epub_of(outcome)
    members = epub_members(epub)
    for name, data in members.items():
        assert outside.marker.encode() not in data, f"outside file leaked into {name}"
        assert SERVER_MARKER not in data, f"served bytes in {name}"
    pdf = pdf_of(outcome)
    assert outside.marker.encode() not in pdf.read_bytes()
    assert SERVER_MARKER not in pdf.read_bytes()
    printed = squashed(pdf_text(pdf))
    assert outside.marker not in printed

    # The alt text and link text are kept, in both outputs.
    documents = check_epub(epub)
    text = epub_text(documents)
    shown_texts = [*(f"{alt} alt" for alt in images), *(f"{t} text" for t in links)]
    for shown in [*shown_texts, "reference link text"]:
        assert shown in text, shown
        assert shown in printed, shown
    for href in [*images.values(), *links.values()]:  # refused targets are not shown as source text
        assert href not in text
    # The control: an image inside the folder is carried, byte for byte.
    carried = [data for name, data in members.items() if name.startswith("EPUB/images/image-")]
    assert (folder / "inside.png").read_bytes() in carried
    assert len(carried) == 2  # inside.png and plan.svg, nothing else


def test_long_unbroken_line_builds_an_epub_intact(tmp_path):
    path = manuscript(tmp_path / "book", "long.md", f"Before the line.\n\n{LONG_LINE}\n\nAfter the line.")
    started = time.perf_counter()
    outcome = build_one(path, tmp_path / "out")
    assert time.perf_counter() - started < 10
    assert not outcome.failed, errors(outcome)
    documents = check_epub(epub_of(outcome))
    assert LONG_LINE in epub_text(documents)


@pytest.mark.slow
def test_ten_thousand_sub_headings_split_into_well_formed_documents(tmp_path):
    body = "\n\n".join(f"### Heading {n}\n\nBody {n}." for n in range(10_000))
    path = manuscript(tmp_path / "book", "headings.md", body)
    outcome = build_one(path, tmp_path / "out")
    assert not outcome.failed, errors(outcome)
    documents = check_epub(epub_of(outcome))
    summary_parts = [name for name in documents if "summary" in name]
    assert len(summary_parts) > 10, "a 10,000-heading section was not split"
    text = epub_text(documents)
    assert "Heading 0" in text and "Heading 9999" in text and "Body 9999." in text
    assert any(name.endswith("themes.xhtml") for name in documents)


# ================================================================ last: the background long-line PDF


def test_long_unbroken_line_pdf_finishes_in_time(long_line_pdf_job):
    from pypdf import PdfReader

    job = long_line_pdf_job
    remaining = LONG_LINE_BUDGET - (time.monotonic() - job.started)
    try:
        stdout, _ = job.process.communicate(timeout=max(remaining, 1.0))
    except subprocess.TimeoutExpired:
        job.process.kill()
        job.process.wait()
        pytest.fail(f"the PDF of a 50,000-character line was still rendering after {LONG_LINE_BUDGET:.0f} s")
    assert job.process.returncode == 0, (job.folder / "stderr.log").read_text(errors="replace")[-2000:]
    result = json.loads(stdout.decode().strip().splitlines()[-1])
    assert not result["failed"], result["diagnostics"]
    assert result["seconds"] < LONG_LINE_BUDGET
    pdf = Path(result["outputs"][0])
    assert len(PdfReader(pdf).pages) >= 1
    assert "x" * 1000 in re.sub(r"[\s\-\u2010]", "", pdf_text(pdf))
