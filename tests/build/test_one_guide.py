"""One manuscript's build (pipeline.build.one_guide): while a guide is printed the cyclic collector
waits, and one collection afterwards frees what the guide left; an EPUB build is left alone."""

from __future__ import annotations

import gc
import threading
import weakref

from pipeline.build import one_guide
from pipeline.build.options import BuildOptions, Outcome
from tests.helpers import REPO


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_printing_raises_the_threshold_and_collects_the_guides_cycles_after():
    before = gc.get_threshold()
    with one_guide.collected_per_guide(True):
        assert gc.get_threshold() == (one_guide.LAYOUT_GC_THRESHOLD, *before[1:])
        cycle = _Cycle()
        alive = weakref.ref(cycle)
        del cycle
        assert alive() is not None  # garbage, but not collected while the guide is printed
    assert gc.get_threshold() == before
    assert alive() is None  # collected once the guide is done


def test_an_epub_build_keeps_the_collector_as_it_was():
    before = gc.get_threshold()
    with one_guide.collected_per_guide(False):
        assert gc.get_threshold() == before


def test_overlapping_guides_restore_the_thresholds_only_when_the_last_ends():
    before = gc.get_threshold()
    first_in, second_done, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[tuple[int, ...]] = []

    def first() -> None:
        with one_guide.collected_per_guide(True):
            first_in.set()
            second_done.wait(10)
        first_out.set()

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with one_guide.collected_per_guide(True):
        pass
    seen.append(gc.get_threshold())  # the first guide is still being printed
    second_done.set()
    first_out.wait(10)
    thread.join()
    assert seen == [(one_guide.LAYOUT_GC_THRESHOLD, *before[1:])]
    assert gc.get_threshold() == before


def test_build_one_prints_inside_the_raised_threshold(tmp_path, monkeypatch):
    seen: list[int] = []

    def fake_build(path, options):
        seen.append(gc.get_threshold()[0])
        return Outcome(path)

    monkeypatch.setattr(one_guide, "_build_one", fake_build)
    manuscript = REPO / "manuscripts" / "moby-dick.md"
    one_guide.build_one(manuscript, BuildOptions(formats=("pdf",), out_dir=tmp_path))
    one_guide.build_one(manuscript, BuildOptions(formats=("epub",), out_dir=tmp_path))
    assert seen == [one_guide.LAYOUT_GC_THRESHOLD, gc.get_threshold()[0]]
