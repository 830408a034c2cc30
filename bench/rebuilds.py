"""Case g: warm rebuilds with the cache on (nothing changed, one manuscript edited, one only
touched), each counting the outputs rewritten by their modification times."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from bench.formatting import fmt_run, secs
from bench.inputs import InputSet, find_inputs
from bench.measure import Run
from bench.runner import Bench


def snapshot(folder: Path) -> dict[str, int]:
    if not folder.is_dir():
        return {}
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file()}


def snapshot_other(out: Path) -> dict[str, int]:
    """Files outside the format folders and the cache (the catalog, covers)."""
    if not out.is_dir():
        return {}
    skip = {"epub", "pdf", ".cache"}
    return {
        str(p): p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file() and p.relative_to(out).parts[0] not in skip
    }


def warm_case(bench: Bench, sets: dict[int, InputSet], pdf_out: Path | None) -> None:
    """g for EPUB at N = 100 (or the largest N) and for PDF at case f's N, in case f's folder."""
    other = bench.results["other"]
    if not bench.flags["no_cache"]:
        other.append(("g. warm rebuild", "n/a (pipeline has no cache / --no-cache yet)"))
        bench.say("  g. warm rebuild: n/a (no --no-cache, so no cache)")
        return
    epub_n = 100 if 100 in sets else max(sets)
    warm_one(bench, "epub", epub_n, bench.warm_copy(sets[epub_n], "epub"), None)
    pdf_candidates = [n for n in sets if bench.pdf_allowed(n) and n <= 100]
    if not pdf_candidates:
        other.append(("g. warm rebuild PDF", "n/a (no PDF size measured)"))
        return
    pdf_n = bench.jobs_pdf_n or max(pdf_candidates)
    warm_one(bench, "pdf", pdf_n, bench.warm_copy(sets[pdf_n], "pdf"), pdf_out)


def warm_one(bench: Bench, fmt: str, n: int, source: Path, out: Path | None) -> None:
    other = bench.results["other"]
    label = fmt.upper()
    if out is None:
        first, out = bench.ours(source, fmt, f"warm-{fmt}-{n}", cold=False, keep=True)
        cold = bench.results[fmt].get(n, {}).get("ours")
        compare = f" (--no-cache: {secs(cold.wall)})" if cold else ""
        other.append(
            (
                f"g. {label} N={n}: cold build into an empty folder, cache on",
                f"{secs(first.wall)} wall{compare}",
            )
        )
        bench.say(f"  N={n:<5} g. ours {label} cold, cache on  {fmt_run(first)}")
    folder = out / fmt

    def rebuild(name: str) -> tuple[Run, int, int]:
        before, others_before = snapshot(folder), snapshot_other(out)
        run, _ = bench.ours(source, fmt, name, cold=False, out=out, keep=True)
        after, others_after = snapshot(folder), snapshot_other(out)
        changed = sum(1 for p, m in after.items() if before.get(p) != m)
        changed_other = sum(1 for p, m in others_after.items() if others_before.get(p) != m)
        return run, changed, changed_other

    warm, changed, changed_other = rebuild(f"warm2-{fmt}-{n}")
    verdict = "yes" if warm.wall < 1.0 else "**no**"
    other.append(
        (
            f"g. {label} N={n}: warm rebuild, nothing changed",
            f"{secs(warm.wall)} wall, CPU {secs(warm.cpu)}, {changed} of {n} outputs rewritten "
            f"(expect 0), {changed_other} other files rewritten; < 1 s: {verdict}",
        )
    )
    bench.say(f"  N={n:<5} g. ours {label} warm           {fmt_run(warm)}  rewritten={changed}")

    files = sorted(find_inputs(source))
    edited = files[0]
    with open(edited, "a", encoding="utf-8") as fh:
        fh.write("\n\nOne more paragraph, added by the benchmark to change this manuscript.\n")
    one, changed, _ = rebuild(f"warm3-{fmt}-{n}")
    verdict = "yes" if changed == 1 else "**no**"
    other.append(
        (
            f"g. {label} N={n}: one manuscript edited, rebuild",
            f"{secs(one.wall)} wall, CPU {secs(one.cpu)}, {changed} outputs rewritten (expect 1): {verdict}",
        )
    )
    bench.say(f"  N={n:<5} g. ours {label} one edited     {fmt_run(one)}  rewritten={changed}")

    if len(files) > 1:
        touched = files[1]
        later = time.time() + 5
        os.utime(touched, (later, later))
        run, changed, _ = rebuild(f"warm4-{fmt}-{n}")
        other.append(
            (
                f"g. {label} N={n}: one manuscript touched (same bytes), rebuild",
                f"{secs(run.wall)} wall, {changed} outputs rewritten (content-hash cache: 0 expected)",
            )
        )
        bench.say(f"  N={n:<5} g. ours {label} one touched    {fmt_run(run)}  rewritten={changed}")
    shutil.rmtree(out, ignore_errors=True)
