"""The results: the machine's header, the EPUB, PDF and other-cases tables, the derived rows
(floor bound, steady state) and bench/results.md itself."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import subprocess
from pathlib import Path

from bench.formatting import cell, ratio, secs
from bench.load import Usage
from bench.paths import PY
from bench.runner import Bench


def tables(bench: Bench) -> str:
    res = bench.results
    out = side_tables(bench) if res["epub"] or res["pdf"] else []
    out += ["## Other cases", "", "| case | result |", "|---|---|"]
    out += [f"| {name} | {text} |" for name, text in res["other"]]
    if res["load"]:
        out += load_table(res["load"])
    return "\n".join(out) + "\n"


def side_tables(bench: Bench) -> list[str]:
    """The EPUB and PDF tables of cases a to e and j."""
    res = bench.results
    out = [
        "## EPUB",
        "",
        "| N | ours wall | ours CPU | ours peak RSS | pandoc wall | pandoc CPU | pandoc RSS | ratio (peer/ours wall) "
        "| bare loop wall | bare loop CPU | pandoc/bare |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, row in res["epub"].items():
        ours, peer, bare = row.get("ours"), row.get("peer"), row.get("bare")
        out.append(
            f"| {n} | {cell(ours, 'wall')} | {cell(ours, 'cpu')} | {cell(ours, 'rss_kb')} | "
            f"{cell(peer, 'wall')} | {cell(peer, 'cpu')} | {cell(peer, 'rss_kb')} | {ratio(peer, ours)} | "
            f"{cell(bare, 'wall')} | {cell(bare, 'cpu')} | {ratio(peer, bare)} |"
        )
    out += [
        "",
        "## PDF",
        "",
        "| N | ours wall | ours CPU | ours peak RSS | pandoc+WeasyPrint wall | peer CPU | peer RSS | "
        "ratio (peer/ours wall) | WeasyPrint floor wall | floor CPU | floor RSS | ours vs floor |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, row in res["pdf"].items():
        if row.get("skipped"):
            out.append(f"| {n} | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |")
            continue
        ours, peer, floor = row.get("ours"), row.get("peer"), row.get("floor")
        versus = "n/a"
        if ours and floor and not ours.broken and not floor.broken and floor.wall:
            versus = f"{(ours.wall / floor.wall - 1) * 100:+.0f}%"
        out.append(
            f"| {n} | {cell(ours, 'wall')} | {cell(ours, 'cpu')} | {cell(ours, 'rss_kb')} | "
            f"{cell(peer, 'wall')} | {cell(peer, 'cpu')} | {cell(peer, 'rss_kb')} | {ratio(peer, ours)} | "
            f"{cell(floor, 'wall')} | {cell(floor, 'cpu')} | {cell(floor, 'rss_kb')} | {versus} |"
        )
    busy = [u for u in res["load"] if u.case == "side" and u.busy]
    if busy:
        out += ["", f"**The machine was busy during these cases**: {busy[0].note()}."]
    return [*out, ""]


def load_table(usages: list[Usage]) -> list[str]:
    """One row per case: the other processes' share of the machine and the load average."""
    out = [
        "",
        "## How busy the machine was during each case",
        "",
        "Other processes' CPU = the whole machine's CPU (/proc/stat) minus the benchmark's own "
        "(itself and every process it reaped), over the case's wall time; busy from 0.25 cores.",
        "",
        "| case | wall | other processes | load (1 min) before / after | busy |",
        "|---|---:|---:|---:|---|",
    ]
    for usage in usages:
        others = "n/a" if usage.others is None else f"{usage.others:.2f} cores"
        out.append(
            f"| {usage.case} | {secs(usage.wall)} | {others} | {usage.load_before:.2f} / "
            f"{usage.load_after:.2f} | {'**yes**' if usage.busy else 'no'} |"
        )
    return out


def one_guide(bench: Bench) -> None:
    """Issue 19's first goal for the CLI: one guide, ours within 2x of pandoc (case a at N = 1
    against pandoc started directly on the same file, both best of the same number of runs)."""
    row = bench.results["epub"].get(1, {})
    ours, peer = row.get("ours"), row.get("peer_direct")
    if not ours or not peer or ours.broken or peer.broken or not peer.wall:
        text = "n/a (needs case a at N = 1 and pandoc)"
    else:
        value = ours.wall / peer.wall
        text = f"**{value:.2f}** (goal <= 2: {'yes' if value <= 2 else 'no'}; {secs(ours.wall)} / {secs(peer.wall)})"
    bench.results["other"].append(("one guide: ours / pandoc started directly (EPUB, N=1, wall)", text))
    floor = row.get("import_floor")
    if floor and peer and not floor.broken and not peer.broken and peer.wall:
        left = 2 * peer.wall - floor.wall
        text = (
            f"{secs(floor.wall)} = **{floor.wall / peer.wall:.2f}x** pandoc; the 2x goal leaves "
            f"{secs(max(left, 0.0))} for all of our own imports and the guide's work"
        )
        bench.results["other"].append(
            ("one guide: a bare Python importing only the libraries a guide needs (`GUIDE_LIBRARIES`)", text)
        )


def floor_bound(bench: Bench) -> None:
    """The best PDF ratio our design can reach on this machine: the peer loop's wall time over the
    floor's CPU time shared perfectly among every core (no pipeline cost at all, no idle core)."""
    cores = os.cpu_count() or 1
    for n, row in bench.results["pdf"].items():
        peer, floor, ours = row.get("peer"), row.get("floor"), row.get("ours")
        if not peer or not floor or peer.broken or floor.broken or not floor.cpu:
            continue
        usable = min(cores, n)  # one guide keeps one core busy
        best = peer.wall / (floor.cpu / usable)
        reached = (
            f"; ours reach {peer.wall / ours.wall:.2f}x, {peer.wall / ours.wall / best:.0%} of it"
            if ours and not ours.broken and ours.wall
            else ""
        )
        bench.results["other"].append(
            (
                f"e. PDF N={n}: the best ratio the WeasyPrint floor allows on {usable} of {cores} cores",
                f"{secs(peer.wall)} / ({secs(floor.cpu)} floor CPU / {usable}) = **{best:.2f}x**{reached}",
            )
        )


def steady_state(bench: Bench) -> None:
    """Per-guide CPU at scale: the slope of CPU between the two largest EPUB sizes."""
    rows = bench.results["epub"]
    sizes = sorted(n for n in rows if n > 1)
    if len(sizes) < 2:
        bench.results["other"].append(("per-guide steady-state CPU (EPUB)", "n/a (needs two sizes above 1)"))
        return
    hi = 1000 if 1000 in rows else sizes[-1]
    lo = 100 if hi == 1000 and 100 in rows else sizes[sizes.index(hi) - 1]
    parts = []
    for key, name in (("ours", "ours"), ("peer", "pandoc"), ("bare", "bare loop")):
        a, b = rows[lo].get(key), rows[hi].get(key)
        if a and b and not a.broken and not b.broken:
            parts.append(
                f"{name} {(b.cpu - a.cpu) / (hi - lo) * 1000:.0f} ms CPU, "
                f"{(b.wall - a.wall) / (hi - lo) * 1000:.0f} ms wall per guide"
            )
    bench.results["other"].append(
        (f"per-guide steady-state (EPUB, N={lo} to {hi})", "; ".join(parts) or "n/a")
    )


def machine() -> list[str]:
    """The header's date, machine, Python, pandoc and WeasyPrint lines."""

    def output(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "n/a"

    pandoc = output(["pandoc", "--version"]).splitlines()[:1] or ["pandoc: not installed"]
    weasy = output([PY, "-c", "import weasyprint; print(weasyprint.__version__)"]) or "n/a"
    python = output([PY, "-c", "import sys; print(sys.version.split()[0])"]) or "n/a"
    cpu = "n/a"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return [
        f"- Date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- Machine: nproc={os.cpu_count()}, {cpu}, {platform.system()} {platform.machine()}",
        f"- Python {python}, {pandoc[0]}, WeasyPrint {weasy}",
    ]


def notes(
    bench: Bench,
    args: argparse.Namespace,
    argv: list[str],
    usage: Usage,
    elapsed: float,
) -> list[str]:
    """The header's lines on the run: load (and whether the machine was busy), command, what ran."""
    load_start, load_end = usage.load_before, usage.load_after
    flags = bench.flags
    jobs = args.ours_jobs if args.ours_jobs is not None else f"pipeline default ({os.cpu_count()} cores)"
    command = "bench/run.py " + " ".join(argv)
    floors = [
        row["floor"] for row in bench.results["pdf"].values() if row.get("floor") and not row["floor"].broken
    ]
    share = (
        sum(r.cpu for r in floors) / sum(r.wall for r in floors)
        if floors and sum(r.wall for r in floors)
        else None
    )
    busy = usage.busy or (share is not None and share < 0.85)
    return [
        f"- Load average (1 min) before the run {load_start:.2f}, after it {load_end:.2f} (includes the "
        "benchmark itself)"
        + (
            f"; CPU/wall of the single-threaded WeasyPrint floor: {share:.0%} (about 100% on an idle machine)"
            if share is not None
            else ""
        )
        + (
            f"; other processes used {usage.others:.2f} cores on average over the run"
            if usage.others is not None
            else ""
        )
        + (
            ". **The machine was busy with other work: wall times are inflated, CPU times are the steadier "
            "comparison.**"
            if busy
            else ""
        ),
        f"- Command: `{command.strip()}` ({elapsed / 60:.1f} min); pipeline flags: --jobs "
        f"{'yes' if flags['jobs'] else 'n/a'}, --no-cache {'yes' if flags['no_cache'] else 'n/a'}",
        f"- Ours: `python -m pipeline build DIR --format F --out OUT --quiet"
        f"{' --no-cache' if flags['no_cache'] else ''}`, --jobs: {jobs}. "
        "Peers: one pandoc (and one `python -m weasyprint`) process per file, sequential.",
        "- wall = elapsed; CPU = user+sys of the whole process tree; RSS = peak of the largest single process. "
        f"EPUB N <= 100 and PDF N <= 10: best of {args.repeat} by wall, ours and peers alike. Ratio > 1 means ours is faster. "
        "WeasyPrint floor = WeasyPrint laying out and writing our final HTML (book and index) in one warm process "
        "(timed part only). Bare loop = markdown-it-py + ebooklib, one chapter a book, one process.",
    ]


def write_results(out: Path, header: list[str], run_notes: list[str], bench: Bench) -> None:
    """bench/results.md (or --out): the header, then the tables."""
    text = "# Benchmark results\n\n" + "\n".join(header + run_notes) + "\n\n" + tables(bench)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
