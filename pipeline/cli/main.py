"""Command line: build, inspect, lint, new, check, catalog, serve and watch; exit codes 0, 1 and 2."""

from __future__ import annotations

import argparse
import os
import sys

from pipeline.cli.commands import COMMANDS
from pipeline.cli.options import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE
from pipeline.files.names import os_error_line
from pipeline.model.diagnostics import PipelineError, UsageError


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Turn Markdown book summaries into EPUB study guides, print-ready PDFs and handouts.",
        epilog="Defaults come from [tool.pipeline] in pyproject.toml or guides.toml; flags override them.",
    )
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS.values():
        command.add_to(commands)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command].run(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `... | head` closed the pipe: not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # the disk refused, past what each command handles: no traceback
        print(f"error: {os_error_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
