"""Command line: build, inspect, lint, new, check, catalog, serve and watch; exit codes 0, 1 and 2."""

from __future__ import annotations

import argparse
import os
import sys

from pipeline.cli.commands import SUMMARIES, command
from pipeline.cli.start_up import import_start_up


def parser(running: str | None = None) -> argparse.ArgumentParser:
    """The command line. `running` names the command this run executes: it alone gets its arguments
    (importing its module), the others are listed with their summaries, so `--help` shows them all
    while a build imports no other command's module. None builds every command in full."""
    root = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Turn Markdown book summaries into EPUB study guides, print-ready PDFs and handouts.",
        epilog="Defaults come from [tool.pipeline] in pyproject.toml or guides.toml; flags override them.",
    )
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, summary in SUMMARIES.items():
        if running is None or name == running:
            command(name).add_to(commands)
        else:
            commands.add_parser(name, help=summary)
    return root


def _command_word(argv: list[str]) -> str:
    """The command argv asks for: its first word that is not an option (the root parser takes no
    option but --help), or "" when there is none."""
    return next((word for word in argv if not word.startswith("-")), "")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parser(_command_word(argv)).parse_args(argv)
    # Imported once the arguments are read: `--help` and a mistyped command need none of them.
    from pipeline.cli.options import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE
    from pipeline.files.names import os_error_line, shown_path
    from pipeline.model.diagnostics import PipelineError, UsageError

    try:
        runner = command(args.command)
        # What its run imports before any work, with the collector still paused (start_up.py).
        import_start_up(getattr(runner, "START_UP", ()))
        return runner.run(args)
    except UsageError as exc:  # messages name files: a name's newline or escape stays in its line
        print(shown_path(f"error: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except PipelineError as exc:
        print(shown_path(f"error: {exc}"), file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `... | head` closed the pipe: not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # the disk refused, past what each command handles: no traceback
        print(f"error: {os_error_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
