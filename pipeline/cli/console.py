"""What a person sees while a batch builds: a progress bar on a terminal, a summary table, and
plain quiet lines everywhere else (CI logs, pipes). Colour only on a terminal; NO_COLOR respected."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import contextmanager

from pipeline.build.options import Outcome
from pipeline.files.names import shown_path


def interactive() -> bool:
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def _console():
    from rich.console import Console

    # rich itself honours NO_COLOR; colour is off when stderr is not a terminal.
    return Console(stderr=True, no_color=bool(os.environ.get("NO_COLOR")), highlight=False)


@contextmanager
def progress_bar(total: int, enabled: bool):
    """Yields a callback that advances the bar by one finished manuscript (a no-op when disabled)."""
    if not enabled or total < 1:
        yield lambda outcome: None
        return
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]building[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=_console(),
        transient=True,
    ) as progress:
        task = progress.add_task("", total=total)

        def advance(outcome: Outcome) -> None:
            # The column renders markup: a name such as "[red]x.md" is escaped to show as it is.
            progress.update(task, advance=1, description=escape(shown_path(outcome.source.name)))

        yield advance


def print_diagnostics(outcomes: list[Outcome], verbose: bool) -> None:
    for outcome in outcomes:
        for diagnostic in outcome.diagnostics:
            print(shown_path(str(diagnostic)), file=sys.stderr)
        if verbose and not outcome.failed:
            state = "up to date" if outcome.cached else f"built in {outcome.seconds:.2f} s"
            print(
                shown_path(f"{outcome.source}: {state} -> {', '.join(str(p) for p in outcome.outputs)}"),
                file=sys.stderr,
            )


def summary_line(outcomes: list[Outcome]) -> str:
    failed = sum(o.failed for o in outcomes)
    cached = sum(o.cached for o in outcomes)
    warnings = sum(d.severity == "warning" for o in outcomes for d in o.diagnostics)
    return (
        f"{len(outcomes) - failed - cached} built, {cached} up to date, {failed} failed, {warnings} warnings"
    )


def print_summary(outcomes: list[Outcome], table: bool) -> None:
    """On a terminal a table (manuscript, formats, warnings, errors, time); elsewhere one line."""
    if table:
        from rich.table import Table
        from rich.text import Text

        grid = Table(title=None, show_edge=False, header_style="bold")
        for column, justify in (
            ("manuscript", "left"),
            ("formats", "left"),
            ("warnings", "right"),
            ("errors", "right"),
            ("time", "right"),
        ):
            grid.add_column(column, justify=justify)
        for outcome in outcomes:
            warnings = sum(d.severity == "warning" for d in outcome.diagnostics)
            errors = sum(d.severity == "error" for d in outcome.diagnostics)
            formats = "—" if outcome.failed else ", ".join(p.suffix.lstrip(".") for p in outcome.outputs)
            if outcome.cached:
                formats += " (up to date)"
            grid.add_row(
                Text(shown_path(outcome.source.name)),  # a Text, not a string rich reads as markup
                formats,
                str(warnings) if warnings else "",
                f"[red]{errors}[/]" if errors else "",
                "" if outcome.cached else f"{outcome.seconds:.2f} s",
            )
        console = _console()
        console.print(grid)
        console.print(summary_line(outcomes))
    else:
        print(summary_line(outcomes), file=sys.stderr if any(o.failed for o in outcomes) else sys.stdout)
    for outcome in outcomes:
        if outcome.failed:
            print(shown_path(f"  FAILED {outcome.source}: {outcome.reason}"), file=sys.stderr)


Advance = Callable[[Outcome], None]
