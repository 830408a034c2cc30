"""The study guide's extras as the EPUB shows them: pull quotes with speaker and explanation, numbered
questions however they were written, facts at a glance that show only what is given, and nothing
invented."""

from __future__ import annotations

import re

import pytest

from pipeline.build.batch import BuildOptions, build_all, load_guide
from tests.helpers import NS, REPO, epub_documents

MANUSCRIPTS = sorted(p for p in (REPO / "manuscripts").iterdir() if p.suffix in (".md", ".txt"))


def test_quotes_become_pull_quotes_with_speaker_and_explanation(tmp_path):
    [outcome] = build_all(
        [REPO / "manuscripts" / "frankenstein.txt"], BuildOptions(formats=("epub",), out_dir=tmp_path)
    )
    docs = epub_documents(outcome.outputs[0])
    figures = docs["quotes.xhtml"].findall(".//x:figure[@class='pullquote']", NS)
    assert len(figures) == 2
    assert figures[0].find("x:figcaption", NS).text == "— The Creature"
    assert "misery made me a fiend" in "".join(figures[0].find("x:blockquote", NS).itertext())
    assert docs["quotes.xhtml"].find(".//x:p[@class='quote-explanation']", NS) is not None


def test_questions_are_numbered(tmp_path):
    [outcome] = build_all(
        [REPO / "manuscripts" / "moby-dick.md"], BuildOptions(formats=("epub",), out_dir=tmp_path)
    )
    questions = epub_documents(outcome.outputs[0])["questions.xhtml"].find(".//x:ol[@class='questions']", NS)
    assert questions is not None and len(questions) >= 5


@pytest.mark.parametrize(
    "questions",
    [
        "- Why does Tom wait?\n- What does the harbour mean?",
        "Why does Tom wait?\n\nWhat does the harbour mean?",
    ],
    ids=["bulleted", "one-a-line"],
)
def test_questions_are_numbered_however_they_were_written(tmp_path, questions):
    path = tmp_path / "harbour.md"
    path.write_text(
        f"# Harbour\n\nby A. Writer\n\n## Summary\n\nTom waits.\n\n## Discussion Questions\n\n{questions}\n",
        encoding="utf-8",
    )
    [outcome] = build_all([path], BuildOptions(formats=("epub",), out_dir=tmp_path / "out"))
    questions_doc = epub_documents(outcome.outputs[0])["questions.xhtml"]
    numbered = questions_doc.find(".//x:ol[@class='questions']", NS)
    assert numbered is not None and len(numbered) == 2


def test_nothing_is_invented(tmp_path):
    path = tmp_path / "bare.md"
    path.write_text(
        "# Bare\n\nby A. Writer\n\n## Summary\n\nA plain story with no quoted terms.\n", encoding="utf-8"
    )
    guide, _ = load_guide(path)
    assert [s.kind for s in guide.sections] == ["info", "summary"]


@pytest.mark.parametrize(
    "manuscript", [*MANUSCRIPTS, REPO / "tests" / "corpus" / "minimal.txt"], ids=lambda p: p.stem
)
def test_facts_at_a_glance_show_only_what_is_given(manuscript, tmp_path):
    [outcome] = build_all([manuscript], BuildOptions(formats=("epub",), out_dir=tmp_path))
    info = epub_documents(outcome.outputs[0])["info.xhtml"]
    facts = {
        "".join(f.find("x:dt", NS).itertext()): "".join(f.find("x:dd", NS).itertext())
        for f in info.iterfind(".//x:div[@class='fact']", NS)
    }
    assert all(value.strip() and value.strip() not in ("None", "null") for value in facts.values()), facts
    guide, _ = load_guide(manuscript)
    assert bool(guide.meta.year_text) == any(k in facts for k in ("Published", "Publication"))
    assert any(re.search(r"\d+ (words|mots) · \d+ min", v) for v in facts.values())
