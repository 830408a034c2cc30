"""The passes grow linearly: normalising a realistic or term-heavy manuscript, and anchoring
repeated headings, take time in proportion to the text (quadratic glossary, cross-link and anchor
passes were once found here)."""

from __future__ import annotations

import time
from pathlib import Path

from pipeline.build.batch import load_guide
from pipeline.model import guide as m
from tests.hostile import manuscript


def _seconds(path: Path, runs: int) -> float:
    """Best CPU time of this process (not wall time: other processes on the machine do not count)."""
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        load_guide(path)
        best = min(best, time.process_time() - started)
    return best


_UNIT = (
    "Pip, an orphan raised by his sister, meets the convict Magwitch in the marshes{n}. He is taken "
    "to Satis House, where Miss Havisham lives among stopped clocks, and falls for Estella. Later he "
    "comes into “expectations” from an unknown benefactor and moves to London.[^n]\n\n"
    "- Joe Gargery is kind\n- Estella is cold\n  - and proud\n\n"
    "> A quotation with *emphasis*, **strength** and `code`.\n\n"
    "### A Turn in the Story {n}\n\n| Who | What |\n|---|---|\n| Pip | hopes |\n\n"
)


def _growth_ratio(tmp_path: Path, make, small: int) -> float:
    folder = tmp_path / "growth"
    one = manuscript(folder, "one.md", make(small))
    eight = manuscript(folder, "eight.md", make(small * 8))
    _seconds(one, 1)  # warm caches (parser, regexes) before timing
    return _seconds(eight, 2) / _seconds(one, 3)


def test_normalising_grows_linearly_with_a_realistic_manuscript(tmp_path):
    def make(units: int) -> str:
        return "".join(_UNIT.format(n=n) for n in range(units)) + "\n[^n]: The one note.\n"

    ratio = _growth_ratio(tmp_path, make, 15)
    assert ratio < 20, f"8x the text took {ratio:.1f}x the time"


def test_normalising_grows_linearly_with_many_quoted_terms(tmp_path):
    def make(count: int) -> str:
        words = (f"gloop{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}" for n in range(count))
        return " ".join(f"The word “{word}” is used here." for word in words)

    ratio = _growth_ratio(tmp_path, make, 20)
    assert ratio < 20, f"8x the terms took {ratio:.1f}x the time"


def test_anchors_grow_linearly_with_repeated_headings():
    from pipeline.model.location import SourceLocation
    from pipeline.transforms.passes import assign_anchors

    def guide(count: int) -> m.Guide:
        loc = SourceLocation("x.md", 1)
        heading = m.Heading(1, (m.Text("Same Heading"),), loc)
        section = m.Section("summary", "Summary", (heading,) * count, loc)
        return m.Guide("x.md", "labelled", m.Metadata("T"), (section,))

    def seconds(count: int, runs: int) -> float:
        value, best = guide(count), float("inf")
        for _ in range(runs):
            started = time.process_time()
            assign_anchors(value)
            best = min(best, time.process_time() - started)
        return best

    seconds(300, 1)
    ratio = seconds(2400, 3) / seconds(300, 5)  # best of several: one busy moment is not a trend
    assert ratio < 20, f"8x the headings took {ratio:.1f}x the time"
