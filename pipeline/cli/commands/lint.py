"""`lint`: every problem in the manuscripts, without building (--strict: warnings fail too)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.commands import SUMMARIES
from pipeline.cli.options import EXIT_FAILED, EXIT_OK


def add_to(commands: argparse._SubParsersAction) -> None:
    lint = commands.add_parser("lint", help=SUMMARIES["lint"])
    lint.add_argument(
        "paths", nargs="*", type=Path, help="manuscript files or folders (default: manuscripts/)"
    )
    lint.add_argument("--strict", action="store_true", help="exit 1 on warnings too (for CI)")


def run(args: argparse.Namespace) -> int:
    from pipeline.checks.lint import lint_file
    from pipeline.files.names import shown_path
    from pipeline.readers.sources import find_manuscripts

    manuscripts = find_manuscripts(args.paths or [Path("manuscripts")])
    errors = warnings = 0
    for path in manuscripts:
        for diagnostic in lint_file(path):
            print(shown_path(str(diagnostic)))
            errors += diagnostic.severity == "error"
            warnings += diagnostic.severity == "warning"
    print(f"{len(manuscripts)} manuscripts: {errors} errors, {warnings} warnings", file=sys.stderr)
    return EXIT_FAILED if errors or (args.strict and warnings) else EXIT_OK
