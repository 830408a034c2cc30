"""A batch's worker processes (pipeline.build.workers): a chunk's guides built in turn, a stop
that hands back the guides finished so far, and the collector's pace while guides are printed."""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path

from pipeline.build import one_guide, workers
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

    monkeypatch.setattr(one_guide, "build_one", build_one)
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


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_printing_raises_the_threshold_and_collects_the_guides_cycles_after():
    before = gc.get_threshold()
    with workers.printing_collector(True):
        assert gc.get_threshold() == (workers.LAYOUT_GC_THRESHOLD, *before[1:])
        cycle = _Cycle()
        alive = weakref.ref(cycle)
        del cycle
        assert alive() is not None  # garbage, but not collected while the guide is printed
    assert gc.get_threshold() == before
    assert alive() is None  # collected once the guide is done


def test_an_epub_build_keeps_the_collector_as_it_was():
    before = gc.get_threshold()
    with workers.printing_collector(workers.prints(BuildOptions(formats=("epub", "html")))):
        assert gc.get_threshold() == before
    assert workers.prints(BuildOptions(formats=("epub", "handout")))


def test_overlapping_guides_restore_the_thresholds_only_when_the_last_ends():
    before = gc.get_threshold()
    first_in, second_done, first_out = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with workers.printing_collector(True):
            first_in.set()
            second_done.wait(10)
        first_out.set()

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with workers.printing_collector(True):
        pass
    during = gc.get_threshold()  # the first guide is still being printed
    second_done.set()
    first_out.wait(10)
    thread.join()
    assert during == (workers.LAYOUT_GC_THRESHOLD, *before[1:])
    assert gc.get_threshold() == before


def test_a_worker_collects_a_printed_guides_cycles_after_it_outside_the_stoppable_part(tmp_path, monkeypatch):
    options = BuildOptions(formats=("pdf",), out_dir=tmp_path / "out")
    left: list[weakref.ref] = []
    seen: list[tuple[int, bool]] = []

    def build_one(path: Path, given: BuildOptions) -> Outcome:
        seen.append((gc.get_threshold()[0], workers._Worker.building))
        if left:
            assert left[-1]() is None  # the previous guide's garbage is gone before this one
        cycle = _Cycle()
        left.append(weakref.ref(cycle))
        return Outcome(path)

    monkeypatch.setattr(one_guide, "build_one", build_one)
    monkeypatch.setattr(workers._Worker, "printed", 0)
    spy = _CollectSpy()
    monkeypatch.setattr(workers, "gc", spy)
    before = gc.get_threshold()
    try:
        done = workers.build_chunk([(Path("one.md"), options), (Path("two.md"), options)])
    finally:
        gc.set_threshold(*before)
    assert len(done) == 2 and seen == [(workers.LAYOUT_GC_THRESHOLD, True)] * 2
    assert left[-1]() is None
    assert spy.building_when_collected == [False, False]
    assert spy.generations == [1, 1]


def test_a_worker_collects_everything_every_so_many_printed_guides(tmp_path, monkeypatch):
    options = BuildOptions(formats=("handout",), out_dir=tmp_path / "out")
    monkeypatch.setattr(one_guide, "build_one", lambda path, given: Outcome(path))
    monkeypatch.setattr(workers._Worker, "printed", 0)
    spy = _CollectSpy()
    monkeypatch.setattr(workers, "gc", spy)
    count = workers.FULL_COLLECTION_EVERY * 2
    before = gc.get_threshold()
    try:
        workers.build_chunk([(Path(f"g{i}.md"), options) for i in range(count)])
    finally:
        gc.set_threshold(*before)
    full = [i for i, generation in enumerate(spy.generations, 1) if generation == 2]
    assert full == [workers.FULL_COLLECTION_EVERY, count] and len(spy.generations) == count


class _CollectSpy:
    """The gc module, noting whether the worker was inside a guide at each collection."""

    def __init__(self) -> None:
        self.building_when_collected: list[bool] = []
        self.generations: list[int] = []

    def __getattr__(self, name: str):
        return getattr(gc, name)

    def collect(self, generation: int = 2) -> int:
        self.building_when_collected.append(workers._Worker.building)
        self.generations.append(generation)
        return gc.collect(generation)
