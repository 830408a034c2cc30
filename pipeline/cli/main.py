"""Command line: build, inspect, lint, new, check, catalog, serve and watch; exit codes 0, 1 and 2."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from pipeline.cli.folders import os_error_line, output_folder
from pipeline.model.diagnostics import GuideError, PipelineError, UsageError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
FORMATS = ("epub", "pdf", "handout", "html")
PAPERS = ("a4", "letter", "a5")
VARIANTS = ("pdf/ua-1", "pdf/a-3u", "pdf/a-2u", "pdf/a-3b")
DEFAULTS: dict[str, Any] = {
    "formats": ["epub", "pdf"],
    "out": "output",
    "paper": "a4",
    "theme": None,
    "language": "en",
    "publisher": "Study Guide Pipeline",
    "jobs": None,
    "auto_glossary": True,
    "pdf_variant": "pdf/ua-1",
}


def _formats(value: str) -> list[str]:
    formats = list(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(FORMATS)}"
        )
    return formats


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Turn Markdown book summaries into EPUB study guides, print-ready PDFs and handouts.",
        epilog="Defaults come from [tool.pipeline] in pyproject.toml or guides.toml; flags override them.",
    )
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build guides from manuscripts")
    build.add_argument(
        "paths", nargs="*", type=Path, help="manuscript files or folders (default: manuscripts/)"
    )
    build.add_argument(
        "--format",
        dest="formats",
        type=_formats,
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

    inspect = commands.add_parser("inspect", help="print the normalised guide as JSON")
    inspect.add_argument("file", type=Path)
    inspect.add_argument(
        "--no-auto-glossary", dest="auto_glossary", action="store_const", const=False, default=None
    )

    lint = commands.add_parser("lint", help="report problems in manuscripts without building")
    lint.add_argument(
        "paths", nargs="*", type=Path, help="manuscript files or folders (default: manuscripts/)"
    )
    lint.add_argument("--strict", action="store_true", help="exit 1 on warnings too (for CI)")

    new = commands.add_parser("new", help="start a manuscript with every standard section")
    new.add_argument("title")
    new.add_argument("--author", default="", help="the book's author")
    new.add_argument("--year", default="", help="the year of first publication")
    new.add_argument(
        "--folder", type=Path, default=Path("manuscripts"), help="where to write it (default: manuscripts/)"
    )

    check = commands.add_parser("check", help="validate built guides (EPUBCheck, DAISY Ace, PDF structure)")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders (default: output/)")
    check.add_argument("--no-ace", action="store_true", help="skip DAISY Ace even where it is installed")

    catalog = commands.add_parser("catalog", help="write the OPDS feed and library page for output/")
    catalog.add_argument("--out", type=Path, default=None, help="the output folder (default: output/)")
    catalog.add_argument("--title", default="Study Guides", help="the shelf's title")

    serve = commands.add_parser("serve", help="serve output/ to e-readers and browsers")
    serve.add_argument("--out", type=Path, default=None, help="the folder to serve (default: output/)")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")

    watch = commands.add_parser(
        "watch", help="rebuild a manuscript's preview whenever it or the theme changes"
    )
    watch.add_argument(
        "paths", nargs="*", type=Path, help="manuscript files or folders (default: manuscripts/)"
    )
    watch.add_argument(
        "--format",
        dest="formats",
        type=_formats,
        default=["html"],
        help="formats to rebuild on change (default: html)",
    )
    watch.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    watch.add_argument("--theme", default=None, help="a shipped theme's name or a folder")
    return root


def settings(args: argparse.Namespace) -> dict[str, Any]:
    """Built-in defaults, then the project's configuration, then the flags given."""
    from pipeline.cli.config import load_config

    config, _ = load_config(Path.cwd())
    merged = {**DEFAULTS, **config}
    for key in DEFAULTS:
        value = getattr(args, key, None)
        if value is not None:
            merged[key] = value
    return merged


def build_options(args: argparse.Namespace):
    from pipeline.build.batch import BuildOptions

    s = settings(args)
    if s["paper"] not in PAPERS:
        raise UsageError(f"paper {s['paper']!r} is not one of {', '.join(PAPERS)}")
    if s["jobs"] is not None and s["jobs"] < 1:
        raise UsageError("--jobs must be at least 1")
    unknown = [f for f in s["formats"] if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown format {unknown[0]!r} in the configuration")
    from pipeline.readers.metadata import language_tag

    language = language_tag(str(s["language"])) or "en"
    return BuildOptions(
        formats=tuple(s["formats"]),
        out_dir=output_folder(s["out"]),
        paper=s["paper"],
        theme_dir=s["theme"],
        print_marks=getattr(args, "print_marks", False),
        pdf_variant=s["pdf_variant"],
        auto_glossary=bool(s["auto_glossary"]),
        jobs=s["jobs"],
        use_cache=getattr(args, "use_cache", True),
        default_language=language,
        publisher=str(s["publisher"]),
        shelf=True,  # `build` writes the catalogue after the batch: workers prepare its entries
    )


# ---------------------------------------------------------------- commands


def cmd_build(args: argparse.Namespace) -> int:
    from pipeline.build.batch import build_all
    from pipeline.cli import console
    from pipeline.writers.theme import load_theme

    options = build_options(args)
    load_theme(options.theme_dir)  # a wrong theme is a usage error before any work starts
    paths = args.paths or [Path("manuscripts")]
    if args.collection is not None:
        return _build_collection(args, paths, options)
    from pipeline.readers.sources import find_manuscripts

    total = len(find_manuscripts(paths))
    show = console.interactive() and not args.quiet
    with console.progress_bar(total, show) as advance:
        outcomes = build_all(paths, options, executor=_executor(args.scheduler), on_done=advance)
    console.print_diagnostics(outcomes, args.verbose)
    if (options.out_dir / "epub").is_dir():
        from pipeline.shelf.catalog import write_catalog

        # The shelf always shows what is built; workers already read the EPUBs they wrote.
        write_catalog(options.out_dir, fresh=[record for o in outcomes for record in o.shelf])
    if not args.quiet or any(o.failed for o in outcomes):
        console.print_summary(outcomes, table=show)
    status = EXIT_FAILED if any(o.failed for o in outcomes) else EXIT_OK
    if args.check:
        status = max(
            status, _check([p for o in outcomes for p in o.outputs if p.suffix in (".epub", ".pdf")], True)
        )
    return status


def _executor(address: str | None):
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


def _build_collection(args: argparse.Namespace, paths: list[Path], options) -> int:
    from pipeline.build.batch import build_collection

    if not args.collection.strip():
        raise UsageError("--collection needs a name")
    if set(options.formats) - {"epub", "pdf"}:
        raise UsageError("a collection is built as epub and/or pdf")
    outcomes, written = build_collection(args.collection, paths, options)
    for outcome in outcomes:
        for diagnostic in outcome.diagnostics:
            print(diagnostic, file=sys.stderr)
    for path in written:
        print(f"built {path}")
    failures = [o for o in outcomes if o.failed]
    for outcome in failures:
        print(f"  FAILED {outcome.source}: {outcome.reason}", file=sys.stderr)
    return EXIT_FAILED if failures or not written else EXIT_OK


def cmd_inspect(args: argparse.Namespace) -> int:
    from pipeline.build.batch import load_guide
    from pipeline.writers.inspect_json import guide_to_json

    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    s = settings(args)
    try:
        guide, report = load_guide(args.file, auto_glossary=bool(s["auto_glossary"]))
    except GuideError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return EXIT_FAILED
    print(json.dumps(guide_to_json(guide, report), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_lint(args: argparse.Namespace) -> int:
    from pipeline.checks.lint import lint_file
    from pipeline.readers.sources import find_manuscripts

    manuscripts = find_manuscripts(args.paths or [Path("manuscripts")])
    errors = warnings = 0
    for path in manuscripts:
        for diagnostic in lint_file(path):
            print(diagnostic)
            errors += diagnostic.severity == "error"
            warnings += diagnostic.severity == "warning"
    print(f"{len(manuscripts)} manuscripts: {errors} errors, {warnings} warnings", file=sys.stderr)
    return EXIT_FAILED if errors or (args.strict and warnings) else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from pipeline.cli.scaffold import new_manuscript

    language = settings(args)["language"]
    path = new_manuscript(args.folder, args.title, args.author, args.year, language)
    print(
        f"wrote {path}: fill in its facts and sections (python -m pipeline lint {path} lists what is missing)"
    )
    return EXIT_OK


def _check(paths: list[Path], ace: bool) -> int:
    from pipeline.checks.outputs import check_all

    verdicts = check_all(paths, ace=ace)
    if not verdicts:
        print("no EPUB or PDF files to check", file=sys.stderr)
        return EXIT_FAILED
    for verdict in verdicts:
        print(verdict)
    failed = sum(not v.ok for v in verdicts)
    print(f"{len(verdicts) - failed} passed, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    return _check(args.paths or [Path(settings(args)["out"])], not args.no_ace)


def cmd_catalog(args: argparse.Namespace) -> int:
    from pipeline.shelf.catalog import write_catalog

    out = Path(settings(args)["out"])
    if not out.is_dir():
        raise UsageError(f"{out}: no such folder; build some guides first")
    feed, page, count = write_catalog(out, args.title)
    print(f"catalogued {count} guides: {feed}, {page}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from pipeline.shelf.catalog import write_catalog
    from pipeline.shelf.serve import make_server, shelf_urls

    out = Path(settings(args)["out"])
    if not out.is_dir():
        raise UsageError(f"{out}: no such folder; build some guides first")
    write_catalog(out)
    try:
        server = make_server(out, args.host, args.port)
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    host, port = server.server_address[:2]
    for url in shelf_urls(str(host), port):
        print(f"Serving {out} at {url}  (e-readers: {url}opds.xml)", flush=True)
    if host in ("0.0.0.0", "::"):
        print("Other devices on your network reach it at this machine's network address.", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped")
    finally:
        server.server_close()
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from pipeline.cli.watch import watch

    options = build_options(args)
    return watch(args.paths or [Path("manuscripts")], options)


HANDLERS = {
    "build": cmd_build,
    "inspect": cmd_inspect,
    "lint": cmd_lint,
    "new": cmd_new,
    "check": cmd_check,
    "catalog": cmd_catalog,
    "serve": cmd_serve,
    "watch": cmd_watch,
}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return HANDLERS[args.command](args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `... | head` closed the pipe: not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # the disk refused, past what each command handles: no traceback
        print(f"error: {os_error_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
