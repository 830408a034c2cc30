"""The auto-glossary (pipeline.transforms.glossary): which quoted words are terms, the sentence of
first use, and a manuscript's own definitions winning. Cross-links: test_crosslinks.py; the printed
index: writers/pdf/test_index.py; pull quotes and facts: writers/epub/test_extras.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.build.batch import load_guide
from pipeline.transforms.glossary import find_terms, is_term
from pipeline.writers.inspect_json import guide_to_json
from tests import needs
from tests.helpers import REPO, SEED

MANUSCRIPTS = sorted(p for p in (REPO / "manuscripts").iterdir() if p.suffix in (".md", ".txt"))
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"../shared is missing: no seed at {SEED}")
needs_poppler = needs.poppler


def glossary_terms(path: Path, **options) -> list[str]:
    guide, report = load_guide(path, **options)
    return [entry["term"] for entry in guide_to_json(guide, report)["glossary"]]


# ---------------------------------------------------------------- the rule


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They donate organs (“donations”) and die (“complete”).", ["donations", "complete"]),
        ("The guardians speak about their “purpose.”", ["purpose"]),
        ("She said “go away” and left.", []),  # introduced by a speech verb
        ("“Leave now,” he tells her.", []),  # comma inside: speech
        ("“Is it true?” Tommy wonders.", []),  # question: speech
        ("He only answers “Yes.”", []),  # speech verb, and a capitalised reply
        ("They read “Paradise Lost” together.", []),  # a Title Case work
        ("A “long phrase of many words here” is no term.", []),
        ("石猴被称为“美猴王”。", ["美猴王"]),
        ("Das „Gericht“ tagt auf Dachböden.", ["Gericht"]),  # German quotes
        ('Er hofft auf die „Verschleppung" des Verfahrens.', ["Verschleppung"]),  # half-typed
        ("Der Advokat antwortet „Nein“ und schweigt.", []),
    ],
)
def test_quoted_term_rule(sentence, expected):
    language = "de" if re.search(r"\b(?:Der|Das|Er)\b", sentence) else "en"
    assert [term for term, _ in find_terms(sentence, language)] == expected


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        ("Kemal „Evet“ dedi ve gitti.", "tr", []),  # Turkish: dedi is "said"
        ("Der „Prozess“ beginnt.", "de", ["Prozess"]),  # German: "der" is no verb here
        ("Der „Prozess“ beginnt.", "tr", ["Prozess"]),  # no Turkish word before it either
        ("Вона каже «Ні» і мовчить.", "uk", []),
        ("Вона знає слово «мир» напам'ять.", "uk", ["мир"]),
    ],
)
def test_speech_verbs_are_each_languages_own(sentence, language, expected):
    assert [term for term, _ in find_terms(sentence, language)] == expected


def test_is_term_wants_words_not_code():
    assert not is_term("x()", "<div onclick=", ">unclosed")
    assert not is_term("<b>", "it printed ", " in bold")
    assert not is_term("a = b", "the rule ", " holds")
    assert not is_term("42", "the answer ", " again")
    assert is_term("Newspeak", "the language called ", " replaces")
    assert is_term("o'clock", "the ", " rule")
    assert is_term("well-being", "their ", " matters")
    assert is_term("孙悟空", "the monkey ", " rebels")


def test_is_term_rejects_speech_after_the_quote():
    assert not is_term("run", "", " she whispered.")
    assert is_term("carer", "Kathy becomes a ", "—a clone who looks after others")


@needs_seed
def test_seed_glossary_lists_the_novels_terms_and_no_dialogue():
    terms = glossary_terms(SEED)
    assert {"donations", "complete", "carer", "deferrals"} <= set(terms)
    guide, _ = load_guide(SEED)
    glossary = guide.section("glossary")
    assert glossary is not None and glossary.kind == "glossary"
    by_term = {entry.term: entry for entry in glossary.entries}
    assert "deferrals" in by_term["deferrals"].context and by_term["deferrals"].context.endswith(".")


@pytest.mark.parametrize("manuscript", MANUSCRIPTS, ids=lambda p: p.stem)
def test_shipped_auto_terms_follow_the_rule(manuscript):
    guide, _ = load_guide(manuscript)
    auto = [e for s in guide.sections if s.kind == "glossary" for e in s.entries if e.context]
    for entry in auto:
        assert 1 <= len(entry.term.split()) <= 3 and not re.search(r"[!?,]", entry.term), entry.term
        assert entry.term in entry.context  # the sentence of first use really uses it


def test_the_sentence_of_first_use_does_not_stop_at_an_initial():
    assert find_terms("Er ist müde. Josef K. versteht das „Gericht“ nicht.") == [
        ("Gericht", "Josef K. versteht das „Gericht“ nicht.")
    ]


@needs_seed
def test_no_auto_glossary_turns_detection_off():
    assert glossary_terms(SEED, auto_glossary=False) == []


def test_manuscript_definition_wins(tmp_path):
    path = tmp_path / "book.md"
    path.write_text(
        "# Book\n\nby A. Writer\n\n## Summary\n\nShe becomes a “carer” and hears of “deferrals”.\n\n"
        "## Glossary\n\n- Carer: a clone who looks after donors\n",
        encoding="utf-8",
    )
    guide, _ = load_guide(path)
    entries = guide.section("glossary").entries
    assert [e.term for e in entries] == ["Carer", "deferrals"]
    assert "looks after donors" in "".join(getattr(i, "text", "") for i in entries[0].body)
    assert entries[0].context == "" and entries[1].context


# ---------------------------------------------------------------- cross-links


# ---------------------------------------------------------------- extras and facts
