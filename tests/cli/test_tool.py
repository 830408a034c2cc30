"""The tool around the pipeline: configuration, themes, watch, and output that suits where it runs."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from pipeline.build.batch import BuildOptions
from tests.helpers import REPO

DRACULA = REPO / "manuscripts" / "dracula.md"


def run(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        timeout=300,
    )


def test_unknown_configuration_key_is_an_error_naming_it(tmp_path):
    (tmp_path / "guides.toml").write_text('paper = "a4"\npaperr = "letter"\n', encoding="utf-8")
    result = run(["build", str(DRACULA), "--format", "epub"], tmp_path)
    assert result.returncode == 2
    assert "paperr" in result.stderr and "guides.toml" in result.stderr


@pytest.mark.slow
def test_configuration_sets_defaults_and_flags_override_them(tmp_path):
    from pypdf import PdfReader

    (tmp_path / "pyproject.toml").write_text(
        '[tool.pipeline]\npaper = "letter"\nformats = ["pdf"]\nout = "built"\npublisher = "Room 12 Press"\n',
        encoding="utf-8",
    )
    result = run(["build", str(DRACULA)], tmp_path)
    assert result.returncode == 0, result.stderr
    box = PdfReader(tmp_path / "built" / "pdf" / "dracula.pdf").pages[0].mediabox
    assert round(float(box.width)) == 612  # Letter, from the configuration
    result = run(["build", str(DRACULA), "--format", "epub"], tmp_path)  # the flag wins over formats
    assert result.returncode == 0 and (tmp_path / "built" / "epub" / "dracula.epub").exists()
    with zipfile.ZipFile(tmp_path / "built" / "epub" / "dracula.epub") as archive:
        assert b"Room 12 Press" in archive.read("EPUB/content.opf")


@pytest.mark.pdf
@pytest.mark.slow
@pytest.mark.parametrize("theme", ["classic", "high-contrast"])
def test_shipped_themes_style_both_outputs(tmp_path, theme):
    from PIL import Image

    from pipeline.build.batch import build_all
    from pipeline.writers.theme import load_theme

    [outcome] = build_all([DRACULA], BuildOptions(formats=("epub", "pdf"), out_dir=tmp_path, theme_dir=theme))
    assert not outcome.failed, outcome.reason
    chosen = load_theme(theme)
    accent = chosen.variable("accent", "")
    assert accent and accent != load_theme().variable("accent", "")
    with zipfile.ZipFile(outcome.outputs[0]) as archive:
        css = archive.read("EPUB/css/guide.css").decode()
        cover = Image.open(io.BytesIO(archive.read("EPUB/images/cover.jpg"))).convert("RGB")
    assert "var(" not in css
    background = chosen.variable("cover-background", "")
    expected = tuple(int(background[i : i + 2], 16) for i in (1, 3, 5))
    assert all(abs(a - b) < 12 for a, b in zip(cover.getpixel((5, 5)), expected, strict=True))
    assert outcome.outputs[1].stat().st_size > 10_000


def test_unknown_theme_is_a_usage_error(tmp_path):
    result = run(["build", str(DRACULA), "--theme", "neon", "--out", str(tmp_path)], REPO)
    assert result.returncode == 2 and "neon" in result.stderr and "high-contrast" in result.stderr


@pytest.mark.slow
def test_off_a_terminal_the_build_is_quiet_and_verbose_lists_outputs(tmp_path):
    quiet = run(["build", str(DRACULA), "--format", "epub", "--out", str(tmp_path)], REPO)
    assert quiet.returncode == 0
    assert "\x1b[" not in quiet.stdout + quiet.stderr  # no colour, no progress bar in a log
    assert quiet.stdout.strip().splitlines() == ["1 built, 0 up to date, 0 failed, 0 warnings"]
    verbose = run(
        ["build", str(DRACULA), "--format", "epub", "--out", str(tmp_path), "--verbose", "--no-cache"], REPO
    )
    assert "dracula.epub" in verbose.stderr
    silent = run(["build", str(DRACULA), "--format", "epub", "--out", str(tmp_path), "--quiet"], REPO)
    assert silent.stdout == "" and silent.stderr == ""


def test_a_terminal_gets_a_progress_bar_and_a_table_and_no_color_is_respected(tmp_path):
    pytest.importorskip("pty")
    import os
    import pty

    def on_terminal(extra_env: dict) -> str:
        leader, follower = pty.openpty()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pipeline",
                "build",
                str(DRACULA),
                "--format",
                "epub",
                "--out",
                str(tmp_path),
                "--no-cache",
            ],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            cwd=REPO,
            env={**os.environ, "TERM": "xterm-256color", **extra_env},
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        process.wait(timeout=120)
        os.close(leader)
        return b"".join(chunks).decode("utf-8", "replace")

    coloured = on_terminal({})
    assert "manuscript" in coloured and "dracula.md" in coloured and "formats" in coloured  # the table
    assert "\x1b[" in coloured
    plain = on_terminal({"NO_COLOR": "1"})
    assert "dracula.md" in plain and not any(f"\x1b[{n}m" in plain for n in (31, 32, 33, 91))


def test_watch_rebuilds_the_preview_when_the_manuscript_changes(tmp_path):
    from pipeline.cli.watch import watch

    folder = tmp_path / "manuscripts"
    folder.mkdir()
    manuscript = folder / "dracula.md"
    manuscript.write_text(DRACULA.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    stop = threading.Event()
    options = BuildOptions(formats=("html",), out_dir=out, jobs=1)
    thread = threading.Thread(target=watch, args=([folder], options, stop), daemon=True)
    thread.start()
    preview = out / "html" / "dracula.html"
    deadline = time.monotonic() + 30
    while not preview.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert preview.exists()
    time.sleep(0.5)  # let the watcher start before the edit
    manuscript.write_text(
        manuscript.read_text(encoding="utf-8").replace("Bram Stoker", "Abraham Stoker"), encoding="utf-8"
    )
    while "Abraham Stoker" not in preview.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.2)
    stop.set()
    thread.join(timeout=10)
    assert "Abraham Stoker" in preview.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Wuthering Heights", "wuthering-heights"),
        ("Émile, ou De l'éducation", "emile-ou-de-l-education"),
        ("红楼梦", "红楼梦"),
        ("Война и мир", "война-и-мир"),
        ("???", "untitled"),
    ],
)
def test_new_names_the_file_after_the_title_in_any_script(tmp_path, title, stem):
    from pipeline.cli.scaffold import new_manuscript

    assert new_manuscript(tmp_path, title, "Someone").name == f"{stem}.md"
