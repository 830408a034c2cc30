"""What every command shares: exit codes, the formats and papers, and settings merged from the
built-in defaults, the project's configuration file and the flags."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pipeline.cli.folders import output_folder
from pipeline.model.diagnostics import UsageError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it (__main__ gives 143 for SIGTERM)
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


def format_list(value: str) -> list[str]:
    formats = list(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(FORMATS)}"
        )
    return formats


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
    from pipeline.build.options import BuildOptions

    s = settings(args)
    if s["paper"] not in PAPERS:
        raise UsageError(f"paper {s['paper']!r} is not one of {', '.join(PAPERS)}")
    if s["jobs"] is not None and s["jobs"] < 1:
        raise UsageError("--jobs must be at least 1")
    unknown = [f for f in s["formats"] if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown format {unknown[0]!r} in the configuration")
    from pipeline.i18n.language_names import language_tag

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
