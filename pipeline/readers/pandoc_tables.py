"""Pandoc's grid tables (`+----+` borders, `+====+` under the header) and simple tables (columns
under runs of dashes), as a Word file converted by pandoc has them, rewritten as pipe tables so they
reach the model as the tables every other manuscript writes. Each output row keeps the source line
it came from; a grid table whose cells span rows or columns is read one paragraph a cell."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

_GRID_BORDER = re.compile(r"^\+(?:[-=:]+\+)+[ \t]*$")
_DASH_RUNS = re.compile(r"^ *-{3,}(?:[ \t]+-{3,})+[ \t]*$")
SPANS_NOTE = "a grid table with cells spanning rows or columns is read as one paragraph a cell"


@dataclass(frozen=True, slots=True)
class PipeTable:
    """Markdown lines, each with its offset from the table's first line; how many source lines the
    table took; a warning when it could not be kept as a table."""

    rows: tuple[tuple[int, str], ...]
    length: int
    note: str = ""


def pipe_table_lines(lines: list[str], start: int) -> PipeTable | None:
    """The pandoc table that begins at `lines[start]`, as pipe-table lines; None if none does."""
    line = lines[start]
    if line.startswith("+") and _GRID_BORDER.match(line):
        return _grid(lines, start)
    if _DASH_RUNS.match(line):
        return _simple(lines, start, headed=False)
    if (
        start + 1 < len(lines)
        and line.strip()
        and (start == 0 or not lines[start - 1].strip())
        and _DASH_RUNS.match(lines[start + 1])
    ):
        return _simple(lines, start, headed=True)
    return None


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _separator(columns: int) -> str:
    return "|" + "---|" * columns


def _grid(lines: list[str], start: int) -> PipeTable | None:
    end = start + 1
    while end < len(lines) and lines[end][:1] in ("+", "|"):
        end += 1
    block = [line.rstrip() for line in lines[start:end]]
    if len(block) < 3 or not _GRID_BORDER.match(block[-1]):
        return None  # not closed by a border: text that happens to start with "+"
    bounds = [i for i, char in enumerate(block[0]) if char == "+"]
    rows: list[tuple[int, list[str]]] = []  # (offset of the row's first line, its cells)
    header_rows = 0
    open_row = False
    for offset, line in enumerate(block[1:], start=1):
        if line.startswith("+"):
            if not _GRID_BORDER.match(line) or [i for i, c in enumerate(line) if c == "+"] != bounds:
                return _cell_paragraphs(block, bounds, len(block))
            if "=" in line:
                header_rows = len(rows)
            open_row = False
            continue
        if len(line) <= bounds[-1] - 1 or any(line[i : i + 1] not in ("|", "") for i in bounds[:-1]):
            return _cell_paragraphs(block, bounds, len(block))  # a cell reaches across a boundary
        cells = [line[a + 1 : b].strip() for a, b in pairwise(bounds)]
        if open_row:  # a cell written over several lines: one cell, its lines joined
            rows[-1][1][:] = [f"{old} {new}".strip() for old, new in zip(rows[-1][1], cells, strict=True)]
        else:
            rows.append((offset, cells))
            open_row = True
    columns = len(bounds) - 1
    out: list[tuple[int, str]] = [(0, "")]  # the top border: a blank line starts the table's block
    if header_rows:
        header = [" ".join(row[1][c] for row in rows[:header_rows]).strip() for c in range(columns)]
        out.append((rows[0][0], _pipe(header)))
        out.append((rows[header_rows - 1][0], _separator(columns)))
    else:  # a headerless table: pipe tables need a header row, so an empty one
        out.append((rows[0][0] if rows else 0, _pipe([""] * columns)))
        out.append((rows[0][0] if rows else 0, _separator(columns)))
    out.extend((offset, _pipe(cells)) for offset, cells in rows[header_rows:])
    out.append((len(block) - 1, ""))
    return PipeTable(tuple(out), len(block))


def _cell_paragraphs(block: list[str], bounds: list[int], length: int) -> PipeTable:
    """A table with spans: each cell's text, as cut by the borders around it, becomes a paragraph."""
    out: list[tuple[int, str]] = []
    for offset, line in enumerate(block):
        if line.startswith("+"):
            continue
        for piece in re.split(r"\|", line.strip().strip("|")):
            if piece.strip():
                out.extend(((offset, piece.strip()), (offset, "")))
    return PipeTable(tuple(out), length, SPANS_NOTE)


def _simple(lines: list[str], start: int, headed: bool) -> PipeTable | None:
    rule = start + 1 if headed else start
    starts = [match.start() for match in re.finditer(r"-{3,}", lines[rule])]
    end = rule + 1
    while end < len(lines) and lines[end].strip() and not _DASH_RUNS.match(lines[end]):
        end += 1
    closed = end < len(lines) and bool(_DASH_RUNS.match(lines[end]))
    if not headed and not closed:
        return None  # a headerless table must end with dashes: otherwise this is not one
    body = lines[rule + 1 : end]
    if not body:
        return None

    def cells(line: str) -> list[str]:
        return [line[a:b].strip() for a, b in zip(starts, [*starts[1:], len(line) + 1], strict=True)]

    header = cells(lines[start]) if headed else [""] * len(starts)
    out: list[tuple[int, str]] = [(0, _pipe(header)), (rule - start, _separator(len(starts)))]
    out.extend((rule + 1 + i - start, _pipe(cells(line))) for i, line in enumerate(body))
    length = end + 1 - start if closed else end - start
    if closed:
        out.append((end - start, ""))
    if not headed:  # the opening dashes held the header row's place: a blank line before the table
        out.insert(0, (0, ""))
    return PipeTable(tuple(out), length)
