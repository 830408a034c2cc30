#!/usr/bin/env python3
"""Benchmark: our pipeline against pandoc (EPUB) and pandoc + WeasyPrint (PDF), side by side.

    .venv/bin/python bench/run.py            # N = 1, 10, 100, 1000 (PDF up to 100)
    .venv/bin/python bench/run.py --quick    # N = 1, 10, 100 (PDF up to 10): a few minutes
    .venv/bin/python bench/run.py --full     # PDF at every N, 1000 included (slow)

Every measured command runs as a fresh child process and is reaped with os.wait4, the same
system call /usr/bin/time uses: wall = elapsed time, CPU = user + sys of the child and all the
processes it waited for (worker pools, the pandoc processes of a loop), RSS = the largest peak
resident set of any single one of them. See bench/README.md for what each case means.
"""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:
    # `python bench/run.py` puts bench/ first on the path; the project root lets `bench` and
    # `pipeline` import as packages (and keeps bench's module names from shadowing any other).
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import compileall
import shutil
import signal
import tempfile
import time

from bench import cases, cluster, growth, import_check, rebuilds, report, watch_latency
from bench.cluster import cluster_main
from bench.floor import floor_main
from bench.inputs import generate, shipped_manuscripts
from bench.load import Meter
from bench.paths import RESULTS, ROOT
from bench.peers import bare_main, loop_main
from bench.runner import Bench


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


# The cases `--only` can choose, in the order they run: name, letters, what.
CASES = {
    "side": "a-e, j: ours beside pandoc, pandoc + WeasyPrint, the WeasyPrint floor and the bare loop",
    "jobs": "f: PDF --jobs 1 vs --jobs 2",
    "warm": "g: warm rebuilds (needs jobs for its PDF part)",
    "growth": "h: time against manuscript size",
    "imports": "i: no WeasyPrint import in an EPUB build",
    "watch": "k: watch, save to preview and EPUB written, beside pandoc on the file",
    "dask": "l: --scheduler on a local Dask cluster of 2 workers vs --jobs 2",
}


def parse_cases(text: str) -> list[str]:
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [name for name in chosen if name not in CASES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown case {', '.join(unknown) or text!r}; choose from {', '.join(CASES)}"
        )
    return [name for name in CASES if name in chosen]


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=parse_sizes, default=None, help="manuscript counts (default 1,10,100,1000)"
    )
    parser.add_argument("--quick", action="store_true", help="sizes 1,10,100 and PDF only up to 10")
    parser.add_argument("--full", action="store_true", help="PDF cases at every size, 1000 included")
    parser.add_argument(
        "--pdf-max", type=int, default=None, help="largest N for the PDF cases (default 100; 10 with --quick)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per case for N <= 10, best kept (default 3)"
    )
    parser.add_argument(
        "--growth", type=parse_sizes, default=[1, 10, 100], help="size multipliers (default 1,10,100)"
    )
    parser.add_argument(
        "--ours-jobs",
        type=int,
        default=None,
        help="pass --jobs N to our builds in cases a and c (default: the pipeline's default)",
    )
    parser.add_argument(
        "--only",
        type=parse_cases,
        default=list(CASES),
        help="run only these cases, e.g. watch,dask: " + "; ".join(f"{k} ({v})" for k, v in CASES.items()),
    )
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed per measured command")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the Markdown results")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder (printed) for inspection"
    )
    args = parser.parse_args(argv)
    args.sizes = args.sizes or ([1, 10, 100] if args.quick else [1, 10, 100, 1000])
    if args.pdf_max is None:
        args.pdf_max = 10 if args.quick else 100
    args.repeat = max(1, args.repeat)
    return args


def run_cases(args: argparse.Namespace, argv: list[str], tmp: Path, started: float) -> None:
    """Every case chosen, in order, then the results printed and written."""
    bench = Bench(args, tmp)
    header = report.machine()
    print("\n".join(header))
    flags = bench.flags
    print(
        f"- pipeline flags: --jobs {'yes' if flags['jobs'] else 'n/a'}, --no-cache "
        f"{'yes' if flags['no_cache'] else 'n/a'}, --scheduler {'yes' if flags['scheduler'] else 'n/a'}; "
        f"pandoc {'yes' if bench.have_pandoc else 'n/a'}"
    )
    whole = Meter("the whole run")
    sources = shipped_manuscripts()
    needs_sets = {"side", "jobs", "warm", "imports"} & set(args.only)
    sets = {n: generate(n, tmp, sources) for n in args.sizes} if needs_sets else {}
    if sets:
        print(
            f"- generated {', '.join(str(n) for n in sets)} manuscripts from {len(sources)} shipped ones in {tmp}"
        )
    pdf_out = None

    def jobs() -> None:
        nonlocal pdf_out
        pdf_out = cases.jobs_case(bench, sets)

    steps = {
        "side": lambda: cases.side_by_side(bench, sets),
        "jobs": jobs,
        "warm": lambda: rebuilds.warm_case(bench, sets, pdf_out),
        "growth": lambda: growth.growth_case(bench, sources),
        "imports": lambda: import_check.import_case(bench, sets),
        "watch": lambda: watch_latency.watch_case(bench, next(p for p in sources if p.suffix == ".md")),
        "dask": lambda: cluster.dask_case(bench, sets),
    }
    for name in args.only:
        print(f"{CASES[name].split(':')[0]}. {name}")
        meter, rows = Meter(name), len(bench.results["other"])
        steps[name]()
        bench.mark_load(meter.stop(), rows)
    if "side" in args.only:
        report.steady_state(bench)
        report.floor_bound(bench)
        report.one_guide(bench)
    if bench.floor_split:
        bench.results["other"].append(bench.floor_split)
    elapsed = time.perf_counter() - started
    run_notes = report.notes(bench, args, argv, whole.stop(), elapsed)
    print()
    print(report.tables(bench))
    report.write_results(args.out, header, run_notes, bench)
    print(f"wrote {args.out} in {elapsed:.0f} s")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # The measured child processes: bench/run.py started again in one of these modes.
    if argv[:1] == ["_loop"]:
        return loop_main(*argv[1:5])
    if argv[:1] == ["_floor"]:
        return floor_main(*argv[1:4])
    if argv[:1] == ["_cluster"]:
        return cluster_main(*argv[1:2])
    if argv[:1] == ["_bare"]:
        return bare_main(*argv[1:4])
    args = parse_args(argv)

    def stop(signum, _frame):  # SIGTERM cleans the temporary folder like Ctrl-C does
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    started = time.perf_counter()
    # An installed tool runs from bytecode; where PYTHONDONTWRITEBYTECODE is set (as on some CI
    # machines) every run of ours would compile the package again (40 ms), which pandoc never pays.
    # The measured peer children start from bench/ and would compile its modules every time.
    compileall.compile_dir(str(ROOT / "pipeline"), quiet=1)
    compileall.compile_dir(str(ROOT / "bench"), quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="study-guide-bench-"))
    try:
        run_cases(args, argv, tmp, started)
        return 0
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
