"""What a killed or failed build leaves, and what the next one does about it: stale temporary files
are removed, a cache that cannot be saved is one line (the batch's summary still printed, exit 1),
and `watch` lives through its manuscript or folder going away and coming back."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.build.batch import BuildOptions, build_all
from tests.helpers import CORPUS, REPO


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "manuscripts"
    folder.mkdir()
    for name in ("minimal.txt", "botchan.md"):
        shutil.copy(CORPUS / name, folder / name)
    return folder


def test_a_rerun_removes_the_temporary_files_a_killed_build_left(library, tmp_path):
    out = tmp_path / "out"
    options = BuildOptions(formats=("epub", "html"), out_dir=out, jobs=1, shelf=True)
    build_all([library], options)
    # As SIGKILL leaves them: an empty hidden .part beside an output, and beside the manifest.
    stale = [
        out / "epub" / ".minimal.epub.k3x9_q1z.part",
        out / "html" / ".botchan.html.a0b1c2d3.part",
        out / ".cache" / ".manifest.json.zz81lm0p.part",
        out / "covers" / ".botchan.jpg.3j0f21c7.part",  # the shelf cover a stopped worker was copying
    ]
    someone_elses = out / "epub" / ".another-guide.epub.p0q1r2s3.part"  # not this batch's to clear
    for path in [*stale, someone_elses]:
        path.write_bytes(b"")
    outcomes = build_all([library], options)
    assert all(o.cached for o in outcomes)  # removed even when nothing is rebuilt
    assert not any(path.exists() for path in stale)
    assert someone_elses.exists()


def test_the_names_cleared_by_folder_are_the_outputs_and_covers_a_guide_gets(tmp_path):
    from pipeline.build.options import FORMATS, output_folder, output_name, output_path
    from pipeline.shelf.catalog import COVERS, cover_names, cover_paths

    for stem in ("café", os.fsdecode(b"caf\xe9"), "two words"):  # the Latin-1 one renamed as outputs are
        for fmt in FORMATS:
            assert output_folder(tmp_path, fmt) / output_name(fmt, stem) == output_path(tmp_path, fmt, stem)
        assert [tmp_path / COVERS / name for name in cover_names(stem)] == cover_paths(tmp_path, stem)
    assert output_name("epub", os.fsdecode(b"caf\xe9")) == "café.epub"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )


@pytest.mark.slow
def test_a_manifest_that_cannot_be_saved_is_one_line_and_the_summary_is_still_printed(library, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".cache").write_bytes(b"")  # a file where the cache's folder goes: no manifest can be written
    run = _run(["build", str(library), "--format", "epub", "--out", str(out)], tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    manifest = out / ".cache" / "manifest.json"
    said = [line for line in errors if line.startswith(f"error: {manifest}: cannot save the build cache: ")]
    assert said and said[0].endswith("File exists")  # what mkdir says of the file in its way
    assert "2 built, 0 up to date, 0 failed" in run.stdout + run.stderr
    assert sorted(p.name for p in (out / "epub").iterdir()) == ["botchan.epub", "minimal.epub"]


def test_a_full_disk_when_the_manifest_is_saved_is_one_line(library, tmp_path, monkeypatch, capsys):
    from pipeline.build import cache
    from pipeline.cli.main import main

    def full(target: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr(cache, "write_bytes_atomic", full)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    assert main(["build", str(library), "--format", "html", "--out", str(out), "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    assert "2 built, 0 up to date, 0 failed" in captured.out + captured.err
    manifest = out / ".cache" / "manifest.json"
    assert f"error: {manifest}: cannot save the build cache: No space left on device\n" in captured.err


# ---------------------------------------------------------------- watch


class Watching:
    """watch() in a thread, as test_tool does, stopped at the end of the test."""

    def __init__(self, paths: list[Path], options: BuildOptions) -> None:
        from pipeline.cli.watch import watch

        self.stop = threading.Event()
        self.thread = threading.Thread(target=watch, args=(paths, options, self.stop), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)


def _wait(condition, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _says(path: Path, text: str) -> bool:
    return path.is_file() and text in path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_watch_lives_through_its_manuscript_going_away_while_the_theme_changes(library, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "styles", theme)
    manuscript = library / "minimal.txt"
    original = manuscript.read_text(encoding="utf-8")
    preview = tmp_path / "out" / "html" / "minimal.html"
    watching = Watching(
        [manuscript], BuildOptions(formats=("html",), out_dir=tmp_path / "out", theme_dir=theme)
    )
    try:
        assert _wait(preview.is_file)
        time.sleep(0.5)  # let the watcher start
        manuscript.unlink()
        css = next(theme.glob("*.css"))
        css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
        time.sleep(1.5)  # the theme's change is seen, with the manuscript gone (before: watch ended)
        assert watching.thread.is_alive()
        manuscript.write_text(original.replace("Morlocks", "Morlocks and moths"), encoding="utf-8")
        assert _wait(lambda: _says(preview, "Morlocks and moths"))
    finally:
        watching.close()


@pytest.mark.slow
def test_watch_sees_changes_after_its_folder_is_deleted_and_made_again(library, tmp_path):
    preview = tmp_path / "out" / "html" / "minimal.html"
    watching = Watching([library], BuildOptions(formats=("html",), out_dir=tmp_path / "out"))
    try:
        assert _wait(preview.is_file)
        time.sleep(0.5)
        text = (library / "minimal.txt").read_text(encoding="utf-8")
        shutil.rmtree(library)
        time.sleep(1)
        library.mkdir()
        (library / "minimal.txt").write_text(text.replace("Morlocks", "Morlocks again"), encoding="utf-8")
        assert _wait(lambda: _says(preview, "Morlocks again"))
        time.sleep(0.5)
        # and the new folder is watched: a later edit is seen too (before: never)
        (library / "minimal.txt").write_text(text.replace("Morlocks", "Morlocks, third"), encoding="utf-8")
        assert _wait(lambda: _says(preview, "Morlocks, third"))
        assert watching.thread.is_alive()
    finally:
        watching.close()
