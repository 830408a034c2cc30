"""The benchmark's inputs (bench/inputs.py), read back through the pipeline as a build reads them."""

from __future__ import annotations

from pathlib import Path

from bench.inputs import generate, grown, growth_source, shipped_manuscripts
from pipeline.build.batch import load_guide


def test_every_copy_has_its_own_title_as_the_pipeline_reads_it(tmp_path: Path) -> None:
    sources = shipped_manuscripts()
    inputs = generate(len(sources) + 1, tmp_path, sources)  # the first source twice
    titles = [load_guide(path)[0].meta.title for path in inputs.ours]
    assert len(set(titles)) == len(titles)
    assert all(title.endswith(f" {i + 1:04d}") for i, title in enumerate(titles)), titles


def test_loose_copies_reach_pandoc_as_markdown_with_their_headings(tmp_path: Path) -> None:
    inputs = generate(len(shipped_manuscripts()), tmp_path, shipped_manuscripts())
    loose = [
        (ours, peer) for ours, peer in zip(inputs.ours, inputs.pandoc, strict=True) if ours.suffix == ".txt"
    ]
    assert loose, "the shipped manuscripts include loose .txt ones"
    for ours, peer in loose:
        assert peer.suffix == ".md" and peer.parent != ours.parent
        lines = peer.read_text(encoding="utf-8").split("\n")
        title = load_guide(ours)[0].meta.title
        assert lines[0] == f"# {title}"
        assert "## Book Info" in lines
    assert inputs.pandoc_list.read_text(encoding="utf-8").split() == [str(p) for p in inputs.pandoc]


def test_grown_manuscript_repeats_its_summary_and_nothing_else(tmp_path: Path) -> None:
    source = growth_source(shipped_manuscripts())
    blocks = {}
    for times in (1, 3):
        path = tmp_path / f"x{times}{source.suffix}"
        path.write_text(grown(source, times), encoding="utf-8")
        guide = load_guide(path)[0]
        blocks[times] = {s.kind: len(s.blocks) for s in guide.sections}
    assert blocks[3]["summary"] == 3 * blocks[1]["summary"] > 0
    assert {k: v for k, v in blocks[3].items() if k != "summary"} == {
        k: v for k, v in blocks[1].items() if k != "summary"
    }
