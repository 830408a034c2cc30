"""The options and the report (bench/run.py, bench/report.py): --only, the one-guide line, and the
notes that say when the machine was busy."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bench.load import Usage
from bench.measure import Run
from bench.report import one_guide, tables
from bench.run import CASES, parse_args
from bench.runner import Bench


def test_only_runs_the_cases_named_in_their_own_order() -> None:
    assert parse_args(["--only", "dask,watch"]).only == ["watch", "dask"]
    assert parse_args([]).only == list(CASES)
    with pytest.raises(SystemExit):
        parse_args(["--only", "watch,nope"])


def bench_with(results: dict) -> Bench:
    bench = Bench.__new__(Bench)  # no pipeline flags read: only the results matter here
    bench.results = {"epub": {}, "pdf": {}, "other": [], "load": [], **results}
    bench.floor_split = None
    return bench


@pytest.mark.parametrize(("ours", "pandoc", "verdict"), [(0.12, 0.06, "yes"), (0.2, 0.06, "no")])
def test_one_guide_is_ours_over_pandoc_at_n_1(ours: float, pandoc: float, verdict: str) -> None:
    bench = bench_with({"epub": {1: {"ours": Run(wall=ours), "peer_direct": Run(wall=pandoc)}}})
    one_guide(bench)
    [(name, text)] = bench.results["other"]
    assert name.startswith("one guide: ours / pandoc")
    assert f"**{ours / pandoc:.2f}**" in text and f"goal <= 2: {verdict}" in text


def test_one_guide_without_case_a_says_so() -> None:
    bench = bench_with({})
    one_guide(bench)
    assert bench.results["other"][0][1].startswith("n/a")


def test_a_busy_case_marks_its_own_rows_and_the_load_table() -> None:
    bench = bench_with({"other": [("before", "1 s")]})
    bench.results["other"].append(("k. watch", "median 30 ms"))
    bench.mark_load(Usage("watch", 5.0, 0.9, 1.0, 1.2), first_row=1)
    bench.results["other"].append(("l. dask", "3 s"))
    bench.mark_load(Usage("dask", 9.0, 0.1, 1.2, 1.1), first_row=2)
    other = dict(bench.results["other"])
    assert other["before"] == "1 s" and other["l. dask"] == "3 s"
    assert "machine busy" in other["k. watch"] and "0.90 cores" in other["k. watch"]
    text = tables(bench)
    assert "## EPUB" not in text  # case a did not run: no empty table
    rows = [line for line in text.splitlines() if line.startswith(("| watch", "| dask"))]
    assert rows[0].endswith("| **yes** |") and rows[1].endswith("| no |")


def test_the_side_tables_say_when_the_machine_was_busy(tmp_path: Path) -> None:
    bench = bench_with({"epub": {1: {"ours": Run(wall=0.1), "peer_direct": Run(wall=0.05)}}})
    bench.args = argparse.Namespace()
    bench.mark_load(Usage("side", 60.0, 0.5, 1.0, 2.0), first_row=0)
    text = tables(bench)
    assert "## EPUB" in text and "**The machine was busy during these cases**" in text
