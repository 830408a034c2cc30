"""The shelf: OPDS feed and library page made from output/, and the local server that shares them."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest
from lxml import etree

from pipeline.build.batch import BuildOptions, build_all
from pipeline.shelf.catalog import write_catalog
from pipeline.shelf.serve import make_server, shelf_urls
from tests import needs
from tests.helpers import REPO

ATOM = "http://www.w3.org/2005/Atom"
NS = {"a": ATOM, "dc": "http://purl.org/dc/terms/"}
ACQUISITION = "http://opds-spec.org/acquisition"
BOOKS = ["dracula.md", "frankenstein.txt", "le-comte-de-monte-cristo.md"]
# Other scripts and languages, several authors and subjects: the shelf's records must survive them.
CORPUS = [
    REPO / "tests" / "corpus" / name
    for name in ("journey-to-the-west.md", "kalila-wa-dimna.md", "der-process.md")
]


@pytest.fixture(scope="module")
def shelf_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("shelf")
    outcomes = build_all(
        [REPO / "manuscripts" / b for b in BOOKS],
        BuildOptions(formats=("epub", "pdf", "handout"), out_dir=out),
    )
    assert not [o for o in outcomes if o.failed]
    _, _, count = write_catalog(out)
    assert count == len(BOOKS)
    return out


@pytest.fixture(scope="module")
def server(shelf_dir):
    httpd = make_server(shelf_dir, "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_feed_follows_opds_rules(shelf_dir):
    feed = etree.parse(str(shelf_dir / "opds.xml")).getroot()
    assert feed.tag == f"{{{ATOM}}}feed"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"a:{tag}", NS) is not None, tag
    self_link = feed.find("a:link[@rel='self']", NS)
    assert self_link.get("type") == "application/atom+xml;profile=opds-catalog;kind=acquisition"
    entries = feed.findall("a:entry", NS)
    assert len(entries) == len(BOOKS)
    ids = set()
    for entry in entries:
        for tag in ("title", "id", "updated", "author/a:name", "summary"):
            element = entry.find(f"a:{tag}", NS)
            assert element is not None and (element.text or "").strip(), tag
        ids.add(entry.find("a:id", NS).text)
        assert entry.find("dc:language", NS).text in ("en", "fr")
        assert entry.findall("a:category", NS), "genres become categories"
        acquisitions = {link.get("type") for link in entry.iterfind(f"a:link[@rel='{ACQUISITION}']", NS)}
        assert acquisitions == {"application/epub+zip", "application/pdf"}
        assert len(entry.findall(f"a:link[@rel='{ACQUISITION}']", NS)) == 3  # EPUB, PDF, handout
        images = {link.get("rel") for link in entry.iterfind("a:link", NS) if "image" in link.get("rel")}
        assert images == {"http://opds-spec.org/image", "http://opds-spec.org/image/thumbnail"}
    assert all(i.startswith("urn:uuid:") for i in ids) and len(ids) == len(BOOKS)


def test_feed_parser_finds_every_guide(shelf_dir):
    feedparser = pytest.importorskip("feedparser", reason="feedparser is a test dependency")
    parsed = feedparser.parse(str(shelf_dir / "opds.xml"))
    assert not parsed.bozo
    assert sorted(e.title for e in parsed.entries) == ["Dracula", "Frankenstein", "Le Comte de Monte-Cristo"]


def test_library_page_carries_the_theme_css_verbatim(shelf_dir):
    from pipeline.writers.theme import load_theme

    page = (shelf_dir / "index.html").read_text(encoding="utf-8")
    style = page[page.index("<style>") : page.index("</style>")]
    assert load_theme().epub_css() in style  # quoted font names intact, no &#34; that CSS would keep
    assert "<script" not in page  # and the page needs no script


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    """Status, headers (case-insensitive, as HTTP's are) and body of a GET."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def test_e_reader_follows_every_acquisition_link(server, shelf_dir):
    status, headers, body = get(f"{server}/opds.xml")
    assert status == 200 and headers["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(body)
    links = list(feed.iterfind(f".//a:link[@rel='{ACQUISITION}']", NS))
    assert len(links) == 3 * len(BOOKS)
    for link in links:
        status, headers, data = get(f"{server}/{link.get('href')}")
        assert status == 200
        assert headers["Content-Type"] == link.get("type")
        name = link.get("href").rsplit("/", 1)[-1]
        assert headers["Content-Disposition"] == f'attachment; filename="{name}"'
        assert data == (shelf_dir / link.get("href")).read_bytes()


def test_downloads_keep_any_file_name(tmp_path):
    from email.message import Message
    from email.utils import collapse_rfc2231_value
    from urllib.parse import quote

    names = ["红楼梦.epub", "café au lait.pdf", 'say "hi".epub', "plain.epub"]
    (tmp_path / "epub").mkdir()
    for name in names:
        (tmp_path / "epub" / name).write_bytes(name.encode())
    httpd = make_server(tmp_path, "127.0.0.1", 0, quiet=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        for name in names:
            status, headers, data = get(f"http://127.0.0.1:{httpd.server_address[1]}/epub/{quote(name)}")
            assert status == 200 and data == name.encode(), name
            header = Message()
            header["Content-Disposition"] = headers["Content-Disposition"]
            assert header.get_content_disposition() == "attachment"
            # As browsers read it (RFC 6266): filename*=UTF-8'' wins over the ASCII filename.
            values = [v for k, v in header.get_params(header="content-disposition") if k == "filename"]
            plain = next(v for v in values if isinstance(v, str))
            starred = [collapse_rfc2231_value(v) for v in values if isinstance(v, tuple)]
            assert (starred or [plain])[0] == name
            assert plain.isascii() and '"' not in plain
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_an_e_reader_resumes_an_epub_with_a_range(server, shelf_dir):
    whole = (shelf_dir / "epub" / "dracula.epub").read_bytes()
    status, headers, head = get(f"{server}/epub/dracula.epub", {"Range": "bytes=0-9999"})
    assert status == 206 and head == whole[:10_000]
    assert headers["Content-Range"] == f"bytes 0-9999/{len(whole)}" and headers["Accept-Ranges"] == "bytes"
    assert headers["Content-Type"] == "application/epub+zip"
    # The rest, only if the file has not changed since (If-Range with the ETag): the bytes join up.
    resume = {"Range": "bytes=10000-", "If-Range": headers["ETag"]}
    status, _, rest = get(f"{server}/epub/dracula.epub", resume)
    assert status == 206 and head + rest == whole
    status, _, body = get(f"{server}/epub/dracula.epub", {**resume, "If-Range": '"another-version"'})
    assert status == 200 and body == whole  # changed since: the whole file, not a stale piece
    status, _, tail = get(f"{server}/epub/dracula.epub", {"Range": "bytes=-500"})
    assert status == 206 and tail == whole[-500:]
    status, headers, _ = get(f"{server}/epub/dracula.epub", {"Range": f"bytes={len(whole)}-"})
    assert status == 416 and headers["Content-Range"] == f"bytes */{len(whole)}"


def test_a_reader_that_has_the_file_is_told_so(server):
    status, headers, _ = get(f"{server}/opds.xml")
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert get(f"{server}/opds.xml", {"If-None-Match": headers["ETag"]})[:1] == (304,)
    assert get(f"{server}/opds.xml", {"If-Modified-Since": headers["Last-Modified"]})[:1] == (304,)
    assert get(f"{server}/opds.xml", {"If-None-Match": '"stale"'})[0] == 200


def test_every_kind_of_file_on_the_shelf_has_its_type(server, shelf_dir):
    expected = {
        "index.html": "text/html; charset=utf-8",
        "opds.xml": "application/atom+xml;profile=opds-catalog;kind=acquisition",
        "epub/dracula.epub": "application/epub+zip",
        "pdf/dracula.pdf": "application/pdf",
        f"covers/{next((shelf_dir / 'covers').iterdir()).name}": "image/jpeg",
    }
    for path, kind in expected.items():
        status, headers, _ = get(f"{server}/{path}")
        assert status == 200 and headers["Content-Type"] == kind, path
        assert headers["X-Content-Type-Options"] == "nosniff"
    assert get(f"{server}/")[2] == (shelf_dir / "index.html").read_bytes()  # the folder's index


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/epub/%2e%2e/%2e%2e/etc/hostname",
        "//etc/passwd",
        "/epub/..%2f..%2fetc%2fpasswd",
        "/%2fetc%2fpasswd",
        "/epub/",
        "/out-link/passwd",
        "/.hidden",
        "/epub\\..\\..\\etc\\passwd",
    ],
)
def test_server_never_serves_outside_the_folder(server, shelf_dir, path):
    link = shelf_dir / "out-link"
    if not link.exists():
        link.symlink_to("/etc")
    (shelf_dir / ".hidden").write_text("secret")
    request = urllib.request.Request(server + path)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, b""
    assert status == 404, (path, body[:60])
    assert b"root:" not in body


def test_serve_command_stops_cleanly_on_ctrl_c(shelf_dir):
    import os
    import re
    import signal
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--out", str(shelf_dir), "--port", "0"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as a terminal would
    )
    try:
        url = re.search(r"http://localhost:(\d+)/", process.stdout.readline()).group(0)
        assert get(url.replace("localhost", "127.0.0.1") + "opds.xml")[0] == 200
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "Traceback" not in output and "stopped" in output


def test_printed_address_is_one_an_e_reader_can_use(monkeypatch):
    import socket

    assert shelf_urls("127.0.0.1", 8000) == ["http://localhost:8000/"]
    assert shelf_urls("192.168.1.20", 8080) == ["http://192.168.1.20:8080/"]
    fake = [(socket.AF_INET, 0, 0, "", (address, 0)) for address in ("127.0.1.1", "192.168.1.20")]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: fake)
    # A wildcard bind is announced by the machine's network address, never as 0.0.0.0.
    assert shelf_urls("0.0.0.0", 8000) == ["http://192.168.1.20:8000/"]


def test_server_binds_to_loopback_by_default():
    httpd = make_server(REPO, port=0, quiet=True)
    try:
        assert httpd.server_address[0] == "127.0.0.1"
    finally:
        httpd.server_close()


@needs.chromium
@pytest.mark.browser
def test_library_page_in_a_real_browser(server, shelf_dir, tmp_path):
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package is a test dependency"
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=needs.CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 412, "height": 900}, accept_downloads=True)
            page.goto(f"{server}/index.html")
            titles = page.locator("li.guide h2").all_inner_texts()
            assert sorted(titles) == ["Dracula", "Frankenstein", "Le Comte de Monte-Cristo"]
            assert page.locator("li.guide img").count() == len(BOOKS)
            with page.expect_download() as info:
                page.locator("#guide-dracula .downloads a", has_text="EPUB").click()
            download = info.value
            saved = tmp_path / download.suggested_filename
            download.save_as(saved)
            assert download.suggested_filename == "dracula.epub"
            assert saved.read_bytes() == (shelf_dir / "epub" / "dracula.epub").read_bytes()
            shot = tmp_path / "library.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
        finally:
            browser.close()


def test_the_shelf_reads_back_only_epubs_that_changed(tmp_path, monkeypatch):
    from pipeline.shelf import catalog

    out = tmp_path / "out"
    outcomes = build_all(
        [*(REPO / "manuscripts" / b for b in BOOKS), *CORPUS],
        BuildOptions(formats=("epub",), out_dir=out, shelf=True),
    )
    fresh = [record for outcome in outcomes for record in outcome.shelf]
    # The records workers make from what they wrote are what reading each EPUB back gives (below).
    assert sorted(r["name"] for r in fresh) == sorted(f"{Path(b).stem}.epub" for b in [*BOOKS, *CORPUS])
    reads: list[str] = []
    real_read = catalog._read_epub
    monkeypatch.setattr(catalog, "_read_epub", lambda path: reads.append(path.name) or real_read(path))
    full = catalog.shelf(out, fresh)  # what the workers read is not read again
    assert reads == [] and catalog.shelf(out) == full  # nor on a rebuild that changed nothing
    (out / ".cache" / "shelf.json").unlink()
    assert catalog.shelf(out) == full and len(reads) == len(BOOKS) + len(CORPUS)  # from scratch: the same
    assert {e.language for e in full} >= {"zh-Hans", "ar", "de"} and all(e.cover for e in full)
    reads.clear()
    victim = out / "epub" / "dracula.epub"
    data = victim.read_bytes()
    victim.unlink()
    victim.write_bytes(data + b"\0")  # another size: this EPUB is read again, the others are not
    again = catalog.shelf(out)
    assert reads == ["dracula.epub"] and [e.title for e in again] == [e.title for e in full]
    (out / "covers" / "frankenstein.jpg").unlink()  # a lost cover copy is made again
    catalog.shelf(out)
    assert reads[1:] == ["frankenstein.epub"] and (out / "covers" / "frankenstein.jpg").is_file()


def test_a_catalogue_that_did_not_change_is_not_rewritten(shelf_dir):
    write_catalog(shelf_dir)
    before = {name: (shelf_dir / name).stat().st_mtime_ns for name in ("opds.xml", "index.html")}
    time.sleep(0.01)
    write_catalog(shelf_dir)
    assert {name: (shelf_dir / name).stat().st_mtime_ns for name in before} == before


def _bomb_epub(path: Path, member_size: int, where: str) -> None:
    """A small EPUB whose container, package or cover unpacks to member_size zero bytes."""
    import zipfile

    container = (
        '<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'version="1.0"><rootfiles><rootfile full-path="EPUB/package.opf" '
        'media-type="application/oebps-package+xml"/></rootfiles></container>'
    )
    package = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Bomb</dc:title></metadata>'
        '<manifest><item id="c" href="c.png" properties="cover-image" media-type="image/png"/></manifest>'
        "</package>"
    )
    members = {"META-INF/container.xml": container, "EPUB/package.opf": package, "EPUB/c.png": ""}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip")
        for name, text in members.items():
            with archive.open(name, "w", force_zip64=True) as member:
                if name == where:  # a comment's worth of padding keeps the XML well-formed
                    padding = b"<!--" if name.endswith((".xml", ".opf")) else b""
                    member.write(padding + text.encode())
                    for _ in range(member_size >> 20):
                        member.write(b"\0" * (1 << 20) if not padding else b" " * (1 << 20))
                    member.write(b"-->" if padding else b"")
                else:
                    member.write(text.encode())


@pytest.mark.parametrize("where", ["EPUB/c.png", "EPUB/package.opf", "META-INF/container.xml"])
def test_a_zip_bomb_put_in_epub_is_left_off_the_shelf_unread(tmp_path, where):
    """Every build refreshes the shelf: a 60 KB EPUB whose member unpacks to 60 MB was read into
    memory, and its "cover" written to covers/, each time."""
    from pipeline.shelf import catalog

    out = tmp_path / "out"
    outcomes = build_all([REPO / "manuscripts" / BOOKS[0]], BuildOptions(formats=("epub",), out_dir=out))
    assert not [o for o in outcomes if o.failed]
    bomb = out / "epub" / "bomb.epub"
    _bomb_epub(bomb, 60 << 20, where)
    assert bomb.stat().st_size < 1 << 20
    import tracemalloc

    tracemalloc.start()
    try:
        warnings: list[str] = []
        entries = catalog.shelf(out, warn=warnings.append)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [e.stem for e in entries] == [Path(BOOKS[0]).stem]
    assert not list((out / "covers").glob("bomb.*"))
    assert peak < 20 << 20, f"{peak:,} bytes at the peak: the bomb was unpacked"
    assert warnings == [f"{bomb}: not an EPUB the shelf can read; the guide is left off the shelf"]
