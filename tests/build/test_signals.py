"""Ctrl-C and SIGTERM stop a parallel batch within seconds, workers included: the guides finished stay
and are recorded (manifest and catalogue), the ones in flight leave nothing, one line says how many
were built, the exit code is 128 + the signal, and the next build makes only what is missing."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import REPO

COUNT = 24

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process groups and POSIX signals")


def small_library(folder: Path, count: int = COUNT) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"guide-{i:02d}.md").write_text(
            f"---\ntitle: Guide {i:02d}\nauthor: Someone Else\nyear: 1900\n---\n\n"
            "## Summary\n\n"
            + f"Guide {i:02d} tells of a journey, a loss and a homecoming in a small town by the sea. "
            * 12
            + "\n\n## Characters\n\n- Ann: the traveller\n- Ben: her brother\n\n"
            "## Themes\n\n- Home: where one returns\n- Time: what it changes\n",
            encoding="utf-8",
        )
    return folder


def build_command(library: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", "build", str(library), "--out", str(out)]


def start(library: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [*build_command(library, out), "--format", "epub,pdf", "--jobs", "2"],
        cwd=library.parent,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        process_group=0,  # its own group: Ctrl-C reaches the workers too, and never this test
        # A shell that started the tests in the background may have left SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def wait_for_outputs(folder: Path, count: int, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if folder.is_dir() and len(list(folder.glob("*.pdf"))) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"the build did not reach {count} PDFs in {timeout} s (exit {process.poll()})")


def group_gone(group: int, timeout: float = 5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
@pytest.mark.pdf
@pytest.mark.parametrize(("signum", "to_group"), [(signal.SIGINT, True), (signal.SIGTERM, False)])
def test_a_signal_stops_a_parallel_batch_and_keeps_what_was_built(tmp_path, signum, to_group):
    library, out = small_library(tmp_path / "manuscripts"), tmp_path / "out"
    process = start(library, out)
    wait_for_outputs(out / "pdf", 3, process)
    sent = time.monotonic()
    if to_group:  # Ctrl-C in a terminal: the whole foreground process group
        os.killpg(process.pid, signum)
    else:  # `kill`, `timeout`, a CI runner: the parent alone
        os.kill(process.pid, signum)
    _, stderr = process.communicate(timeout=60)
    seconds = time.monotonic() - sent
    print(f"{signal.Signals(signum).name}: stopped in {seconds:.2f} s")

    assert process.returncode == 128 + signum, stderr[-2000:]
    assert seconds < 5, f"took {seconds:.1f} s to stop"
    assert group_gone(process.pid), "a worker outlived the batch"
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    said = re.fullmatch(
        rf"stopped: (\d+) of {COUNT} guides built; building again builds the other (\d+)", lines[-1]
    )
    assert said, stderr[-2000:]
    built = int(said.group(1))
    assert 3 <= built < COUNT and int(said.group(2)) == COUNT - built

    # What was finished stays, whole; what was in flight left nothing, not even a temporary file.
    pdfs = {p.stem for p in (out / "pdf").glob("*.pdf")}
    epubs = {p.stem for p in (out / "epub").glob("*.epub")}
    assert len(pdfs) == built and epubs == pdfs
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]
    manifest = json.loads((out / ".cache" / "manifest.json").read_text(encoding="utf-8"))
    assert {Path(name).stem for name in manifest} == pdfs and len(manifest) == 2 * built
    feed = (out / "opds.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == built

    rerun = subprocess.run(
        [*build_command(library, out), "--format", "epub,pdf", "--jobs", "2"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"{COUNT - built} built, {built} up to date, 0 failed" in rerun.stdout + rerun.stderr
    assert len(list((out / "pdf").glob("*.pdf"))) == COUNT
