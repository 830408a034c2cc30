"""`inspect`: one manuscript's normalised guide as JSON, like `pandoc -t native`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.cli.commands import SUMMARIES
from pipeline.cli.options import EXIT_FAILED, EXIT_OK, settings
from pipeline.files.names import shown_path
from pipeline.model.diagnostics import GuideError, UsageError


def add_to(commands: argparse._SubParsersAction) -> None:
    inspect = commands.add_parser("inspect", help=SUMMARIES["inspect"])
    inspect.add_argument("file", type=Path)
    inspect.add_argument(
        "--no-auto-glossary", dest="auto_glossary", action="store_const", const=False, default=None
    )


def run(args: argparse.Namespace) -> int:
    from pipeline.build.one_guide import load_guide
    from pipeline.writers.inspect_json import guide_to_json

    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    s = settings(args)
    try:
        guide, report = load_guide(args.file, auto_glossary=bool(s["auto_glossary"]))
    except GuideError as exc:
        for diagnostic in exc.diagnostics:
            print(shown_path(str(diagnostic)), file=sys.stderr)
        return EXIT_FAILED
    print(json.dumps(guide_to_json(guide, report), ensure_ascii=False, indent=2))
    return EXIT_OK
