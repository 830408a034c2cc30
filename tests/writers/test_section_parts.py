"""A section's parts laid out for its kind: the at-a-glance facts, entries and pull quotes."""

from __future__ import annotations

from pipeline.model import guide as m
from pipeline.model.location import SourceLocation
from pipeline.writers.section_parts import entries, glance, pull_quotes
from pipeline.writers.xhtml import XhtmlWriter

HERE = SourceLocation("guide.md", 3)


def writer(language: str = "en") -> XhtmlWriter:
    return XhtmlWriter("epub", language, {}, image_href=lambda src: src)


def test_the_glance_shows_only_the_facts_given_in_the_guides_language():
    meta = m.Metadata("Germinal", authors=("Émile Zola",), year_text="1885", pages=1343, language="fr")
    facts = glance(writer("fr"), meta, m.Section("info", "Infos", (), HERE))
    assert "Émile Zola" in facts and "1885" in facts
    assert "1\u202f343" in facts or "1\u00a0343" in facts or "1 343" in facts  # CLDR's French grouping
    assert "Genre" not in facts  # no genre given: no empty row


def test_entries_escape_their_names_and_mark_glossary_terms():
    section = m.Section(
        "glossary",
        "Glossary",
        (),
        HERE,
        entries=(m.Entry("<b>Entail</b>", (m.Text("an heir rule"),), HERE, "t-1"),),
    )
    out = entries(writer(), section)
    assert '<dt id="t-1"><dfn>&lt;b&gt;Entail&lt;/b&gt;</dfn></dt>' in out and "an heir rule" in out


def test_a_quote_item_becomes_a_pull_quote_with_its_speaker():
    item = (m.Paragraph((m.Text("“Reader, I married him.” — Jane: the ending"),), HERE),)
    out = pull_quotes(writer(), m.ListBlock((item,), False, 1, HERE))
    assert "<blockquote><p>Reader, I married him.</p></blockquote>" in out
    assert "<figcaption>— Jane</figcaption>" in out and "the ending" in out
