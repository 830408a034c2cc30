"""Batches: parallel workers, the content-hash cache, Dask, and EPUB-only runs that never load WeasyPrint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.build.batch import BuildOptions, build_all
from tests.helpers import MANUSCRIPTS, REPO


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "manuscripts"
    shutil.copytree(MANUSCRIPTS, folder)
    return folder


def mtimes(folder: Path) -> dict[str, int]:
    return {
        p.name: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file() and ".cache" not in p.parts
    }


def test_unchanged_input_is_not_rebuilt_and_one_change_rebuilds_one_guide(library, tmp_path):
    options = BuildOptions(formats=("epub",), out_dir=tmp_path / "out", jobs=1)
    first = build_all([library], options)
    assert not any(o.failed or o.cached for o in first)
    before = mtimes(tmp_path / "out" / "epub")
    second = build_all([library], options)
    assert all(o.cached for o in second)
    assert mtimes(tmp_path / "out" / "epub") == before
    dracula = library / "dracula.md"
    dracula.write_text(
        dracula.read_text(encoding="utf-8").replace("Bram Stoker", "Abraham Stoker"), encoding="utf-8"
    )
    third = build_all([library], options)
    rebuilt = [o.source.name for o in third if not o.cached]
    assert rebuilt == ["dracula.md"]
    after = mtimes(tmp_path / "out" / "epub")
    assert [name for name in after if after[name] != before[name]] == ["dracula.epub"]


def test_an_up_to_date_guide_still_reports_its_warnings(tmp_path):
    sloppy = tmp_path / "sloppy.txt"
    sloppy.write_text("Sloppy\nSloppy by Someone\nSummary\nA story.\nOddities\nText.\n", encoding="utf-8")
    options = BuildOptions(formats=("epub",), out_dir=tmp_path / "out", jobs=1)
    [first] = build_all([sloppy], options)
    [second] = build_all([sloppy], options)
    assert second.cached and not first.cached
    assert first.diagnostics and [str(d) for d in second.diagnostics] == [str(d) for d in first.diagnostics]


@pytest.mark.slow
def test_changed_options_theme_or_images_rebuild(library, tmp_path):
    out = tmp_path / "out"
    build_all([library], BuildOptions(formats=("epub",), out_dir=out, jobs=1))
    no_glossary = build_all(
        [library], BuildOptions(formats=("epub",), out_dir=out, jobs=1, auto_glossary=False)
    )
    assert not any(o.cached for o in no_glossary)
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "styles", theme)
    options = BuildOptions(formats=("epub",), out_dir=out, jobs=1, auto_glossary=False, theme_dir=theme)
    assert not any(o.cached for o in build_all([library], options))
    assert all(o.cached for o in build_all([library], options))
    (theme / "epub.css").write_text((theme / "epub.css").read_text() + "\nh1 { letter-spacing: 0.01em; }\n")
    # in the same process, as under `watch`: no cache of the theme may hide the edit
    edited = build_all([library], options)
    assert not any(o.cached for o in edited)
    epub = next(p for o in edited for p in o.outputs if p.suffix == ".epub")
    with zipfile.ZipFile(epub) as archive:
        assert "letter-spacing: 0.01em" in archive.read("EPUB/css/guide.css").decode()


def test_library_signatures_name_the_installed_versions():
    from importlib.metadata import version

    from pipeline.build.cache import LIBRARIES, library_signatures

    signatures = dict(line.split(": ", 1) for line in library_signatures())
    assert set(signatures) == set(LIBRARIES.values())
    for distribution in ("jinja2", "ebooklib", "markdown_it_py", "pillow"):
        assert f"-{version(distribution)}.dist-info" in signatures[distribution]


def test_upgrading_a_library_changes_the_code_fingerprint(tmp_path, monkeypatch):
    import importlib

    from pipeline.build import cache

    site = tmp_path / "site"
    (site / "fakelib").mkdir(parents=True)
    (site / "fakelib" / "__init__.py").write_text("VERSION = '1.0'\n")
    (site / "fakelib-1.0.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    monkeypatch.setattr(cache, "LIBRARIES", {"fakelib": "fakelib"})
    before = cache.library_signatures()
    assert before[0].startswith("fakelib: fakelib-1.0.dist-info ")
    (site / "fakelib-1.0.dist-info").rename(site / "fakelib-1.1.dist-info")
    upgraded = cache.library_signatures()
    assert upgraded != before and "fakelib-1.1.dist-info" in upgraded[0]
    (site / "fakelib" / "__init__.py").write_text("VERSION = '1.1'  # patched in place\n")
    assert cache.library_signatures() != upgraded
    fingerprints = set()
    for signatures in (before, upgraded):
        monkeypatch.setattr(cache, "library_signatures", lambda signatures=signatures: signatures)
        fingerprints.add(cache._fingerprint.__wrapped__(()))
    assert len(fingerprints) == 2


def test_an_image_change_rebuilds_the_guide_that_embeds_it(tmp_path):
    source = REPO / "tests" / "corpus" / "illustrated"
    folder = tmp_path / "illustrated"
    shutil.copytree(source, folder)
    options = BuildOptions(formats=("epub",), out_dir=tmp_path / "out", jobs=1)
    build_all([folder], options)
    assert all(o.cached for o in build_all([folder], options))
    svg = folder / "journey.svg"
    svg.write_text(svg.read_text().replace("#e8eff3", "#eeeeee"))
    assert not any(o.cached for o in build_all([folder], options))


@pytest.mark.slow
def test_parallel_build_gives_the_same_bytes_as_a_serial_one(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    serial = build_all(
        [MANUSCRIPTS], BuildOptions(formats=("epub",), out_dir=tmp_path / "a", jobs=1, use_cache=False)
    )
    parallel = build_all(
        [MANUSCRIPTS], BuildOptions(formats=("epub",), out_dir=tmp_path / "b", jobs=2, use_cache=False)
    )
    assert [o.source.name for o in serial] == [o.source.name for o in parallel]
    for a, b in zip(serial, parallel, strict=True):
        assert a.outputs[0].read_bytes() == b.outputs[0].read_bytes()


@pytest.mark.slow
def test_dask_cluster_builds_the_same_guides(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed", reason="Dask is the optional [dask] extra")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    local = build_all(
        [MANUSCRIPTS], BuildOptions(formats=("epub",), out_dir=tmp_path / "local", jobs=1, use_cache=False)
    )
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = build_all(
            [MANUSCRIPTS],
            BuildOptions(formats=("epub",), out_dir=tmp_path / "dask", use_cache=False),
            executor=client.get_executor(),
        )
    assert len(local) == len(remote) >= 6
    for a, b in zip(local, remote, strict=True):
        assert not b.failed
        assert a.outputs[0].read_bytes() == b.outputs[0].read_bytes()


@pytest.mark.parametrize("count", [1, 2, 7, 10, 100, 1000])
@pytest.mark.parametrize("jobs", [1, 2, 8])
def test_chunks_cover_the_batch_in_order_and_shrink_to_single_guides(count, jobs):
    from pipeline.build.batch import guided_chunks

    chunks = guided_chunks(list(range(count)), jobs)
    assert [item for chunk in chunks for item in chunk] == list(range(count))
    sizes = [len(chunk) for chunk in chunks]
    assert max(sizes) <= 8 and sizes == sorted(sizes, reverse=True)
    # the work left when the last multi-guide chunk goes out is at least a chunk per worker
    assert sizes[-min(jobs, len(sizes)) :] == [1] * min(jobs, len(sizes))
    if count >= 100 and jobs <= 2:
        assert len(chunks) < count / 2  # still far fewer round trips than guides


def test_the_largest_manuscripts_go_out_first_and_equal_ones_keep_their_order(tmp_path):
    from pipeline.build.pool import largest_first

    sizes = {"a": 300, "b": 9000, "c": 300, "d": 40_000, "e": 5}
    work = []
    for name, size in sizes.items():
        path = tmp_path / f"{name}.md"
        path.write_text("x" * size, encoding="utf-8")
        work.append((path, BuildOptions()))
    work.append((tmp_path / "gone.md", BuildOptions()))  # removed since it was found: last
    assert [path.stem for path, _ in largest_first(work)] == ["d", "b", "a", "c", "e", "gone"]


def _report_freeze_count(chunk):
    import gc

    from pipeline.build.batch import Outcome

    return [Outcome(path, seconds=gc.get_freeze_count()) for path, _ in chunk]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="workers are forked (POSIX)")
def test_workers_inherit_a_frozen_heap_and_this_process_keeps_collecting(library, tmp_path, monkeypatch):
    import gc

    from pipeline.build import pool

    monkeypatch.setattr(pool, "build_chunk", _report_freeze_count)  # forked workers see it too
    outcomes = build_all([library], BuildOptions(formats=("epub",), out_dir=tmp_path / "out", jobs=2))
    assert len(outcomes) >= 2
    # The imported modules alone are tens of thousands of objects, none of them left to collect.
    assert all(outcome.seconds > 10_000 for outcome in outcomes)
    assert gc.get_freeze_count() == 0


@pytest.mark.slow
def test_an_epub_build_gives_every_media_type_and_never_loads_the_system_mime_tables(tmp_path):
    """ebooklib guesses a missing media type, and its first guess reads the system's MIME tables."""
    code = (
        "import mimetypes, sys\n"
        "from pathlib import Path\n"
        "from pipeline.build.batch import BuildOptions, build_one\n"
        f"build_one(Path({str(MANUSCRIPTS / 'dracula.md')!r}), BuildOptions(formats=('epub',), "
        f"out_dir=Path({str(tmp_path)!r}), use_cache=False))\n"
        "print(mimetypes.inited)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "False"
    with zipfile.ZipFile(tmp_path / "epub" / "dracula.epub") as archive:
        manifest = archive.read("EPUB/content.opf").decode()
    cover_item = 'href="images/cover.jpg" id="cover-img" media-type="image/jpeg" properties="cover-image"'
    assert cover_item in manifest
    assert '<meta name="cover" content="cover-img">' in manifest


@pytest.mark.slow
def test_epub_only_build_never_imports_weasyprint(tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "pipeline",
            "build",
            str(MANUSCRIPTS / "dracula.md"),
            "--format",
            "epub",
            "--out",
            str(tmp_path),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ},
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "import time:" in run.stderr and "weasyprint" not in run.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="workers are forked (POSIX)")
def test_a_worker_that_dies_fails_its_guide_alone_and_leaves_no_part_file(library, tmp_path, monkeypatch):
    """A crash in a C library or the OOM killer takes a worker process down with it; that broke
    the whole pool, and with it the batch."""
    import signal

    from pipeline.build import options as build
    from pipeline.writers.epub import book as epub

    real_write_book = epub.write_book

    def dies_on_moby_dick(plan):
        target = plan.target
        if target.stem == "moby-dick":
            (target.parent / f".{target.name}.dying.part").write_bytes(b"half")  # as a writer mid-way
            os.kill(os.getpid(), signal.SIGKILL)
        return real_write_book(plan)

    monkeypatch.setattr(epub, "write_book", dies_on_moby_dick)  # forked workers inherit it
    outcomes = build_all([library], build.BuildOptions(formats=("epub",), out_dir=tmp_path / "out", jobs=2))
    failed = {o.source.name: o.reason for o in outcomes if o.failed}
    assert list(failed) == ["moby-dick.md"] and "died" in failed["moby-dick.md"]
    built = sorted(p.name for p in (tmp_path / "out" / "epub").iterdir())
    assert built == sorted(f"{p.stem}.epub" for p in library.iterdir() if p.stem != "moby-dick")


@pytest.mark.parametrize("use_cache", [True, False])
def test_only_a_cached_build_hashes_what_it_wrote(tmp_path, use_cache):
    """The digests feed the cache's manifest alone: --no-cache skips hashing the EPUB it wrote."""
    from pipeline.build.cache import file_digest
    from pipeline.build.one_guide import build_one

    folder = tmp_path / "in"
    shutil.copytree(REPO / "tests" / "corpus" / "illustrated", folder)  # a guide with images
    source = next(folder.glob("*.md"))
    options = BuildOptions(formats=("epub",), out_dir=tmp_path / "out", use_cache=use_cache)
    outcome = build_one(source, options)
    assert not outcome.failed and outcome.outputs
    if use_cache:
        assert outcome.written == {target: file_digest(target) for target in outcome.outputs}
        assert outcome.deps and all(digest == file_digest(dep) for dep, digest in outcome.deps.items())
    else:
        assert outcome.written == {} and outcome.deps == {}


@pytest.mark.skipif(sys.platform == "win32", reason="workers are forked (POSIX)")
def test_the_epub_stylesheet_is_resolved_once_before_the_workers_fork(tmp_path, monkeypatch):
    """The workers inherit it, and the shelf's page after the batch needs it in this process too."""
    from pipeline.writers import theme

    theme_dir = tmp_path / "theme"  # a theme of its own: nothing resolved it before this test
    theme_dir.mkdir()
    (theme_dir / "base.css").write_text(":root { --ink: #123456; }\n", encoding="utf-8")
    resolved_in = tmp_path / "resolved-in"
    real = theme.resolve_custom_properties

    def recording(css: str) -> str:
        with resolved_in.open("a") as record:  # appended by whichever process resolves it
            record.write(f"{os.getpid()}\n")
        return real(css)

    monkeypatch.setattr(theme, "resolve_custom_properties", recording)
    folder = tmp_path / "manuscripts"
    folder.mkdir()
    for name in ("one", "two", "three"):
        (folder / f"{name}.md").write_text(f"# {name}\n\n## Summary\n\nText.\n", encoding="utf-8")
    options = BuildOptions(formats=("epub",), out_dir=tmp_path / "out", jobs=2, theme_dir=theme_dir)
    outcomes = build_all([folder], options)
    assert not any(o.failed for o in outcomes)
    pids = resolved_in.read_text().split()
    assert pids and set(pids) == {str(os.getpid())}  # this process, for its theme and the default
    with zipfile.ZipFile(tmp_path / "out" / "epub" / "one.epub") as epub:
        css = next(epub.read(n).decode() for n in epub.namelist() if n.endswith(".css"))
    assert css.strip() and "var(" not in css  # the resolved stylesheet, as the workers wrote it
