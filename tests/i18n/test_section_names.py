"""Which kind of section a heading names; unknown sections are kept, in order, with a warning."""

from __future__ import annotations

import pytest

from pipeline.i18n.section_names import section_kind

ALIASES = [
    ("The Story in Brief", "summary"),
    ("Plot Summary", "summary"),
    ("Plot Overview", "summary"),
    ("Résumé", "summary"),
    ("Summary", "summary"),
    ("Key Characters", "characters"),
    ("Characters", "characters"),
    ("Personnages", "characters"),
    ("Main Themes", "themes"),
    ("Thèmes", "themes"),
    ("Key Takeaways", "takeaways"),
    ("Why It Matters", "significance"),
    ("Why Read It Today", "significance"),
    ("Questions for Discussion", "questions"),
    ("Discussion Questions", "questions"),
    ("Glossary of Terms", "glossary"),
    ("Glossaire", "glossary"),
    ("Chapter Summaries", "chapters"),
    ("Symbols and Motifs", "symbols"),
    ("Book Info", "info"),
    ("At a Glance", "info"),
    ("Quotes", "quotes"),
    # German and Spanish, which the README promises too
    ("Kernaussagen", "takeaways"),
    ("Fazit", "takeaways"),
    ("Ideas clave", "takeaways"),
    ("Conclusiones", "takeaways"),
    ("Kapitelzusammenfassungen", "chapters"),  # not a second summary
    ("Resumen por capítulos", "chapters"),
    ("Weiterführende Literatur", "reading"),
    ("Lecturas recomendadas", "reading"),
    ("Wichtige Begriffe", "glossary"),
    ("Diskussionsfragen", "questions"),
    ("Zitate", "quotes"),
    ("Symbole und Motive", "symbols"),
    ("💭 Citas destacadas", "quotes"),  # a qualifier after the name
    ("인상 깊은 구절", "quotes"),  # "memorable passages"
]


@pytest.mark.parametrize(("title", "kind"), ALIASES)
def test_section_kind_aliases(title, kind):
    assert section_kind(title) == kind


@pytest.mark.parametrize(("title", "kind"), ALIASES)
def test_section_kind_is_case_insensitive(title, kind):
    assert section_kind(title.upper()) == kind
    assert section_kind(title.lower()) == kind
    assert section_kind(f"  {title}:  ") == kind  # stray spacing and a trailing colon too


@pytest.mark.parametrize("title", ["Miscellany", "Appendix B", "About the Author's Cat"])
def test_unknown_heading_has_no_kind(title):
    assert section_kind(title) is None


LABELLED = """# The Lighthouse Keeper

**Author:** Ada Byron

## Summary

Mara keeps the light.

## Miscellany

Odd facts about lighthouses.

## Main Themes

- Solitude
"""

LOOSE = """The Lighthouse Keeper
The Lighthouse Keeper by Ada Byron
The Story in Brief
Mara keeps the light.
Miscellany
Odd facts about lighthouses.
Main Themes
- Solitude
"""


@pytest.mark.parametrize(("name", "text", "line"), [("labelled.md", LABELLED, 9), ("loose.txt", LOOSE, 5)])
def test_unknown_section_is_kept_in_order_with_a_warning(load, name, text, line):
    guide, report = load(name, text)
    assert [(s.kind, s.title) for s in guide.sections] == [
        ("info", "At a Glance"),
        ("summary", guide.sections[1].title),
        ("other", "Miscellany"),
        ("themes", "Main Themes"),
    ]
    other = guide.sections[2]
    assert other.blocks, "the unknown section keeps its content"
    assert other.anchor == "miscellany"
    unknown = [d for d in report.items if d.code == "W-UNKNOWN-SECTION"]
    assert len(unknown) == 1
    assert unknown[0].severity == "warning"
    assert unknown[0].location.line == line
    assert text.split("\n")[line - 1].lstrip("# ") == "Miscellany"
    assert "Miscellany" in unknown[0].message
    assert str(unknown[0]).startswith(f"{unknown[0].location.path}:{line}: warning[W-UNKNOWN-SECTION]")


def test_known_sections_raise_no_unknown_warning(load):
    _, report = load("known.md", LABELLED.replace("Miscellany", "Symbols and Motifs"))
    assert not [d for d in report.items if d.code == "W-UNKNOWN-SECTION"]


def test_duplicate_kind_is_warned_with_the_second_line(load):
    text = (
        "# The Lighthouse Keeper\n\n**Author:** Ada Byron\n\n## Summary\n\nOne.\n\n## Plot Overview\n\nTwo.\n"
    )
    guide, report = load("dup.md", text)
    assert [s.kind for s in guide.sections] == ["info", "summary", "summary"]
    duplicates = [d for d in report.items if d.code == "W-DUPLICATE-SECTION"]
    assert [d.location.line for d in duplicates] == [9]
    assert len({s.anchor for s in guide.sections}) == 3  # anchors stay unique
