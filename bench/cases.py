"""Cases a to f and j: the side-by-side table (ours, pandoc, pandoc + WeasyPrint, the WeasyPrint
floor, the bare Python loop) and our PDF build with --jobs 1 against --jobs 2."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from bench.formatting import fmt_run, mb, secs
from bench.inputs import InputSet
from bench.measure import Run, best_of, measure
from bench.paths import PY
from bench.runner import Bench

# What a guide's EPUB cannot be made without: the parser and templates the user chose, ebooklib for
# the package, Pillow for the cover. Importing them in a bare Python is the floor of any one-guide
# build on this stack, before a single line of ours runs.
GUIDE_LIBRARIES = "import markdown_it, jinja2, ebooklib.epub, PIL.ImageFont"


def _pandoc_direct(bench: Bench, source: Path) -> Run:
    """pandoc converting one file, started directly: the loop's own Python process (case b) would
    add its start-up to a single file's time."""
    target = bench.tmp / "n1" / "pandoc-direct.epub"
    return measure(["pandoc", str(source), "-o", str(target)], bench.log("pandoc-direct"), bench.args.timeout)


def _import_floor(bench: Bench) -> Run:
    """A bare Python importing only GUIDE_LIBRARIES: the one-guide build's floor on this stack."""
    return measure([PY, "-c", GUIDE_LIBRARIES], bench.log("import-floor"), bench.args.timeout)


def side_by_side(bench: Bench, sets: dict[int, InputSet]) -> None:
    """a to e and j, for every N: EPUB rows, then PDF rows up to --pdf-max."""
    for n, inputs in sets.items():
        reps = bench.reps(n, "epub")
        row = bench.results["epub"].setdefault(n, {})
        row["ours"] = best_of(reps, lambda: bench.ours(inputs.folder, "epub", f"ours-epub-{n}")[0])
        bench.say(f"  N={n:<5} a. ours EPUB            {fmt_run(row['ours'])}")
        if bench.have_pandoc:
            row["peer"] = best_of(
                reps,
                lambda: bench.child(["_loop", "pandoc-epub", str(inputs.pandoc_list)], f"pandoc-epub-{n}"),
            )
            bench.say(f"  N={n:<5} b. pandoc EPUB loop     {fmt_run(row['peer'])}")
            if n == 1:  # the one-guide line: pandoc started directly, as ours is (no loop process)
                row["peer_direct"] = best_of(reps, lambda: _pandoc_direct(bench, inputs.pandoc[0]))
                bench.say(f"  N=1     b. pandoc, one process     {fmt_run(row['peer_direct'])}")
            if n == 1:
                row["import_floor"] = best_of(reps, lambda: _import_floor(bench))
                bench.say(f"  N=1     a. its libraries imported  {fmt_run(row['import_floor'])}")
        listing = bench.tmp / f"n{n}" / "ours.list"
        listing.write_text("\n".join(str(p) for p in inputs.ours) + "\n", encoding="utf-8")
        row["bare"] = best_of(reps, lambda: bench.child(["_bare", str(listing)], f"bare-epub-{n}"))
        bench.say(f"  N={n:<5} j. bare Python loop     {fmt_run(row['bare'])}")
        row = bench.results["pdf"].setdefault(n, {})
        if not bench.pdf_allowed(n):
            row["skipped"] = True
            bench.say(f"  N={n:<5} c-e. PDF               n/a (skipped; --full or --pdf-max {n} to run)")
            continue
        reps = bench.reps(n, "pdf")
        row["ours"] = best_of(reps, lambda: bench.ours(inputs.folder, "pdf", f"ours-pdf-{n}")[0])
        bench.say(f"  N={n:<5} c. ours PDF             {fmt_run(row['ours'])}")
        if bench.have_pandoc:
            row["peer"] = best_of(
                reps,
                lambda: bench.child(["_loop", "pandoc-weasy", str(inputs.pandoc_list)], f"pandoc-weasy-{n}"),
            )
            bench.say(f"  N={n:<5} d. pandoc+WeasyPrint    {fmt_run(row['peer'])}")
        row["floor"] = floor = best_of(reps, lambda: bench.child(["_floor", str(listing)], f"floor-{n}"))
        bench.say(f"  N={n:<5} e. WeasyPrint floor     {fmt_run(floor)}")
        if not floor.broken:
            split = (
                f"layout {secs(floor.extra['render_wall'])} + write_pdf "
                f"{secs(floor.wall - floor.extra['render_wall'])}; the whole floor process took "
                f"{secs(floor.extra['process_wall'])} wall, {secs(floor.extra['process_cpu'])} CPU "
                "(with imports, our parsing and book_html, which are not timed)"
            )
            bench.floor_split = (f"e. WeasyPrint floor N={n}: where its time goes", split)


def jobs_case(bench: Bench, sets: dict[int, InputSet]) -> Path | None:
    """f. --jobs 1 vs --jobs 2, PDF; returns the jobs-2 output folder (cache filled) for case g."""
    other = bench.results["other"]
    candidates = [n for n in sets if bench.pdf_allowed(n) and n <= 100]
    if not bench.flags["jobs"] or not candidates:
        why = "pipeline has no --jobs" if not bench.flags["jobs"] else "no PDF size measured"
        other.append(("f. PDF --jobs 1 vs --jobs 2", f"n/a ({why})"))
        bench.say(f"  f. jobs speedup: n/a ({why})")
        return None
    n = max(candidates)
    source = bench.warm_copy(sets[n], "pdf")
    reps = bench.reps(n)
    one = best_of(reps, lambda: bench.ours(source, "pdf", f"jobs1-pdf-{n}", cold=True, jobs=1)[0])
    kept: list[Path] = []

    def two() -> Run:
        # A fresh folder is a cold build; leaving out --no-cache fills the cache for case g.
        if kept:
            shutil.rmtree(kept.pop(), ignore_errors=True)
        run, out = bench.ours(source, "pdf", f"jobs2-pdf-{n}", cold=False, jobs=2, keep=True)
        kept.append(out)
        return run

    runs = [two() for _ in range(reps)]
    best = min(runs, key=lambda r: (r.broken, r.wall))
    bench.say(f"  N={n:<5} f. ours PDF --jobs 1    {fmt_run(one)}")
    bench.say(f"  N={n:<5} f. ours PDF --jobs 2    {fmt_run(best)}")
    speedup = one.wall / best.wall if best.wall and not (one.broken or best.broken) else float("nan")
    other.append(
        (
            f"f. PDF N={n}: --jobs 1 vs --jobs 2",
            f"{secs(one.wall)} vs {secs(best.wall)} wall: **{speedup:.2f}x** speedup "
            f"(CPU {secs(one.cpu)} vs {secs(best.cpu)}; peak RSS {mb(one.rss_kb)} vs {mb(best.rss_kb)}; "
            f"{os.cpu_count()} cores)",
        )
    )
    bench.jobs_pdf_n = n
    return kept[0] if kept and not best.broken else None
