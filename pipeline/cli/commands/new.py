"""`new`: a manuscript with every standard section, never over an existing file."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.cli.commands import SUMMARIES
from pipeline.cli.options import EXIT_OK, settings


def add_to(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help=SUMMARIES["new"])
    new.add_argument("title")
    new.add_argument("--author", default="", help="the book's author")
    new.add_argument("--year", default="", help="the year of first publication")
    new.add_argument(
        "--folder", type=Path, default=Path("manuscripts"), help="where to write it (default: manuscripts/)"
    )


def run(args: argparse.Namespace) -> int:
    from pipeline.cli.scaffold import new_manuscript

    language = settings(args)["language"]
    path = new_manuscript(args.folder, args.title, args.author, args.year, language)
    print(
        f"wrote {path}: fill in its facts and sections (python -m pipeline lint {path} lists what is missing)"
    )
    return EXIT_OK
