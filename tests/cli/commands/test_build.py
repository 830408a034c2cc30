"""`build` run in-process (pipeline.cli.commands.build): outputs, the catalogue, a collection, and
usage errors before any work starts."""

from __future__ import annotations

import pytest

from pipeline.cli.commands import build
from pipeline.cli.options import EXIT_FAILED, EXIT_OK
from pipeline.model.diagnostics import UsageError
from tests.helpers import parse_command

GUIDE = "# Harbour\n\nby Ann Ayre\n\n## Summary\n\nTom waits.\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # settings are read from the folder the command runs in
    (tmp_path / "harbour.md").write_text(GUIDE, encoding="utf-8")
    return tmp_path


def test_build_writes_the_epub_and_the_catalogue_and_prints_a_summary(folder, capsys):
    args = parse_command(build, "harbour.md", "--format", "epub", "--out", "out", "--no-cache")
    assert build.run(args) == EXIT_OK
    assert (folder / "out" / "epub" / "harbour.epub").is_file()
    assert (folder / "out" / "opds.xml").is_file() and (folder / "out" / "index.html").is_file()
    assert "1 built, 0 up to date, 0 failed" in capsys.readouterr().out


def test_a_failed_manuscript_fails_the_command(folder, capsys):
    (folder / "empty.md").write_text("", encoding="utf-8")
    args = parse_command(build, "empty.md", "--format", "epub", "--out", "out")
    assert build.run(args) == EXIT_FAILED
    assert "FAILED empty.md" in capsys.readouterr().err


def test_a_collection_is_one_volume(folder, capsys):
    args = parse_command(build, "harbour.md", "--format", "epub", "--out", "out", "--collection", "Sea")
    assert build.run(args) == EXIT_OK
    assert (folder / "out" / "collections" / "sea.epub").is_file()
    assert "built out/collections/sea.epub" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--collection", " "], "needs a name"),
        (["--collection", "Sea", "--format", "handout"], "epub and/or pdf"),
        (["--theme", "no-such-theme"], "no-such-theme"),
        (["--jobs", "0"], "--jobs must be at least 1"),
    ],
)
def test_usage_errors_come_before_any_work(folder, argv, message):
    with pytest.raises(UsageError, match=message):
        build.run(parse_command(build, "harbour.md", "--out", "out", *argv))
    assert not (folder / "out").exists()


def test_no_scheduler_no_executor():
    assert build.executor(None) is None


@pytest.mark.slow
def test_a_scheduler_address_gives_that_clusters_executor():
    distributed = pytest.importorskip("distributed", reason="Dask is the optional [dask] extra")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        pool = build.executor(cluster.scheduler_address)
        assert pool.submit(pow, 2, 10).result(timeout=60) == 1024
        distributed.default_client().close()  # the client build.executor made for the command
