"""Hostile manuscripts and the checks that what they build is inert: nothing active, nothing
fetched, nothing half-written. Shared by readers/test_hostile_input.py, writers/test_hostile_output.py,
writers/pdf/ and files/test_half_written.py."""

from __future__ import annotations

import http.server
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline.build.batch import BuildOptions, Outcome, build_all

# ---------------------------------------------------------------- what an inert output may not hold

XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


# Elements that run code, load other documents or restyle a page; none may reach an EPUB page.
ACTIVE_ELEMENTS = {
    "script", "iframe", "object", "style", "embed", "frame", "frameset", "applet",
    "form", "input", "button", "base", "foreignObject", "audio", "video", "source",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "data", "action", "formaction", "poster", "background", "srcset"}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:", "file:", "http:", "https:", "//")
# What XML 1.0 cannot carry, the C1 controls the pipeline removes, and the replacement character.
BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ufffd]")

LONG_LINE = "x" * 50_000  # one unbroken "word", for the EPUB and the PDF writers alike

# ---------------------------------------------------------------- building hostile manuscripts


def manuscript(
    folder: Path, name: str, body: str, *, title: str = "Hostile Book", encoding: str = "utf-8"
) -> Path:
    """A labelled-dialect manuscript: a title, a byline, a Summary holding `body`, then Themes."""
    folder.mkdir(parents=True, exist_ok=True)
    text = f"# {title}\n\nBy Eve Attacker\n\n## Summary\n\n{body}\n\n## Themes\n\n- courage\n"
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def build(paths: list[Path], out_dir: Path, formats: tuple[str, ...] = ("epub",), **options) -> list[Outcome]:
    return build_all(paths, BuildOptions(formats=formats, out_dir=out_dir, **options))


def build_one(path: Path, out_dir: Path, formats: tuple[str, ...] = ("epub",), **options) -> Outcome:
    outcomes = build([path], out_dir, formats, **options)
    assert len(outcomes) == 1
    return outcomes[0]


def codes(outcome: Outcome, code: str) -> list:
    return [d for d in outcome.diagnostics if d.code == code]


def errors(outcome: Outcome) -> list[str]:
    return [str(d) for d in outcome.diagnostics if d.severity == "error"]


def epub_of(outcome: Outcome) -> Path:
    paths = [p for p in outcome.outputs if p.suffix == ".epub"]
    assert paths, f"no EPUB built: {errors(outcome)}"
    return paths[0]


def pdf_of(outcome: Outcome) -> Path:
    paths = [p for p in outcome.outputs if p.suffix == ".pdf"]
    assert paths, f"no PDF built: {errors(outcome)}"
    return paths[0]


def epub_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def local(name: str) -> str:
    return etree.QName(name).localname if isinstance(name, str) else ""


def check_epub(path: Path) -> dict[str, etree._Element]:
    """Parse every XML member of an EPUB (must be well-formed) and check that nothing is active.

    Returns the XHTML documents by member name. Fails on: a malformed member, a character XML
    cannot carry or U+FFFD in any text member, an active element, an on* attribute, a URL
    attribute with a scheme (everything in a guide is a relative link inside the book).
    """
    members = epub_members(path)
    documents: dict[str, etree._Element] = {}
    for name, data in members.items():
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml", ".css", ".svg")) or name == "mimetype":
            text = data.decode("utf-8")
            bad = BAD_CHARS.search(text)
            assert bad is None, f"{name}: character U+{ord(bad.group()):04X} at {bad.start()}"
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            try:
                tree = etree.fromstring(data, XML_PARSER)
            except etree.XMLSyntaxError as exc:  # pragma: no cover - the assertion message is the point
                pytest.fail(f"{name} is not well-formed XML: {exc}")
            if name.endswith(".xhtml"):
                documents[name] = tree
    assert documents, "the EPUB has no XHTML documents"
    for name, tree in documents.items():
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            tag = local(element.tag)
            assert tag not in ACTIVE_ELEMENTS, f"{name}: active element <{tag}>"
            if tag == "link":
                assert element.get("href") == "css/guide.css", f"{name}: <link> to {element.get('href')!r}"
            for attribute, value in element.attrib.items():
                attr = local(attribute).lower()
                assert not attr.startswith("on"), f"{name}: event handler {attr}={value!r} on <{tag}>"
                if attr in URL_ATTRIBUTES:
                    url = value.strip().lower()
                    assert not url.startswith(DANGEROUS_SCHEMES), f"{name}: <{tag} {attr}={value!r}>"
                    assert ".." not in url.split("#")[0], f"{name}: <{tag} {attr}={value!r}> leaves the book"
    return documents


def epub_text(documents: dict[str, etree._Element]) -> str:
    return "\n".join("".join(tree.itertext()) for _, tree in sorted(documents.items()))


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return result.stdout
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def squashed(text: str) -> str:
    """Whitespace collapsed and words re-joined where the PDF hyphenated them at a line end."""
    return " ".join(re.sub(r"[-\u2010]\n", "", text).split())


def assert_pdf_inert(path: Path) -> None:
    """No JavaScript, launch or URI actions anywhere in the PDF (every link was refused)."""
    from pypdf import PdfReader

    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(path)
    assert len(reader.pages) >= 1
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root or "/JS" not in str(root["/OpenAction"])
    names = root.get("/Names")
    assert names is None or "/JavaScript" not in names.get_object()
    for number, page in enumerate(reader.pages, 1):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            action = annot.get("/A")
            if action is None:
                continue
            action = action.get_object()
            kind = action.get("/S")
            assert kind not in ("/JavaScript", "/Launch", "/URI", "/SubmitForm", "/ImportData"), (
                f"page {number}: {kind} action {dict(action)!r}"
            )


# ---------------------------------------------------------------- a local server that must stay silent


class SilentServer(http.server.ThreadingHTTPServer):
    """Records every accepted connection, whether or not a valid HTTP request follows."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Recorder)
        self.connections: list[tuple[str, int]] = []
        self.requests: list[tuple[str, str]] = []

    def process_request(self, request, client_address):
        self.connections.append(client_address)
        super().process_request(request, client_address)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


SERVER_MARKER = b"SERVED-" + uuid.uuid4().hex.encode()


class Recorder(http.server.BaseHTTPRequestHandler):
    def _answer(self) -> None:
        self.server.requests.append((self.command, self.path))
        self.send_response(200)
        self.send_header("Content-Type", "text/css" if self.path.endswith(".css") else "image/png")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(SERVER_MARKER)

    def do_GET(self) -> None:  # the names http.server dispatches to
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def log_message(self, *args) -> None:  # keep test output clean
        pass
