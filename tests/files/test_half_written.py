"""Nothing half-written: a writer that fails or a build stopped by a signal leaves the previous
output and no partial file (outputs are written through pipeline.files.atomic)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.hostile import (
    build,
    build_one,
    check_epub,
    epub_of,
    epub_text,
    errors,
    manuscript,
    pdf_of,
    pdf_text,
    squashed,
)


def _victim_and_bystander(tmp_path: Path) -> tuple[Path, Path, Path]:
    folder = tmp_path / "book"
    victim = manuscript(folder, "victim.md", "The first, good version.", title="Victim Book")
    bystander = manuscript(folder, "bystander.md", "Another book entirely.", title="Bystander Book")
    return folder, victim, bystander


def _assert_only_finished_files(folder: Path, expected: set[str]) -> None:
    names = {p.name for p in folder.iterdir()}
    assert names == expected, f"left behind: {sorted(names - expected)}"
    out = folder.parent  # and no temporary file anywhere else in the output folder (a cache included)
    assert not [p for p in out.rglob("*") if p.name.endswith(".part") or p.name.startswith(".victim.")]


_SLOW_WRITER = """
import runpy, sys, time
from pathlib import Path
from weasyprint.document import Document

def write_slowly(self, target=None, *args, **kwargs):
    Path(target).write_bytes(b"%PDF-1.7\\n% half a file")
    print("WRITING", flush=True)
    time.sleep(60)

Document.write_pdf = write_slowly
sys.argv = ["pipeline", *sys.argv[1:]]
runpy.run_module("pipeline", run_name="__main__")
"""


@pytest.mark.pdf
@pytest.mark.slow
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_a_build_stopped_by_a_signal_leaves_the_previous_pdf_and_no_partial_file(tmp_path, signal_name):
    import signal

    _, victim, _ = _victim_and_bystander(tmp_path)
    out = tmp_path / "out"
    first = build_one(victim, out, ("pdf",))
    assert not first.failed, errors(first)
    good = pdf_of(first).read_bytes()
    victim.write_text(victim.read_text(encoding="utf-8").replace("first, good", "second"), encoding="utf-8")
    command = [sys.executable, "-c", _SLOW_WRITER, "build", str(victim), "--format", "pdf"]
    process = subprocess.Popen(
        [*command, "--out", str(out), "--jobs", "1", "--no-cache", "--quiet"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # a shell that started us in the background may ignore SIGINT; the child must not
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stdout.readline().strip() == "WRITING"
        assert [p.name for p in (out / "pdf").iterdir() if p.name.endswith(".part")]  # mid-write
        process.send_signal(getattr(signal, signal_name))
        process.wait(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 128 + getattr(signal, signal_name), process.stdout.read()  # 130, 143
    assert (out / "pdf" / "victim.pdf").read_bytes() == good
    _assert_only_finished_files(out / "pdf", {"victim.pdf"})


@pytest.mark.pdf
def test_failing_pdf_writer_leaves_the_previous_pdf_and_no_partial_file(tmp_path, monkeypatch):
    from weasyprint.document import Document

    _, victim, bystander = _victim_and_bystander(tmp_path)
    out = tmp_path / "out"
    first = build_one(victim, out, ("pdf",))
    assert not first.failed, errors(first)
    good = pdf_of(first).read_bytes()

    original = Document.write_pdf

    def write_then_fail(self, target=None, *args, **kwargs):
        if target is not None and Path(target).name.startswith(".victim.pdf."):
            Path(target).write_bytes(b"%PDF-1.7\n% half a file")
            raise OSError(28, "No space left on device (simulated)")
        return original(self, target, *args, **kwargs)

    monkeypatch.setattr(Document, "write_pdf", write_then_fail)
    victim.write_text(victim.read_text(encoding="utf-8").replace("first, good", "second"), encoding="utf-8")
    outcomes = {o.source.name: o for o in build([victim, bystander], out, ("pdf",))}

    failed = outcomes["victim.md"]
    assert failed.failed
    assert any(d.severity == "error" and "No space left" in d.message for d in failed.diagnostics)
    assert (out / "pdf" / "victim.pdf").read_bytes() == good
    assert not outcomes["bystander.md"].failed
    assert "Another book entirely." in squashed(pdf_text(out / "pdf" / "bystander.pdf"))
    _assert_only_finished_files(out / "pdf", {"victim.pdf", "bystander.pdf"})


def test_failing_epub_writer_leaves_the_previous_epub_and_no_partial_file(tmp_path, monkeypatch):
    from pipeline.writers.epub.documents import PinnedWriter

    _, victim, bystander = _victim_and_bystander(tmp_path)
    out = tmp_path / "out"
    first = build_one(victim, out)
    assert not first.failed, errors(first)
    good = epub_of(first).read_bytes()

    original = PinnedWriter.write

    def write_then_fail(self):
        if Path(self.file_name).name.startswith(".victim.epub."):
            Path(self.file_name).write_bytes(b"PK\x03\x04 half a zip")
            raise OSError(28, "No space left on device (simulated)")
        return original(self)

    monkeypatch.setattr(PinnedWriter, "write", write_then_fail)
    victim.write_text(victim.read_text(encoding="utf-8").replace("first, good", "second"), encoding="utf-8")
    outcomes = {o.source.name: o for o in build([victim, bystander], out)}

    failed = outcomes["victim.md"]
    assert failed.failed
    assert any(d.severity == "error" and "No space left" in d.message for d in failed.diagnostics)
    assert (out / "epub" / "victim.epub").read_bytes() == good
    assert not outcomes["bystander.md"].failed
    assert "Another book entirely." in epub_text(check_epub(out / "epub" / "bystander.epub"))
    _assert_only_finished_files(out / "epub", {"victim.epub", "bystander.epub"})
