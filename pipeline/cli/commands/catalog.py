"""`catalog`: the OPDS feed and the library page of output/."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.cli.commands import SUMMARIES
from pipeline.cli.folders import built_folder
from pipeline.cli.options import EXIT_OK, settings


def add_to(commands: argparse._SubParsersAction) -> None:
    catalog = commands.add_parser("catalog", help=SUMMARIES["catalog"])
    catalog.add_argument("--out", type=Path, default=None, help="the output folder (default: output/)")
    catalog.add_argument("--title", default="Study Guides", help="the shelf's title")


def run(args: argparse.Namespace) -> int:
    from pipeline.shelf.catalog import write_catalog

    out = built_folder(settings(args)["out"])
    feed, page, count = write_catalog(out, args.title)
    print(f"catalogued {count} guides: {feed}, {page}")
    return EXIT_OK
