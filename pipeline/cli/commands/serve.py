"""`serve`: output/ over HTTP for e-readers (OPDS) and browsers, on this machine only by default."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.cli.commands import SUMMARIES
from pipeline.cli.folders import built_folder
from pipeline.cli.options import EXIT_OK, settings
from pipeline.model.diagnostics import UsageError


def add_to(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser("serve", help=SUMMARIES["serve"])
    serve.add_argument("--out", type=Path, default=None, help="the folder to serve (default: output/)")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")


def run(args: argparse.Namespace) -> int:
    from pipeline.shelf.catalog import write_catalog
    from pipeline.shelf.serve import make_server, shelf_urls

    out = built_folder(settings(args)["out"])
    write_catalog(out)
    try:
        server = make_server(out, args.host, args.port)
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    host, port = server.server_address[:2]
    for url in shelf_urls(str(host), port):
        print(f"Serving {out} at {url}  (e-readers: {url}opds.xml)", flush=True)
    if host in ("0.0.0.0", "::"):
        print("Other devices on your network reach it at this machine's network address.", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped")
    finally:
        server.server_close()
    return EXIT_OK
