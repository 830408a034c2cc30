"""Project defaults from [tool.pipeline] or guides.toml (pipeline.cli.config): every key checked
by name and type, every error naming the file."""

from __future__ import annotations

import pytest

from pipeline.cli.config import KEYS, load_config
from pipeline.model.diagnostics import UsageError


def test_no_file_no_settings(tmp_path):
    assert load_config(tmp_path) == ({}, None)


def test_pyproject_table_and_guides_toml_winning_over_it(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\npaper = "letter"\njobs = 2\n', "utf-8")
    assert load_config(tmp_path) == ({"paper": "letter", "jobs": 2}, tmp_path / "pyproject.toml")
    (tmp_path / "guides.toml").write_text('[pipeline]\npaper = "a5"\n', "utf-8")
    assert load_config(tmp_path) == ({"paper": "a5"}, tmp_path / "guides.toml")
    (tmp_path / "guides.toml").write_text('theme = "classic"\n', "utf-8")  # the table is optional
    assert load_config(tmp_path)[0] == {"theme": "classic"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('papers = "a4"\n', "unknown setting 'papers'"),
        ("jobs = true\n", "setting 'jobs' must be a int, not True"),
        ('formats = "epub"\n', "setting 'formats' must be a list"),
        ("pipeline = 3\n", "must be a table"),
        ("paper = \n", "cannot read settings"),
    ],
)
def test_a_wrong_key_type_or_file_is_a_usage_error_naming_the_file(tmp_path, text, message):
    (tmp_path / "guides.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message) as raised:
        load_config(tmp_path)
    assert str(tmp_path / "guides.toml") in str(raised.value)


def test_every_key_says_what_it_sets():
    assert all(isinstance(kind, type) and help_text for kind, help_text in KEYS.values())
    assert {"paper", "theme", "language", "out", "formats", "jobs"} <= set(KEYS)
