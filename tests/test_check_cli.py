"""`python -m pipeline check` and `build --check`: one verdict line per file, exit 1 on a failure."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MANUSCRIPT = "# Plain\n\nby Someone\n\n## Summary\n\nText.\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


def test_check_prints_a_verdict_per_guide_and_fails_on_a_broken_one(tmp_path):
    (tmp_path / "plain.md").write_text(MANUSCRIPT, encoding="utf-8")
    built = run("build", "plain.md", "--format", "epub", "--out", "out", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    good = tmp_path / "out" / "epub" / "plain.epub"
    broken = tmp_path / "out" / "epub" / "broken.epub"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            if info.filename != "EPUB/nav.xhtml":  # the manifest still lists it
                target.writestr(info, source.read(info))

    checked = run("check", "--no-ace", "out", cwd=tmp_path)
    lines = checked.stdout.splitlines()
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert any(line.startswith(f"PASS {Path('out/epub/plain.epub')}: EPUBCheck") for line in lines), lines
    assert any(line.startswith(f"FAIL {Path('out/epub/broken.epub')}: EPUBCheck") for line in lines), lines

    broken.unlink()
    assert run("check", "--no-ace", "out", cwd=tmp_path).returncode == 0


def test_build_check_validates_right_after_building(tmp_path):
    (tmp_path / "plain.md").write_text(MANUSCRIPT, encoding="utf-8")
    built = run("build", "plain.md", "--format", "epub", "--out", "out", "--check", cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "PASS" in built.stdout and "EPUBCheck" in built.stdout and "0 errors, 0 warnings" in built.stdout


def test_check_without_java_is_a_verdict_not_a_traceback(tmp_path, monkeypatch):
    from pipeline.checks.outputs import check_epub

    (tmp_path / "plain.md").write_text(MANUSCRIPT, encoding="utf-8")
    assert run("build", "plain.md", "--format", "epub", "--out", "out", cwd=tmp_path).returncode == 0
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on it: no java
    verdict = check_epub(tmp_path / "out" / "epub" / "plain.epub")
    assert not verdict.ok and "Java" in verdict.detail


def test_a_one_page_handout_and_an_emoji_title_pass_the_pdf_check(tmp_path):
    from pipeline.checks.outputs import check_pdf

    (tmp_path / "tiny.md").write_text("# Tiny Tale 🐛\n\nby Someone Small\n\n## Summary\n\nShort.\n", "utf-8")
    built = run("build", "tiny.md", "--format", "pdf,handout", "--out", "out", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    handout = check_pdf(tmp_path / "out" / "handouts" / "tiny.pdf")
    guide = check_pdf(tmp_path / "out" / "pdf" / "tiny.pdf")
    assert handout.ok and "1 pages" in handout.detail, handout.detail
    assert guide.ok, guide.detail


def test_the_cover_leaves_out_what_no_face_can_draw():
    from pipeline.writers.cover.fonts import cover_font, drawable

    font = cover_font("en", "serif", True, 40, "The Very Hungry Caterpillar 🐛")
    assert drawable("The Very Hungry Caterpillar 🐛", font) == "The Very Hungry Caterpillar"
    assert drawable("Café", font) == "Café"


@pytest.mark.skipif(
    not shutil.which("fc-list")
    or not subprocess.run(["fc-list", ":lang=zh-cn"], capture_output=True, text=True).stdout,
    reason="no Chinese font installed (Debian's fonts-noto-cjk); .ci/run installs it",
)
def test_a_chinese_cover_is_drawn_in_a_face_that_has_its_characters():
    from pipeline.writers.cover.fonts import _characters, _fontconfig_lang, cover_font

    # fontconfig knows "zh-cn", not "zh-Hans": asked for the latter it answered with a Latin face.
    assert (_fontconfig_lang("zh-Hans"), _fontconfig_lang("zh-Hant-TW"), _fontconfig_lang("pt-BR")) == (
        "zh-cn",
        "zh-tw",
        "pt",
    )
    font = cover_font("zh-Hans", "serif", True, 40, "西游记")
    assert set("西游记") <= _characters(font.path)
