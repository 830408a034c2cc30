"""`check`: EPUBCheck and DAISY Ace on every EPUB, structural checks on every PDF; one verdict a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.commands import SUMMARIES
from pipeline.cli.options import EXIT_FAILED, EXIT_OK, settings


def add_to(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help=SUMMARIES["check"])
    check.add_argument("paths", nargs="*", type=Path, help="files or folders (default: output/)")
    check.add_argument("--no-ace", action="store_true", help="skip DAISY Ace even where it is installed")


def check_outputs(paths: list[Path], ace: bool) -> int:
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


def run(args: argparse.Namespace) -> int:
    return check_outputs(args.paths or [Path(settings(args)["out"])], not args.no_ace)
