"""One module per command (as mkdocs has): each adds its arguments (`add_to`) and runs (`run`).

May import: anything below cli/, and cli's shared modules (options, console, config)."""

from __future__ import annotations

from pipeline.cli.commands import build, catalog, check, inspect, lint, new, serve, watch

# In the order `--help` lists them.
COMMANDS = {
    "build": build,
    "inspect": inspect,
    "lint": lint,
    "new": new,
    "check": check,
    "catalog": catalog,
    "serve": serve,
    "watch": watch,
}
