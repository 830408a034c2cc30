"""Case k, `watch`: a manuscript saved K times, each time from the write to its preview HTML and
EPUB both written again (no process start: the watching process stays up), beside pandoc
converting the same file to EPUB once (a fresh process, best of K)."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bench.formatting import secs
from bench.measure import Run, best_of, measure
from bench.paths import PY, ROOT
from bench.runner import Bench

FORMATS = ("html", "epub")  # the preview and the EPUB: what a teacher looks at after a save
# Where the pipeline writes each format (pipeline.build.options.output_path): the bench reads the
# folders, not the code, so that it measures any version of the pipeline the same way.
FOLDERS = {"html": ("html", ".html"), "epub": ("epub", ".epub")}
POLL = 0.001  # seconds between two looks at the outputs: 1 ms resolution, almost no CPU


def identity(path: Path) -> tuple[int, int, int] | None:
    """Which file `path` is now: the pipeline writes atomically (a new inode renamed into place),
    so a new identity means a file completely written."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def edited(text: str, k: int) -> str:
    """A real edit: a sentence added to the end of the first long paragraph (so the build's
    content-hash cache sees new bytes and every part of the guide is laid out again)."""
    blocks = text.split("\n\n")
    longest = max(range(len(blocks)), key=lambda i: len(blocks[i]) if not blocks[i].startswith("#") else 0)
    blocks[longest] = blocks[longest].rstrip("\n") + f" Revised in edit {k}."
    return "\n\n".join(blocks)


def save(path: Path, text: str, atomic: bool) -> None:
    """Save as editors do: a temporary file renamed over the manuscript (vim, most IDEs), or the
    manuscript rewritten in place (nano, some others)."""
    if atomic:
        temporary = path.with_name(f".{path.name}.swp-bench")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    else:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)


def wait_written(
    targets: list[Path], before: list[tuple | None], timeout: float, alive: Callable[[], bool]
) -> float | None:
    """perf_counter when every target has a new identity, or None on timeout / watch gone."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and alive():
        if all(identity(t) not in (None, b) for t, b in zip(targets, before, strict=True)):
            return time.perf_counter()
        time.sleep(POLL)
    return None


def process_cpu(pid: int) -> float:
    """user + sys seconds of a running process (fields 14 and 15 of /proc/PID/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Watcher:
    """`python -m pipeline watch FILE --format html,epub --out OUT`, its output lines collected."""

    def __init__(self, manuscript: Path, out: Path, log: Path) -> None:
        cmd = [PY, "-m", "pipeline", "watch", str(manuscript), "--format", ",".join(FORMATS)]
        self.lines: list[str] = []
        self.err = open(log.with_suffix(".err"), "wb")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            [*cmd, "--out", str(out)], cwd=ROOT, stdout=subprocess.PIPE, stderr=self.err, text=True
        )
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("watching "):
                self.ready.set()
        self.ready.set()  # it ended: nobody waits for a line that cannot come

    def alive(self) -> bool:
        return self.proc.poll() is None

    def rebuilt(self) -> int:
        return sum(1 for line in self.lines if line.startswith("rebuilt "))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.err.close()


def measure_saves(manuscript: Path, out: Path, log: Path, saves: int, timeout: float) -> dict:
    """Start watch, wait for its first build, then save `saves` times (atomic and in place in
    turn), each time waiting for both outputs. Returns the latencies and what watch did."""
    targets = [out / FOLDERS[f][0] / f"{manuscript.stem}{FOLDERS[f][1]}" for f in FORMATS]
    watcher = Watcher(manuscript, out, log)
    latencies: list[float] = []
    try:
        if not watcher.ready.wait(timeout) or not watcher.alive():
            return {"error": "watch did not start: " + " / ".join(watcher.lines[-2:])}
        time.sleep(0.5)  # its file watch is set up just after the line: let it settle
        original = manuscript.read_text(encoding="utf-8")
        first_rebuilt = watcher.rebuilt()
        cpu_start = process_cpu(watcher.proc.pid)
        for k in range(saves):
            before = [identity(t) for t in targets]
            text = edited(original, k)
            start = time.perf_counter()
            save(manuscript, text, atomic=k % 2 == 0)
            done = wait_written(targets, before, timeout, watcher.alive)
            if done is None:
                return {"error": f"save {k + 1}: outputs not rewritten within {timeout:.0f} s"}
            latencies.append(done - start)
            time.sleep(0.4)  # past watch's debounce, so the next save is a batch of its own
        cpu = process_cpu(watcher.proc.pid) - cpu_start
        rebuilds = (watcher.rebuilt() - first_rebuilt) // len(FORMATS)
    finally:
        watcher.stop()
    return {"latencies": latencies, "cpu": cpu, "rebuilds": rebuilds, "atomic": (saves + 1) // 2}


def pandoc_one(bench: Bench, manuscript: Path) -> Run | None:
    if not bench.have_pandoc:
        return None
    out = bench.tmp / "watch" / "pandoc.epub"

    def once() -> Run:
        return measure(
            ["pandoc", str(manuscript), "-o", str(out)], bench.log("watch-pandoc"), bench.args.timeout
        )

    return best_of(bench.args.repeat, once)


def watch_case(bench: Bench, source: Path, saves: int = 10) -> None:
    """Case k. `source` is a Markdown manuscript (pandoc reads the same file)."""
    folder = bench.tmp / "watch"
    manuscript = folder / "src" / source.name
    manuscript.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, manuscript)
    peer = pandoc_one(bench, manuscript)
    result = measure_saves(
        manuscript, folder / "out", bench.log("watch"), saves, min(bench.args.timeout, 120)
    )
    name = f"k. watch: {source.name} saved {saves} times, save to preview HTML + EPUB written"
    if "error" in result:
        bench.results["other"].append((name, f"failed: {result['error']}"))
        bench.say(f"  watch: failed: {result['error']}")
        return
    lat = result["latencies"]
    median, worst = statistics.median(lat), max(lat)
    text = (
        f"median **{secs(median)}**, max {secs(worst)}, min {secs(min(lat))} "
        f"({result['atomic']} saves by rename, {saves - result['atomic']} in place; "
        f"{result['rebuilds']} rebuilds for {saves} saves; watch's CPU {secs(result['cpu'] / saves)} a save)"
    )
    bench.results["other"].append((name, text))
    bench.say(f"  watch: {text}")
    if peer is not None and not peer.broken:
        verdict = "yes" if median < peer.wall else "no"
        bench.results["other"].append(
            (
                "k. watch vs pandoc converting the same file to EPUB (a process, best of "
                f"{bench.args.repeat})",
                f"pandoc {secs(peer.wall)} wall, {secs(peer.cpu)} CPU; watch median / pandoc = "
                f"**{median / peer.wall:.2f}** (goal < 1: {verdict})",
            )
        )
        bench.say(f"  pandoc on the same file: {secs(peer.wall)}")
