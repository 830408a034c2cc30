"""Lint's double-space check reads the words of a line, not the spacing after its block marker:
pandoc writes definitions as ":   text", and lists and quotes may be spaced the same way."""

from __future__ import annotations

import pytest

from pipeline.checks.lint import lint_file

HEAD = (
    "# Wuthering Heights\n\n**Author:** Emily Brontë\n\n## Summary\n\nLockwood visits.\n\n## Characters\n\n"
)


def double_spaces(tmp_path, body: str) -> list[int]:
    path = tmp_path / "wh.md"
    path.write_text(HEAD + body, encoding="utf-8")
    return [d.location.line for d in lint_file(path) if d.code == "W-DOUBLE-SPACE"]


@pytest.mark.parametrize(
    "body",
    [
        "Heathcliff\n:   A foundling.\n",
        "Moor\n~   Open upland.\n",
        "-   **Nelly**: the narrator\n",
        ">   A quote.\n",
    ],
)
def test_spacing_after_a_block_marker_is_not_a_double_space(tmp_path, body):
    assert double_spaces(tmp_path, body) == []


def test_a_double_space_between_words_after_a_marker_is_still_found(tmp_path):
    assert double_spaces(tmp_path, "Heathcliff\n:   A  foundling.\n") == [12]
