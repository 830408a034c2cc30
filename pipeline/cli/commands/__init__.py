"""One module per command (as mkdocs has): each adds its arguments (`add_to`) and runs (`run`).

May import: anything below cli/, and cli's shared modules (options, console, config)."""

from __future__ import annotations

import importlib
from types import ModuleType

# In the order `--help` lists them, with the line it gives each. Listing them needs no command's
# module, so a run imports only the module of the command it runs (see cli/main.py).
SUMMARIES = {
    "build": "build guides from manuscripts",
    "inspect": "print the normalised guide as JSON",
    "lint": "report problems in manuscripts without building",
    "new": "start a manuscript with every standard section",
    "check": "validate built guides (EPUBCheck, DAISY Ace, PDF structure)",
    "catalog": "write the OPDS feed and library page for output/",
    "serve": "serve output/ to e-readers and browsers",
    "watch": "rebuild a manuscript's preview whenever it or the theme changes",
}


def command(name: str) -> ModuleType:
    """The module of one command (its `add_to` and `run`), imported when first asked for."""
    if name not in SUMMARIES:
        raise KeyError(name)
    return importlib.import_module(f"pipeline.cli.commands.{name}")
