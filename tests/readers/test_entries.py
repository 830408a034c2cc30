"""Named entries in characters and glossary sections, in each of the three accepted forms."""

from __future__ import annotations

import pytest

from pipeline.model.guide import Entry
from pipeline.model.text import plain_text
from pipeline.writers.inspect_json import guide_to_json

FORMS = [
    ("- Kathy H.: The narrator, a thoughtful carer", "colon"),
    ("- **Kathy H.**: The narrator, a thoughtful carer", "bold-colon"),
    ("- **Kathy H.:** The narrator, a thoughtful carer", "bold-with-colon-inside"),
    ("- Kathy H. — The narrator, a thoughtful carer", "em-dash"),
    ("- Kathy H. – The narrator, a thoughtful carer", "en-dash"),
    ("- Kathy H. - The narrator, a thoughtful carer", "spaced-hyphen"),
]


def labelled(characters: str) -> str:
    return (
        "# The Lighthouse Keeper\n\n**Author:** Ada Byron\n\n## Summary\n\nMara keeps the light.\n\n"
        f"## Characters\n\n{characters}\n"
    )


def loose(characters: str) -> str:
    return (
        "The Lighthouse Keeper\nThe Lighthouse Keeper by Ada Byron\nThe Story in Brief\n"
        f"Mara keeps the light.\nKey Characters\n{characters}\n"
    )


@pytest.mark.parametrize(("line", "form"), FORMS, ids=[form for _, form in FORMS])
@pytest.mark.parametrize("dialect", [labelled, loose], ids=["labelled", "loose"])
def test_each_entry_form_gives_term_and_description(load, dialect, line, form):
    guide, report = load("entries.md" if dialect is labelled else "entries.txt", dialect(line))
    section = guide.section("characters")
    assert section is not None
    assert len(section.entries) == 1, section
    entry = section.entries[0]
    assert isinstance(entry, Entry)
    assert entry.term == "Kathy H."
    assert plain_text(entry.body) == "The narrator, a thoughtful carer"
    assert entry.anchor == "char-kathy-h"
    assert section.blocks == ()  # nothing of the list is left over as plain content
    assert not [d for d in report.items if d.severity == "error"]


def test_mixed_forms_in_one_list_keep_their_order(load):
    text = labelled(
        "- Alice: A curious girl who follows a rabbit\n"
        "- **Bob**: A builder of boats\n"
        "- Carol — A singer with a secret\n"
        "- Dan"  # a bare name is still a character, with no description
    )
    guide, report = load("mixed.md", text)
    data = guide_to_json(guide, report)
    assert data["characters"] == [
        {"name": "Alice", "description": "A curious girl who follows a rabbit"},
        {"name": "Bob", "description": "A builder of boats"},
        {"name": "Carol", "description": "A singer with a secret"},
        {"name": "Dan", "description": ""},
    ]
    assert len({e.anchor for e in guide.section("characters").entries}) == 4


def test_entries_from_paragraph_lines(load):
    text = labelled("Alice: A girl\n**Bob**: A builder\nCarol — A singer")
    guide, _ = load("lines.md", text)
    entries = guide.section("characters").entries
    assert [(e.term, plain_text(e.body)) for e in entries] == [
        ("Alice", "A girl"),
        ("Bob", "A builder"),
        ("Carol", "A singer"),
    ]


def test_description_keeps_its_formatting_and_later_colons(load):
    guide, _ = load("fmt.md", labelled("- Ahab: Captain of the *Pequod*: obsessed, doomed"))
    entry = guide.section("characters").entries[0]
    assert entry.term == "Ahab"
    assert plain_text(entry.body) == "Captain of the Pequod: obsessed, doomed"
    assert any(type(item).__name__ == "Emph" for item in entry.body)


def test_sub_headings_with_paragraphs_are_entries_and_group_headings_title_their_entries(load):
    text = labelled(
        "### Mara\n\nThe keeper: stubborn and kind.\n\nShe never leaves the rock.\n\n"
        "### Tom Pell\nThe supply-boat pilot.\n\n"
        "### Minor characters\n\n- Ida: the cook\n- Ned: the boy\n"
    )
    guide, _ = load("headed.md", text)
    section = guide.section("characters")
    assert [(e.term, plain_text(e.body)) for e in section.entries] == [
        ("Mara", "The keeper: stubborn and kind. She never leaves the rock."),
        ("Tom Pell", "The supply-boat pilot."),
        ("Ida", "the cook"),
        ("Ned", "the boy"),
    ]
    # A sub-heading over a list of entries titles them, in place, rather than floating above all.
    assert section.blocks == ()
    assert [e.group for e in section.entries] == ["", "", "Minor characters", "Minor characters"]
    from pipeline.writers.xhtml import XhtmlWriter

    html = XhtmlWriter("epub", "en", {}, image_href=str).entries(section)
    assert html.index("Tom Pell") < html.index("Minor characters") < html.index("Ida")
    assert html.count("<dl") == html.count("</dl>") == 2


def test_a_table_of_characters_gives_entries(load):
    table = (
        "| Character | Role | Notes |\n|---|---|---|\n| Anne Elliot | heroine | 27, unmarried |\n"
        "| Frederick Wentworth | captain | |\n"
    )
    guide, _ = load("table.md", labelled(table))
    section = guide.section("characters")
    assert [(e.term, plain_text(e.body)) for e in section.entries] == [
        ("Anne Elliot", "heroine; 27, unmarried"),
        ("Frederick Wentworth", "captain"),
    ]
    assert section.blocks == ()
    # A table whose first column is not names (long text) stays a table.
    guide, _ = load("prose.md", labelled("| A |\n|---|\n| " + "word " * 12 + "|\n"))
    assert guide.section("characters").entries == () and guide.section("characters").blocks


def test_sub_bullets_stay_with_their_entry(load):
    text = labelled(
        "- Jane Eyre: the heroine\n  - an orphan\n  - a governess\n- Rochester\n  - her employer\n"
    )
    guide, _ = load("nested.md", text)
    entries = guide.section("characters").entries
    assert [(e.term, plain_text(e.body)) for e in entries] == [
        ("Jane Eyre", "the heroine: an orphan; a governess"),
        ("Rochester", "her employer"),
    ]


def test_a_sentence_is_not_an_entry(load):
    long_term = "- This is a long sentence that happens to contain a colon somewhere: like this"
    guide, _ = load("sentence.md", labelled(long_term))
    section = guide.section("characters")
    assert section.entries == ()
    assert section.blocks, "the line is kept as content, not dropped"


def test_glossary_entries(load):
    text = (
        "# The Lighthouse Keeper\n\n**Author:** Ada Byron\n\n## Summary\n\nText.\n\n## Glossary\n\n"
        "- Entail: A legal restriction on inheritance\n- **Moly** — a magic herb\n"
    )
    guide, report = load("glossary.md", text)
    data = guide_to_json(guide, report)
    assert data["glossary"] == [
        {"term": "Entail", "definition": "A legal restriction on inheritance"},
        {"term": "Moly", "definition": "a magic herb"},
    ]
    assert [e.anchor for e in guide.section("glossary").entries] == ["term-entail", "term-moly"]


def test_entries_only_in_characters_and_glossary(load):
    text = labelled("- Alice: A girl").replace("## Characters", "## Main Themes")
    guide, _ = load("themes.md", text)
    themes = guide.section("themes")
    assert themes.entries == ()
    assert themes.blocks  # "Alice: A girl" stays a theme line


def test_themes_written_as_sub_headings_are_named_by_them(load):
    from pipeline.writers.inspect_json import themes_of

    text = labelled("- Anne: the heroine") + (
        "\n## Themes\n\n### Persuasion\n\nAnne was persuaded.\n\n### Second chances\n\nTime helps.\n"
    )
    guide, _ = load("themes.md", text)
    assert themes_of(guide) == ["Persuasion", "Second chances"]


def test_a_quotation_code_or_table_under_a_name_stays_in_its_description(load):
    from pipeline.model import guide as m

    characters = (
        "- **Victor**: a young scientist.\n\n"
        "  > It was on a dreary night of November.\n\n"
        "- **The Creature**: his creation.\n\n"
        "  ```\n  learns to read\n  ```\n\n"
        "- **Elizabeth**: his cousin.\n\n"
        "  | Age | Home |\n  |---|---|\n  | 17 | Geneva |\n"
    )
    guide, _ = load("quoted.md", labelled(characters))
    entries = {e.term: e for s in guide.sections for e in s.entries}
    victor = entries["Victor"].body
    assert any(isinstance(i, m.Emph) and "dreary night of November" in plain_text(i.children) for i in victor)
    assert m.Code("learns to read") in entries["The Creature"].body
    assert "Geneva" in plain_text(entries["Elizabeth"].body) and "17" in plain_text(entries["Elizabeth"].body)


def test_entries_listed_under_a_label_in_an_entry_are_entries_of_their_own(load):
    guide, _ = load(
        "pride.md",
        "# Pride and Prejudice\n\n## Characters\n\n- Elizabeth Bennet: witty second daughter\n"
        "  - Her sisters:\n    - Jane Bennet: the gentle eldest\n    - Lydia Bennet: the reckless youngest\n"
        "- Mr Darcy: proud and rich\n\n## Summary\n\nText.\n",
    )
    entries = guide.section("characters").entries
    assert [e.term for e in entries] == ["Elizabeth Bennet", "Jane Bennet", "Lydia Bennet", "Mr Darcy"]
    assert plain_text(entries[0].body) == "witty second daughter"
    assert plain_text(entries[1].body) == "the gentle eldest"


def test_sub_bullets_that_are_no_entries_still_join_the_description_without_a_doubled_colon(load):
    guide, _ = load(
        "eyre.md",
        "# Jane Eyre\n\n## Characters\n\n- Jane Eyre: the heroine\n  - Known for:\n    - her plain speech\n"
        "    - her temper\n\n## Summary\n\nText.\n",
    )
    [entry] = guide.section("characters").entries
    assert plain_text(entry.body) == "the heroine: Known for: her plain speech; her temper"


# ---------------------------------------------------------------- the entry functions themselves


def test_entry_from_inlines_takes_a_short_name_before_a_separator():
    from pipeline.model import guide as m
    from pipeline.model.location import SourceLocation
    from pipeline.readers.entries import MAX_TERM_WORDS, entry_from_inlines

    at = SourceLocation("t.md", 4)
    dashed = entry_from_inlines((m.Text("Kathy H. — a carer"),), at)
    assert (dashed.term, dashed.body, dashed.loc) == ("Kathy H.", (m.Text("a carer"),), at)
    bold = entry_from_inlines((m.Strong((m.Text("Ruth:"),)), m.Text(" her friend")), at)
    assert (bold.term, bold.body) == ("Ruth", (m.Text("her friend"),))
    long_name = " ".join(["word"] * (MAX_TERM_WORDS + 1))
    assert entry_from_inlines((m.Text(f"{long_name}: more"),), at) is None  # a sentence, not a name
    assert entry_from_inlines((m.Text("No separator here"),), at) is None
    assert entry_from_inlines((m.Emph((m.Text("Ruth"),)), m.Text(": friend")), at) is None


def test_extract_entries_keeps_what_is_no_entry_in_order():
    from pipeline.model import guide as m
    from pipeline.model.location import SourceLocation
    from pipeline.readers.entries import extract_entries, split_lines

    at = SourceLocation("t.md", 1)
    listed = m.ListBlock(((m.Paragraph((m.Text("Tom: a sailor"),), at),),), False, 1, at)
    prose = m.Paragraph((m.Text("Everyone in the town knows them."),), at)
    lines = m.Paragraph((m.Text("Ann: the keeper\nBo: her son"),), at)
    entries, kept = extract_entries((listed, prose, lines))
    assert [e.term for e in entries] == ["Tom", "Ann", "Bo"]
    assert kept == (prose,)
    assert split_lines((m.Text("a\nb"), m.LineBreak(), m.Text("c"))) == [
        (m.Text("a"),),
        (m.Text("b"),),
        (m.Text("c"),),
    ]


def test_emoji_before_an_entry_name_are_decoration_not_the_name(load):
    text = labelled("### 🐗 Napoleon\n\nThe boar who rules.\n\n- 🐴 **Boxer**: The loyal horse.\n")
    guide, _ = load("emoji.md", text)
    assert [entry.term for entry in guide.section("characters").entries][:1] == ["Napoleon"]
