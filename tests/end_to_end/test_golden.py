"""Golden files, as pandoc and markdown-it-py test: `inspect` on every shipped and corpus manuscript
(every dialect: loose text, front matter, labelled, pandoc title block; seven scripts) must print
exactly the JSON stored in tests/golden/inspect/. After an intended change, regenerate them with
`UPDATE_GOLDEN=1 make test-fast` and read the diff before committing it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.cli.main import main
from tests.helpers import CORPUS_KINDS, REPO

GOLDEN = REPO / "tests" / "golden" / "inspect"
SOURCES = sorted(
    p.relative_to(REPO)
    for folder in (REPO / "manuscripts", REPO / "tests" / "corpus")
    for p in folder.rglob("*")
    if p.suffix in (".md", ".txt", ".markdown")
    and not (folder.name == "corpus" and p.relative_to(folder).parts[0] in CORPUS_KINDS)
)

SEED = Path("..") / "shared" / "seeds" / "never-let-me-go.txt"  # the user's own summary, beside the repo


@pytest.mark.parametrize("source", [*SOURCES, SEED], ids=lambda p: p.name)
def test_inspect_matches_its_golden_file(source, capsys, monkeypatch):
    monkeypatch.chdir(REPO)  # diagnostics name the manuscript by the path given, relative here
    if not source.is_file():
        pytest.skip(f"{REPO / source} is missing: the seed lives in ../shared beside the repository")
    assert main(["inspect", str(source)]) == 0
    printed = json.loads(capsys.readouterr().out)
    golden = GOLDEN / _golden_name(source)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(json.dumps(printed, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert golden.is_file(), f"no golden file for {source}: run with UPDATE_GOLDEN=1 once"
    assert printed == json.loads(golden.read_text(encoding="utf-8"))


def test_every_golden_file_has_its_manuscript():
    """A golden file left behind by a renamed manuscript would silently test nothing."""
    expected = {_golden_name(s) for s in [*SOURCES, SEED]}
    assert {p.name for p in GOLDEN.glob("*.json")} == expected


def _golden_name(source: Path) -> str:
    return f"{source.parent.name}--{source.stem}.json"
