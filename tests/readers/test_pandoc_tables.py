"""Pandoc's grid and simple tables read as tables: header, rows, cells over several lines, line
numbers kept; a grid table with spans is read one paragraph a cell with one warning."""

from __future__ import annotations

from pipeline.model import guide as m
from pipeline.model.text import plain_text
from pipeline.readers.pandoc_tables import SPANS_NOTE, pipe_table_lines
from pipeline.writers.inspect_json import themes_of

GRID = """\
+--------------+-------------------------+
| Theme        | In the story            |
+==============+=========================+
| Imperialism  | Trade is only           |
|              | plunder.                |
+--------------+-------------------------+
| Truth        | Marlow tells a lie.     |
+--------------+-------------------------+"""

SPANS = """\
+-------+-------+
| Name  | Role  |
+=======+=======+
| Marlow        |
+-------+-------+"""

HEAD = "# Heart of Darkness\n\n**Author:** Joseph Conrad\n\n## Summary\n\nMarlow goes upriver.\n\n"


def _cells(table: m.Table) -> list[list[str]]:
    return [[plain_text(cell).strip() for cell in row] for row in table.rows]


def test_a_grid_table_becomes_a_pipe_table_with_its_multi_line_cells_joined():
    table = pipe_table_lines(GRID.split("\n"), 0)
    assert table is not None and table.length == 8 and not table.note
    assert list(table.rows) == [
        (0, ""),  # the top border: the blank line a table starts after
        (1, "| Theme | In the story |"),
        (1, "|---|---|"),
        (3, "| Imperialism | Trade is only plunder. |"),
        (6, "| Truth | Marlow tells a lie. |"),
        (7, ""),
    ]


def test_a_grid_table_of_themes_gives_the_themes_and_its_lines(load):
    guide, report = load("hod.md", HEAD + "## Themes\n\n" + GRID + "\n")
    section = guide.section("themes")
    assert section is not None
    (table,) = [b for b in section.blocks if isinstance(b, m.Table)]
    assert _cells(table) == [["Imperialism", "Trade is only plunder."], ["Truth", "Marlow tells a lie."]]
    assert themes_of(guide) == ["Imperialism", "Truth"]
    assert table.loc.line == 12  # its header row, on the line under the top border
    assert not [d for d in report.items if d.code == "W-TABLE-SPANS"]


def test_a_grid_table_of_book_info_gives_the_fields(load):
    border = "+---------+------+\n"
    info = border + "| Pages   | 96   |\n" + border + "| Genre   | Nov  |\n" + border
    guide, _ = load("hod.md", "# Heart of Darkness\n\n" + info + "\n## Summary\n\nMarlow goes upriver.\n")
    assert guide.meta.pages == 96
    assert guide.meta.genres == ("Nov",)


def test_a_grid_table_with_spans_is_read_a_paragraph_a_cell_with_one_warning(load):
    guide, report = load("hod.md", HEAD + "## Characters\n\n" + SPANS + "\n")
    warnings = [d for d in report.items if d.code == "W-TABLE-SPANS"]
    assert len(warnings) == 1 and warnings[0].location.line == 11 and SPANS_NOTE in str(warnings[0])
    text = [plain_text(b.inlines) for s in guide.sections for b in s.blocks if isinstance(b, m.Paragraph)]
    assert "+---" not in " ".join(text) and "|" not in " ".join(text)


def test_a_headerless_simple_table_gives_its_rows(load):
    simple = (
        "  ----------------- ------------------\n"
        "  **Genre**         Novella; Fiction\n"
        "  **Pages**         96\n"
        "  ----------------- ------------------\n"
    )
    guide, _ = load("hod.md", "# Heart of Darkness\n\n" + simple + "\n## Summary\n\nMarlow goes upriver.\n")
    assert guide.meta.pages == 96
    assert guide.meta.genres == ("Novella", "Fiction")


def test_a_headed_simple_table_ends_at_a_blank_line():
    lines = ["", "Name    Role", "------  ------", "Marlow  sailor", "Kurtz   agent", "", "After."]
    table = pipe_table_lines(lines, 1)
    assert table is not None and table.length == 4
    assert [row for _, row in table.rows] == [
        "| Name | Role |",
        "|---|---|",
        "| Marlow | sailor |",
        "| Kurtz | agent |",
    ]


def test_things_that_only_look_like_tables_are_left_alone():
    assert pipe_table_lines(["+ a plus", "text"], 0) is None
    assert pipe_table_lines(["+---+---+", "| a | b |"], 0) is None  # never closed
    assert pipe_table_lines(["---", "title: x", "---"], 0) is None
    assert pipe_table_lines(["--- ---", "a   b"], 0) is None  # dashes with no closing run, no header


def test_a_grid_table_in_code_stays_literal(load):
    guide, _ = load("hod.md", HEAD + "## Context\n\n```\n" + GRID + "\n```\n")
    code = [b for s in guide.sections for b in s.blocks if isinstance(b, m.CodeBlock)]
    assert code and code[0].text.startswith("+-----")
