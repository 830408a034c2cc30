"""Section-name patterns compiled on need (pipeline.i18n.section_patterns) find exactly what one
alternation of every language's patterns finds, and compile only the languages a heading could be
in."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from pipeline.i18n.folding import fold_letters
from pipeline.i18n.language_data import LANGUAGES
from pipeline.i18n.section_aliases import ALIASES
from pipeline.i18n.section_names import normalise_heading
from pipeline.i18n.section_patterns import _candidates, _gate, kind_of
from tests.i18n.summaries import SUMMARIES

ROOT = Path(__file__).resolve().parents[2]
_ALL = [
    (kind, re.compile("|".join(f"(?:{fold_letters(p)})" for p in patterns.values())))
    for kind, patterns in ALIASES
]


def _every_language_at_once(text: str) -> str | None:
    return next((kind for kind, pattern in _ALL if pattern.search(text)), None)


def _headings() -> set[str]:
    """Every label and field name of every language, the seed manuscripts' lines, the test
    summaries' sentences and word pairs: thousands of headings, names and not."""
    found: set[str] = set()
    for language in LANGUAGES:
        found.update(language.tables["labels"].values())
        for names in language.tables.get("fields", {}).values():
            found.update(names)
    for path in (ROOT / "manuscripts").iterdir():
        found.update(line.strip("#*- ") for line in path.read_text(encoding="utf-8").splitlines()[:400])
    for text in SUMMARIES.values():
        words = text.split()
        found.update(text.split(". "))
        found.update(" ".join(words[i : i + 2]) for i in range(len(words)))
    return {heading for heading in found if heading}


def test_compiling_on_need_finds_what_every_language_at_once_finds():
    headings = _headings()
    assert len(headings) > 2000
    for heading in headings:
        text = normalise_heading(heading)
        assert kind_of(text) == _every_language_at_once(text), heading


def test_an_english_guide_compiles_few_lazy_patterns():
    code = (
        "import sys; from pipeline.i18n.section_names import section_kind;"
        "from pipeline.i18n import section_patterns as p;"
        "lines = open(sys.argv[1], encoding='utf-8').read().splitlines();"
        "[section_kind(line.lstrip('#').strip()) for line in lines if line.startswith('#')];"
        "print(len(p._COMPILED_LAZY), len(p._LAZY))"
    )
    path = ROOT / "manuscripts" / "great-expectations.md"
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT)
    compiled, lazy = map(int, out.stdout.split())
    assert "pl summary" in _candidates(normalise_heading("Streszczenie"))
    assert lazy > 200 and compiled < lazy / 4


def test_patterns_that_cannot_be_gated_are_compiled_at_once():
    assert _gate(r"\btermini\b") is None  # starts with an escape
    assert _gate("(^| )((om )?boken)") is None  # its first letters are optional
    assert _gate(r"(^| )(rozdzia\w*|pytani\w*)\b") == ("word", {"rozd", "pyta"})
    assert _gate("등장인물|인물") == ("char", {"등", "인"})
