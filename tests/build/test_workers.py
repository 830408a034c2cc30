"""A batch's worker processes (pipeline.build.workers): a chunk's guides built in turn, and a stop
that hands back the guides finished so far."""

from __future__ import annotations

from pathlib import Path

from pipeline.build import workers
from pipeline.build.options import BuildOptions, Outcome


def test_a_chunk_is_built_in_order_and_a_stop_keeps_what_was_finished(tmp_path, monkeypatch):
    options = BuildOptions(formats=("epub",), out_dir=tmp_path / "out")
    chunk = [(Path(f"{name}.md"), options) for name in ("one", "two", "three")]
    built: list[str] = []

    def build_one(path: Path, given: BuildOptions) -> Outcome:
        assert given is options
        if path.stem == "three":
            raise KeyboardInterrupt  # the parent's stop arrives while the third guide builds
        built.append(path.stem)
        return Outcome(path, seconds=1.0)

    monkeypatch.setattr(workers, "build_one", build_one)
    done = workers.build_chunk(chunk)
    assert [o.source.name for o in done] == ["one.md", "two.md"]
    assert built == ["one", "two"]


def test_a_real_guide_in_a_chunk(tmp_path):
    source = tmp_path / "harbour.md"
    source.write_text("# Harbour\n\nby Ann Ayre\n\n## Summary\n\nTom waits.\n", encoding="utf-8")
    options = BuildOptions(formats=("epub",), out_dir=tmp_path / "out", use_cache=False)
    [outcome] = workers.build_chunk([(source, options)])
    assert not outcome.failed and outcome.outputs == [tmp_path / "out" / "epub" / "harbour.epub"]
    assert outcome.outputs[0].is_file()


def test_a_pool_hands_back_nothing_when_nothing_was_asked_and_leaves_no_worker():
    with workers.WorkerPool(1) as pool:
        assert pool.executor.submit(sum, [1, 2]).result(timeout=60) == 3
        started = pool.processes()
        assert len(started) == 1  # the worker it started, not this process's other children
        assert pool.stop([]) == []
    for process in started:
        process.join(timeout=10)
        assert not process.is_alive()
