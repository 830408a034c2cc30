"""Fixtures and hooks: manuscript writers, one build of the shipped books, a background EPUBCheck pool.

Speed matters (the suite should stay well under 90 s on two cores), so:
- the shipped manuscripts, the seed and the CommonMark sample are each built ONCE per session;
- every EPUB is checked by EPUBCheck exactly once, in a small thread pool that starts as soon as the
  EPUB exists, so the JVM runs overlap with the pure-Python tests instead of queueing at the end.

Plain constants and functions (paths, reading EPUBs, the pool's class) are in tests/helpers.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

# EPUBCheck runs once per EPUB, each in a JVM that lives a few seconds: the C1 compiler alone and the
# serial collector halve its CPU (9.4 → 4.7 s user per guide measured here) and change no verdict.
# The JVM reads this variable itself; its "Picked up" notice goes to stderr, which epubcheck drops.
os.environ.setdefault("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")

from pipeline.build.batch import load_guide
from pipeline.model.diagnostics import Report
from pipeline.model.guide import Guide
from tests.helpers import (
    CM_EPUB_SAMPLE,
    CM_EPUBCHECK_SAMPLE,
    COMMONMARK,
    MANUSCRIPTS,
    SEED,
    SHARED,
    Built,
    EpubCheckPool,
    build_batch,
    commonmark_examples,
    commonmark_manuscript,
    require_shared,
)

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


@pytest.fixture(scope="session")
def epubcheck_pool(request):
    # C1-only JIT and the serial GC roughly halve EPUBCheck's start-up; validation is unaffected.
    previous = os.environ.get("JAVA_TOOL_OPTIONS")
    if previous is None:
        os.environ["JAVA_TOOL_OPTIONS"] = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
    # Builds start EPUBCheck early only when a selected test reads a verdict (is marked epubcheck).
    wanted = any(item.get_closest_marker("epubcheck") for item in request.session.items)
    pool = EpubCheckPool(workers=max(2, min(4, os.cpu_count() or 2)), wanted=wanted)
    yield pool
    pool.shutdown()
    if previous is None:
        os.environ.pop("JAVA_TOOL_OPTIONS", None)


# ---------------------------------------------------------------- session builds


@pytest.fixture(scope="session")
def shipped(tmp_path_factory, epubcheck_pool) -> Built:
    """Every shipped manuscript built once to EPUB and PDF, EPUBCheck started for each EPUB."""
    return build_batch([MANUSCRIPTS], tmp_path_factory.mktemp("shipped"), ("epub", "pdf"), epubcheck_pool)


@pytest.fixture(scope="session")
def shipped_rebuild(tmp_path_factory) -> Built:
    """A second, EPUB-only build of the shipped manuscripts, to compare identifiers across builds."""
    return build_batch([MANUSCRIPTS], tmp_path_factory.mktemp("shipped-again"), ("epub",), None)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return require_shared(SEED)


@pytest.fixture(scope="session")
def seed_build(seed_path, tmp_path_factory, epubcheck_pool) -> Built:
    return build_batch([seed_path], tmp_path_factory.mktemp("seed"), ("epub", "pdf"), epubcheck_pool)


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
            epubcheck_pool.start(target)
    return built


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
