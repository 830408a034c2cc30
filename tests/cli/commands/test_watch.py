"""`watch` run in-process (pipeline.cli.commands.watch): the paths and options it hands the watcher."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli.commands import watch
from tests.helpers import parse_command


@pytest.fixture
def watched(monkeypatch, tmp_path):
    import pipeline.cli.watch

    monkeypatch.chdir(tmp_path)
    calls = []
    monkeypatch.setattr(
        pipeline.cli.watch, "watch", lambda paths, options: calls.append((paths, options)) or 7
    )
    return calls


def test_the_preview_of_the_manuscripts_folder_by_default(watched):
    assert watch.run(parse_command(watch)) == 7  # the watcher's own exit status
    [(paths, options)] = watched
    assert paths == [Path("manuscripts")] and options.formats == ("html",)
    assert options.out_dir == Path("output")


def test_the_formats_folder_and_paths_given(watched):
    watch.run(parse_command(watch, "a.md", "b", "--format", "html,epub", "--out", "preview"))
    [(paths, options)] = watched
    assert paths == [Path("a.md"), Path("b")]
    assert options.formats == ("html", "epub") and options.out_dir == Path("preview")
