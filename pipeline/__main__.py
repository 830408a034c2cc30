"""Command line: build, inspect and check study guides; maps failures to exit codes 0, 1 and 2."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.diagnostics import GuideError, PipelineError, UsageError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _formats(value: str) -> tuple[str, ...]:
    from pipeline.build import FORMATS

    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(FORMATS)}")
    return formats


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Turn Markdown book summaries into EPUB study guides and print-ready PDFs.",
    )
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build guides from manuscripts")
    build.add_argument("paths", nargs="*", type=Path, help="manuscript files or folders (default: manuscripts/)")
    build.add_argument("--format", dest="formats", type=_formats, default=("epub", "pdf"),
                       help="comma-separated formats: epub,pdf,handout (default: epub,pdf)")
    build.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output/)")
    build.add_argument("--paper", choices=("a4", "letter", "a5"), default="a4", help="PDF paper size (default: a4)")
    build.add_argument("--theme", type=Path, default=None, help="a theme folder (default: styles/)")
    build.add_argument("--print-marks", action="store_true", help="PDF with crop marks and 3 mm bleed")
    build.add_argument("--pdf-variant", choices=("pdf/ua-1", "pdf/a-3u", "pdf/a-2u", "pdf/a-3b"), default="pdf/ua-1",
                       help="PDF/UA-1 (default: tagged, accessible) or PDF/A for archives")
    build.add_argument("--quiet", action="store_true", help="print only warnings and errors")
    build.add_argument("--check", action="store_true", help="validate each output right after building it")
    build.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                       help="worker processes (default: one per core)")
    build.add_argument("--no-cache", dest="use_cache", action="store_false",
                       help="rebuild everything, even outputs whose inputs did not change")
    build.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="run the batch on a Dask cluster, e.g. tcp://host:8786 (pip install .[dask])")
    build.add_argument("--collection", metavar="NAME", default=None,
                       help="build the manuscripts as one volume called NAME (output/collections/)")
    build.add_argument("--no-auto-glossary", dest="auto_glossary", action="store_false",
                       help="do not collect quoted terms into the glossary")

    inspect = commands.add_parser("inspect", help="print the normalised guide as JSON")
    inspect.add_argument("file", type=Path)
    inspect.add_argument("--no-auto-glossary", dest="auto_glossary", action="store_false")

    catalog = commands.add_parser("catalog", help="write the OPDS feed and library page for output/")
    catalog.add_argument("--out", type=Path, default=Path("output"), help="the output folder (default: output/)")
    catalog.add_argument("--title", default="Study Guides", help="the shelf's title")

    serve = commands.add_parser("serve", help="serve output/ to e-readers and browsers")
    serve.add_argument("--out", type=Path, default=Path("output"), help="the folder to serve (default: output/)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")

    check = commands.add_parser("check", help="validate built guides (EPUBCheck, PDF structure)")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders (default: output/)")
    check.add_argument("--no-ace", action="store_true", help="skip DAISY Ace even where it is installed")
    return root


def cmd_build(args: argparse.Namespace) -> int:
    from pipeline.build import BuildOptions, build_all

    options = BuildOptions(
        formats=args.formats, out_dir=args.out, paper=args.paper, theme_dir=args.theme,
        print_marks=args.print_marks, pdf_variant=args.pdf_variant, auto_glossary=args.auto_glossary,
        jobs=args.jobs, use_cache=args.use_cache,
    )
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    paths = args.paths or [Path("manuscripts")]
    if args.collection is not None:
        return _build_collection(args, paths, options)
    outcomes = build_all(paths, options, executor=_executor(args.scheduler))
    failures = [o for o in outcomes if o.failed]
    for outcome in outcomes:
        for diagnostic in outcome.diagnostics:
            print(diagnostic, file=sys.stderr)
        if not outcome.failed and not args.quiet and not outcome.cached:
            built = ", ".join(str(p) for p in outcome.outputs)
            print(f"built {outcome.source} -> {built} ({outcome.seconds:.2f} s)")
    if (args.out / "epub").is_dir():
        from pipeline.catalog import write_catalog

        write_catalog(args.out)  # the shelf always shows what is built
    if not args.quiet or failures:
        cached = sum(o.cached for o in outcomes)
        print(
            f"{len(outcomes) - len(failures) - cached} built, {cached} up to date, {len(failures)} failed",
            file=sys.stderr if failures else sys.stdout,
        )
    for outcome in failures:
        print(f"  FAILED {outcome.source}: {outcome.reason}", file=sys.stderr)
    if args.check:
        from pipeline.check import check_all

        outputs = [path for outcome in outcomes for path in outcome.outputs]
        verdicts = check_all(outputs) if outputs else []
        for verdict in verdicts:
            print(verdict)
        if any(not v.ok for v in verdicts):
            return EXIT_FAILED
    return EXIT_FAILED if failures else EXIT_OK


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
    from pipeline.build import build_collection

    if not args.collection.strip():
        raise UsageError("--collection needs a name")
    if "handout" in options.formats:
        raise UsageError("a collection is built as epub and/or pdf, not as handouts")
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
    from pipeline.build import load_guide
    from pipeline.inspect_json import guide_to_json

    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    try:
        guide, report = load_guide(args.file, auto_glossary=args.auto_glossary)
    except GuideError as exc:
        print(exc.diagnostic, file=sys.stderr)
        return EXIT_FAILED
    print(json.dumps(guide_to_json(guide, report), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from pipeline.check import check_all

    verdicts = check_all(args.paths or [Path("output")], ace=not args.no_ace)
    if not verdicts:
        print("no EPUB or PDF files to check", file=sys.stderr)
        return EXIT_FAILED
    for verdict in verdicts:
        print(verdict)
    failed = sum(not v.ok for v in verdicts)
    print(f"{len(verdicts) - failed} passed, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_catalog(args: argparse.Namespace) -> int:
    from pipeline.catalog import write_catalog

    if not args.out.is_dir():
        raise UsageError(f"{args.out}: no such folder; build some guides first")
    feed, page, count = write_catalog(args.out, args.title)
    print(f"catalogued {count} guides: {feed}, {page}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from pipeline.catalog import write_catalog
    from pipeline.serve import make_server

    if not args.out.is_dir():
        raise UsageError(f"{args.out}: no such folder; build some guides first")
    write_catalog(args.out)
    try:
        server = make_server(args.out, args.host, args.port)
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    host, port = server.server_address[:2]
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    print(f"Serving {args.out} at http://{shown}:{port}/  (e-readers: http://{shown}:{port}/opds.xml)")
    print("Press Ctrl-C to stop.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped")
    finally:
        server.server_close()
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    handlers = {"build": cmd_build, "inspect": cmd_inspect, "check": cmd_check, "catalog": cmd_catalog,
                "serve": cmd_serve}
    try:
        return handlers[args.command](args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
