"""`build`: manuscripts to EPUB, PDF, handout and HTML, or one volume of them all (--collection)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.commands import SUMMARIES
from pipeline.cli.options import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    FORMATS,
    PAPERS,
    VARIANTS,
    build_options,
    format_list,
)
from pipeline.files.names import shown_path
from pipeline.model.diagnostics import PipelineError, UsageError

# What `run` imports before its work: cli/main.py imports them with the collector paused, then
# freezes them (cli/start_up.py). The writers come when a guide is first written.
START_UP = (
    "pipeline.build.batch",
    "pipeline.cli.console",
    "pipeline.writers.theme",
    "pipeline.readers.sources",
)


def add_to(commands: argparse._SubParsersAction) -> None:
    build = commands.add_parser("build", help=SUMMARIES["build"])
    build.add_argument(
        "paths", nargs="*", type=Path, help="manuscript files or folders (default: manuscripts/)"
    )
    build.add_argument(
        "--format",
        dest="formats",
        type=format_list,
        default=None,
        help=f"comma-separated: {','.join(FORMATS)} (default: epub,pdf)",
    )
    build.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    build.add_argument("--paper", choices=PAPERS, default=None, help="PDF paper size (default: a4)")
    build.add_argument(
        "--theme", default=None, help="a shipped theme's name (classic, high-contrast) or a folder"
    )
    build.add_argument(
        "--language", default=None, help="language of manuscripts that do not say (default: en)"
    )
    build.add_argument("--print-marks", action="store_true", help="PDF with crop marks and 3 mm bleed")
    build.add_argument(
        "--pdf-variant",
        choices=VARIANTS,
        default=None,
        help="PDF/UA-1 (default: tagged, accessible) or PDF/A for archives",
    )
    build.add_argument(
        "--jobs", "-j", type=int, default=None, metavar="N", help="worker processes (default: one per core)"
    )
    build.add_argument(
        "--no-cache",
        dest="use_cache",
        action="store_false",
        help="rebuild everything, even outputs whose inputs did not change",
    )
    build.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="run the batch on a Dask cluster, e.g. tcp://host:8786 (pip install '.[dask]')",
    )
    build.add_argument(
        "--collection",
        metavar="NAME",
        default=None,
        help="build the manuscripts as one volume called NAME (output/collections/)",
    )
    build.add_argument(
        "--no-auto-glossary",
        dest="auto_glossary",
        action="store_const",
        const=False,
        default=None,
        help="do not collect quoted terms into the glossary",
    )
    build.add_argument("--check", action="store_true", help="validate every output right after building it")
    noise = build.add_mutually_exclusive_group()
    noise.add_argument("--quiet", "-q", action="store_true", help="print only warnings, errors and failures")
    noise.add_argument("--verbose", "-v", action="store_true", help="also print each manuscript's outputs")


def run(args: argparse.Namespace) -> int:
    from pipeline.build.batch import BatchStopped, CacheNotSaved, build_all
    from pipeline.cli import console
    from pipeline.writers.theme import load_theme

    options = build_options(args)
    load_theme(options.theme_dir)  # a wrong theme is a usage error before any work starts
    paths = args.paths or [Path("manuscripts")]
    if args.collection is not None:
        return build_collection_command(args, paths, options)
    from pipeline.readers.sources import find_manuscripts

    show = console.interactive() and not args.quiet
    # Only a bar shown needs the count up front; build_all finds the manuscripts itself (and
    # refuses a missing path with the same one line), so a quiet or piped run lists them once.
    total = len(find_manuscripts(paths)) if show else 0
    problems: list[str] = []
    try:
        with console.progress_bar(total, show) as advance:
            outcomes = build_all(paths, options, executor=executor(args.scheduler), on_done=advance)
    except BatchStopped as stop:  # Ctrl-C or SIGTERM: what was built is kept, recorded and shelved
        for problem in [*stop.problems, *shelve(options, stop.outcomes)]:
            print(shown_path(f"error: {problem}"), file=sys.stderr)
        print(stop, file=sys.stderr)
        return EXIT_INTERRUPTED
    except CacheNotSaved as exc:
        outcomes, problems = exc.outcomes, [str(exc)]
    console.print_diagnostics(outcomes, args.verbose)
    problems += shelve(options, outcomes)
    if not args.quiet or problems or any(o.failed for o in outcomes):
        console.print_summary(outcomes, table=show)
    for problem in problems:
        print(shown_path(f"error: {problem}"), file=sys.stderr)
    status = EXIT_FAILED if problems or any(o.failed for o in outcomes) else EXIT_OK
    if args.check:
        from pipeline.cli.commands.check import check_outputs  # the check command, only when asked

        status = max(
            status,
            check_outputs([p for o in outcomes for p in o.outputs if p.suffix in (".epub", ".pdf")], True),
        )
    return status


def shelve(options, outcomes) -> list[str]:
    """Write the catalogue of what is built (workers already read the EPUBs they wrote); a folder
    that cannot be written is one line naming the file."""
    if not (options.out_dir / "epub").is_dir():
        return []
    from pipeline.shelf.catalog import write_catalog

    try:
        write_catalog(options.out_dir, fresh=[record for o in outcomes for record in o.shelf])
    except OSError as exc:
        return [f"{exc.filename or options.out_dir}: cannot write the catalogue: {exc.strerror or exc}"]
    except PipelineError as exc:  # the shelf's own one-line refusal (a file where its folder goes)
        return [str(exc)]
    return []


def executor(address: str | None):
    """A Dask cluster's concurrent.futures executor when --scheduler names one, else None."""
    if address is None:
        return None
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--scheduler needs Dask: pip install '.[dask]'") from None
    try:
        return Client(address, timeout=10).get_executor()
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def build_collection_command(args: argparse.Namespace, paths: list[Path], options) -> int:
    from pipeline.build.collection import build_collection

    if not args.collection.strip():
        raise UsageError("--collection needs a name")
    if set(options.formats) - {"epub", "pdf"}:
        raise UsageError("a collection is built as epub and/or pdf")
    outcomes, written = build_collection(args.collection, paths, options)
    for outcome in outcomes:
        for diagnostic in outcome.diagnostics:
            print(shown_path(str(diagnostic)), file=sys.stderr)
    for path in written:
        print(shown_path(f"built {path}"))
    failures = [o for o in outcomes if o.failed]
    for outcome in failures:
        print(shown_path(f"  FAILED {outcome.source}: {outcome.reason}"), file=sys.stderr)
    return EXIT_FAILED if failures or not written else EXIT_OK
