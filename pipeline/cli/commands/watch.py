"""`watch`: rebuild a manuscript's preview (and other formats asked for) on every save."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.cli.commands import SUMMARIES
from pipeline.cli.options import build_options, format_list


def add_to(commands: argparse._SubParsersAction) -> None:
    watch = commands.add_parser("watch", help=SUMMARIES["watch"])
    watch.add_argument(
        "paths", nargs="*", type=Path, help="manuscript files or folders (default: manuscripts/)"
    )
    watch.add_argument(
        "--format",
        dest="formats",
        type=format_list,
        default=["html"],
        help="formats to rebuild on change (default: html)",
    )
    watch.add_argument("--out", type=Path, default=None, help="output folder (default: output/)")
    watch.add_argument("--theme", default=None, help="a shipped theme's name or a folder")


def run(args: argparse.Namespace) -> int:
    from pipeline.cli.watch import watch

    options = build_options(args)
    return watch(args.paths or [Path("manuscripts")], options)
