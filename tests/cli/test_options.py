"""What every command shares (pipeline.cli.options): formats, settings merged from the defaults,
the project's configuration and the flags, and the options a build is given."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from pipeline.cli.options import DEFAULTS, build_options, format_list, settings
from pipeline.model.diagnostics import UsageError


def test_a_format_list_is_lower_case_without_repeats_and_refuses_the_unknown():
    assert format_list("EPUB, pdf,epub,,html") == ["epub", "pdf", "html"]
    with pytest.raises(argparse.ArgumentTypeError, match="unknown format 'mobi'; choose from epub"):
        format_list("epub,mobi")
    with pytest.raises(argparse.ArgumentTypeError):
        format_list(" , ")


def test_flags_override_the_configuration_which_overrides_the_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "guides.toml").write_text('paper = "letter"\nlanguage = "de"\n', encoding="utf-8")
    merged = settings(argparse.Namespace(paper="a5", out=None))
    assert merged["paper"] == "a5" and merged["language"] == "de"
    assert merged["out"] == DEFAULTS["out"]


def test_build_options_from_the_merged_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "guides.toml").write_text('language = "Deutsch"\nformats = ["epub"]\n', "utf-8")
    options = build_options(argparse.Namespace(out=Path("o"), jobs=2, use_cache=False))
    assert options.formats == ("epub",) and options.out_dir == Path("o") and options.jobs == 2
    assert options.default_language == "de" and not options.use_cache and options.shelf


@pytest.mark.parametrize(
    ("config", "args", "message"),
    [
        ('paper = "a3"\n', {}, "paper 'a3' is not one of"),
        ("", {"jobs": 0}, "--jobs must be at least 1"),
        ('formats = ["epub", "docx"]\n', {}, "unknown format 'docx' in the configuration"),
    ],
)
def test_impossible_settings_are_usage_errors(tmp_path, monkeypatch, config, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "guides.toml").write_text(config, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        build_options(argparse.Namespace(**args))
