"""Google Docs' and pandoc's Markdown exports: escaped list markers are lists, `[text]{.underline}`
spans are styles, attributes after headings are dropped; code keeps all of it literal."""

from __future__ import annotations

import pytest

from pipeline.model import guide as m
from pipeline.model.text import plain_text
from pipeline.model.walk import iter_blocks
from pipeline.readers.dialects import adapt
from pipeline.readers.word_exports import read_word_export, styled_span

HEAD = "# Silas Marner\n\n**Author:** George Eliot\n\n## Summary\n\nSilas weaves.\n\n"


def _lists(guide: m.Guide, kind: str) -> list[m.ListBlock]:
    section = guide.section(kind)
    assert section is not None
    return [b for b in iter_blocks(section.blocks) if isinstance(b, m.ListBlock)]


@pytest.mark.parametrize(
    ("marker", "ordered"),
    [("\\-", False), ("\\*", False), ("\\+", False), ("1\\.", True), ("1\\)", True)],
)
def test_an_escaped_list_marker_starts_the_item_it_was_typed_as(load, marker, ordered):
    second = marker.replace("1", "2")
    text = HEAD + f"## Themes\n\n{marker} Community and isolation  \n{second} Faith lost and found\n"
    guide, _ = load("sm.md", text)
    (block,) = _lists(guide, "themes")
    assert block.ordered is ordered
    assert [plain_text(item[0].inlines).strip() for item in block.items] == [
        "Community and isolation",
        "Faith lost and found",
    ]


def test_escapes_elsewhere_stay_text_and_lines_keep_their_numbers():
    text = "# T\n\nReading time: 4\\-5 hours\n\n\\- Eppie\n\n```\n\\- literal\n```\n    \\- indented code\n"
    exported = read_word_export(text)
    assert exported is not None
    lines = exported.text.split("\n")
    assert lines[2] == "Reading time: 4\\-5 hours"  # only a marker at the start of a line
    assert lines[4] == "- Eppie"
    assert lines[7] == "\\- literal"  # fenced code keeps what was typed
    assert lines[9] == "    \\- indented code"
    assert exported.line_map == tuple(range(1, len(lines) + 1))


def test_text_without_export_marks_is_left_alone():
    assert read_word_export("# T\n\n- a list\n\nA {brace} and 1. a number\n") is None


def test_pandoc_spans_become_styles_and_unknown_classes_unwrap(load):
    text = HEAD + (
        "## Characters\n\n[Silas]{.underline}: a weaver.\n\n"
        "## Context\n\nA [quiet]{.smallcaps} village, a [golden]{.mark} child,"
        " a [plain]{.custom-style} word.\n"
    )
    guide, _ = load("sm.md", text)
    characters = guide.section("characters")
    assert characters is not None
    assert [e.term for e in characters.entries] == ["Silas"]
    (paragraph,) = [b for b in guide.sections[-1].blocks if isinstance(b, m.Paragraph)]
    styled = [(i.kind, plain_text(i.children)) for i in paragraph.inlines if isinstance(i, m.Styled)]
    assert styled == [("small", "quiet"), ("mark", "golden")]
    assert "{" not in plain_text(paragraph.inlines)
    assert "plain word" in plain_text(paragraph.inlines)


def test_attributes_after_headings_and_images_are_dropped(load):
    text = HEAD.replace("## Summary", "## Summary {#summary .unnumbered}") + "Some `code`{.python} here.\n"
    guide, _ = load("sm.md", text)
    summary = guide.section("summary")
    assert summary is not None and summary.title == "Summary"
    assert "{" not in plain_text(summary.blocks[-1].inlines)  # type: ignore[union-attr]


def test_a_span_inside_code_stays_literal(load):
    guide, _ = load("sm.md", HEAD + "## Context\n\n`[x]{.underline}` and\n\n```\n[y]{.mark}\n```\n")
    section = guide.sections[-1]
    code = [b for b in section.blocks if isinstance(b, m.CodeBlock)]
    assert code and code[0].text.strip() == "[y]{.mark}"
    paragraph = next(b for b in section.blocks if isinstance(b, m.Paragraph))
    assert any(isinstance(i, m.Code) and i.text == "[x]{.underline}" for i in paragraph.inlines)


def test_styled_span_takes_the_first_known_class():
    children = (m.Text("Eppie"),)
    assert styled_span("custom underline", children) == (m.Styled("underline", children),)
    assert styled_span("lang-fr", children) == children


def test_a_capitals_title_gives_way_to_a_title_field_with_the_same_words(load):
    fields = "**Title:** Little Women  \n**Author:** Louisa May Alcott\n\n"
    guide, _ = load("lw.md", "**LITTLE WOMEN**\n\n" + fields + "**Summary**\n\nFour sisters grow up.\n")
    assert guide.meta.title == "Little Women"
    other, _ = load("lw2.md", "# LITTLE WOMEN\n\n**Title:** Good Wives\n\n## Summary\n\nFour sisters.\n")
    assert other.meta.title == "LITTLE WOMEN"  # other words: the heading stands, as it always has


def test_adapted_lines_name_the_manuscript_lines_through_both_passes():
    text = "Silas Marner\n\nSummary\n\nHe weaves.\n\nThemes\n\n\\- Gold\n"
    adapted = adapt(text)
    lines = adapted.text.split("\n")
    item = lines.index("- Gold")
    assert adapted.source_line(item) == 9


@pytest.mark.parametrize(
    "text",
    [
        "\\- item\n",  # Google Docs' escaped bullet
        "1\\) item\n",
        "# Summary {#summary}\n",
        "+---+---+\n| a | b |\n+===+===+\n",  # a grid table
        "-----\t-----\nterm\tdefinition\n",  # a simple table, columns apart by a tab
        "---  ----\na    b\n---  ----\n",
    ],
)
def test_each_export_mark_alone_makes_the_pass_run(text):
    """The pass is skipped only when none of its marks is there (a quick test comes first)."""
    exported = read_word_export(f"# Title\n\n{text}")
    assert exported is not None and len(exported.line_map) >= 3
