"""Typography through the whole normaliser: quotes, dashes and ellipses in the summary's plain text."""

from __future__ import annotations

import pytest

from pipeline.i18n.typography import dash_for, quoted, smarten
from pipeline.model.guide import Paragraph
from pipeline.model.text import plain_text

EM_DASH, EN_DASH, NBSP = "\u2014", "\u2013", "\u00a0"


def summary_text(load, body: str, language: str = "en") -> str:
    front = f"---\ntitle: The Lighthouse Keeper\nauthor: Ada Byron\nlanguage: {language}\n---\n\n"
    guide, _ = load("typo.md", front + "## Summary\n\n" + body + "\n")
    section = guide.section("summary")
    paragraphs = [b for b in section.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 1
    return plain_text(paragraphs[0].inlines)


def test_straight_double_quotes_become_curly(load):
    text = summary_text(load, 'She called it "home" at last.')
    assert text == "She called it \u201chome\u201d at last."
    assert '"' not in text


def test_apostrophes_and_single_quotes_become_curly(load):
    text = summary_text(load, "It's Tommy's 'purpose', they said.")
    assert text == "It\u2019s Tommy\u2019s \u2018purpose\u2019, they said."
    assert "'" not in text


def test_spaced_hyphen_between_words_becomes_a_closed_em_dash_in_english(load):
    text = summary_text(load, "Something is different - the students never leave.")
    assert text == f"Something is different{EM_DASH}the students never leave."


def test_hyphenated_words_and_ranges_keep_their_hyphen(load):
    text = summary_text(load, "An on-again-off-again affair, read in 4-5 hours.")
    assert text == "An on-again-off-again affair, read in 4-5 hours."


@pytest.mark.parametrize("body", ["It was over -- truly over.", "It was over--truly over."])
def test_double_hyphen_becomes_a_dash(load, body):
    text = summary_text(load, body)
    assert "--" not in text and "-" not in text
    assert EM_DASH in text or EN_DASH in text
    assert text.startswith("It was over") and text.endswith("truly over.")


@pytest.mark.parametrize("body", ["It was over -- truly over.", "It was over--truly over."])
def test_double_hyphen_is_the_same_dash_as_a_spaced_hyphen_in_english(load, body):
    assert summary_text(load, body) == summary_text(load, "It was over - truly over.")


def test_three_dots_become_an_ellipsis(load):
    text = summary_text(load, "And then... nothing.")
    assert text == "And then\u2026 nothing."
    assert "..." not in text


def test_all_at_once_in_the_summary_paragraph(load):
    text = summary_text(load, 'Kathy becomes a "carer" - a clone who waits... and it\'s quiet.')
    assert text == f"Kathy becomes a \u201ccarer\u201d{EM_DASH}a clone who waits\u2026 and it\u2019s quiet."


def test_french_uses_guillemets_and_a_spaced_en_dash(load):
    text = summary_text(load, 'Il dit "bonjour" - puis part.', language="fr")
    assert "\u00ab" in text and "\u00bb" in text and '"' not in text
    assert f"{NBSP}{EN_DASH} puis" in text  # never an en dash at the start of a line


def test_code_is_not_smartened(load):
    guide, _ = load(
        "code.md",
        '---\ntitle: The Lighthouse Keeper\n---\n\n## Summary\n\nRun `a - b -- "c"...` now.\n',
    )
    para = guide.section("summary").blocks[0]
    code = [item for item in para.inlines if type(item).__name__ == "Code"]
    assert [c.text for c in code] == ['a - b -- "c"...']


@pytest.mark.parametrize(
    ("language", "dash"),
    [("en", EM_DASH), ("en-GB", EM_DASH), ("fr", f"{NBSP}{EN_DASH} "), ("de", f"{NBSP}{EN_DASH} ")],
)
def test_dash_for_language(language, dash):
    assert dash_for(language) == dash


def test_smarten_collapses_runs_of_spaces_between_words():
    assert smarten("one  two   three") == "one two three"
    assert smarten("a - b") == f"a{EM_DASH}b"
    assert smarten("- not between words") == "- not between words"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "the guardians speak about their “purpose.”", "“the guardians speak about their ‘purpose.’”"),
        ("de", "sie seien nur „niedrige Angestellte“.", "„sie seien nur ‚niedrige Angestellte‘.“"),
        # CLDR's French inner marks are guillemets too, spaced as the outer ones, a typed space replaced
        ("fr", "le « comte » arrive", "«\u202fle «\u202fcomte\u202f» arrive\u202f»"),
        ("es", "la “peste del insomnio”", "“la ‘peste del insomnio’”"),
        ("pl", "mówi o „planecie”", "„mówi o «planecie»”"),
    ],
)
def test_a_quoted_sentence_turns_its_own_quotes_to_the_inner_kind(language, text, expected):
    # A glossary's "first used" sentence often quotes the term itself: the marks must not repeat.
    assert quoted(text, language) == expected
