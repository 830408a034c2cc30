"""Note-app syntax (Obsidian, Bear, Logseq, Joplin): highlights, comments, block ids and tags read as
the note app shows them, and left as written inside code."""

from __future__ import annotations

import pytest

from pipeline.model import guide as m
from pipeline.model.text import plain_text
from pipeline.model.walk import iter_blocks, iter_inlines
from pipeline.readers.note_syntax import logseq_page_title, note_syntax_plugin
from pipeline.readers.parse import markdown_parser, parse_markdown


def note(body: str) -> str:
    return f"# Wuthering Heights\n\n**Author:** Emily Brontë\n\n## Summary\n\n{body}\n"


def summary(load, body: str) -> tuple[m.Section, list[str]]:
    guide, report = load("note.md", note(body))
    section = guide.section("summary")
    assert section is not None
    return section, [str(d) for d in report.items]


def paragraphs(section: m.Section) -> list[str]:
    return [plain_text(b.inlines) for b in iter_blocks(section.blocks) if isinstance(b, m.Paragraph)]


def test_the_parser_uses_the_plugin():
    rules = markdown_parser("en").inline.ruler.get_all_rules()
    assert {"wikilink", "mark", "note_comment", "block_id", "note_tag"} <= set(rules)
    assert note_syntax_plugin is not None


# ---------------------------------------------------------------- ==highlight==


def test_highlight_is_a_mark_around_its_words(load):
    section, _ = summary(load, "A story of ==love and *revenge*== on the moors.")
    [paragraph] = section.blocks
    marks = [i for i in paragraph.inlines if isinstance(i, m.Styled) and i.kind == "mark"]
    assert len(marks) == 1
    assert plain_text(marks[0].children) == "love and revenge"
    assert any(isinstance(i, m.Emph) for i in marks[0].children)


@pytest.mark.parametrize("text", ["x == y and y == z", "a ==b", "=== not a mark ===", "= single ="])
def test_equals_signs_that_open_nothing_stay(load, text):
    section, _ = summary(load, text)
    assert not any(isinstance(i, m.Styled) for i in iter_inlines(section))
    assert paragraphs(section) == [text]


def test_an_odd_run_keeps_its_extra_equals_sign_outside():
    tokens = parse_markdown("===mark==\n")[1].children
    assert [t.type for t in tokens][:3] == ["text", "mark_open", "text"]
    assert tokens[0].content == "="


# ---------------------------------------------------------------- %%comments%%


def test_inline_comment_is_left_out_without_a_double_space(load):
    section, _ = summary(load, "Lockwood %%check this%% rents the Grange. %%and this%%")
    assert paragraphs(section) == ["Lockwood rents the Grange."]


def test_comment_spanning_lines_inside_a_paragraph(load):
    section, _ = summary(load, "Nelly tells %%a note\nover two lines%% the story.")
    assert paragraphs(section) == ["Nelly tells the story."]


def test_block_comment_holding_blank_lines_and_lists_is_left_out(load):
    section, _ = summary(load, "Before.\n\n%%\nA hidden paragraph.\n\n- a hidden item\n%%\n\nAfter.")
    assert paragraphs(section) == ["Before.", "After."]
    assert not any(isinstance(b, m.ListBlock) for b in section.blocks)


def test_block_comment_interrupts_a_paragraph(load):
    section, _ = summary(load, "Before.\n%%\nhidden\n\nstill hidden\n%%\nAfter.")
    assert "hidden" not in " ".join(paragraphs(section))
    assert "Before." in paragraphs(section)[0] and "After." in " ".join(paragraphs(section))


def test_a_comment_never_closed_stays_as_written(load):
    section, _ = summary(load, "It grew by 50%% that year.")
    assert paragraphs(section) == ["It grew by 50%% that year."]


# ---------------------------------------------------------------- ^block-ids


def test_block_ids_at_line_ends_disappear(load):
    section, _ = summary(load, "Heathcliff returns. ^abc123\n\n- Cathy dies ^d-4\n\n^own-line")
    text = " ".join(plain_text(i) for b in iter_blocks(section.blocks) for i in [getattr(b, "inlines", ())])
    assert "^" not in text
    assert "Heathcliff returns." in text and "Cathy dies" in text
    assert all(not p.endswith(" ") for p in paragraphs(section))


@pytest.mark.parametrize("text", ["x^2 grows", "2 ^ 3 is eight", "a ^caret in the middle of words"])
def test_carets_that_are_not_block_ids_stay(load, text):
    section, _ = summary(load, text)
    assert paragraphs(section) == [text]


# ---------------------------------------------------------------- #tags


def test_a_line_of_only_tags_is_dropped(load):
    section, _ = summary(load, "#book #classic/english\n\nThe story begins.")
    assert paragraphs(section) == ["The story begins."]


def test_tags_ending_a_line_are_dropped_and_a_tag_inside_a_sentence_keeps_its_word(load):
    section, _ = summary(load, "A #gothic novel of the moors. #todo #later\nIt ends in peace.")
    assert paragraphs(section) == ["A gothic novel of the moors.\nIt ends in peace."]


def test_a_tag_line_between_lines_leaves_no_empty_line(load):
    section, _ = summary(load, "First line.\n#tag #other\nLast line.")
    assert paragraphs(section) == ["First line.\nLast line."]


@pytest.mark.parametrize(
    "text", ["She was #1 in her class.", "Issue #12 of the magazine.", "C# and F# are languages."]
)
def test_numbers_and_hashes_inside_words_are_not_tags(load, text):
    section, _ = summary(load, text)
    assert paragraphs(section) == [text]


def test_a_heading_with_a_trailing_tag_is_still_the_section(load):
    guide, _ = load("note.md", "# Wuthering Heights\n\n## Characters #people\n\n- **Nelly**: the narrator\n")
    section = guide.section("characters")
    assert section is not None and section.title == "Characters"


# ---------------------------------------------------------------- code keeps everything literal


def test_code_spans_and_blocks_keep_note_syntax_as_written(load):
    body = (
        "Use `[[x]] ==y== %%z%% #tag ^id` here.\n\n"
        "```\n[[kept]] ==kept== %%kept%%\n#tag ^id\n```\n\n"
        "    [[indented]] ==code=="
    )
    section, _ = summary(load, body)
    codes = [i.text for i in iter_inlines(section) if isinstance(i, m.Code)]
    assert codes == ["[[x]] ==y== %%z%% #tag ^id"]
    blocks = [b.text for b in section.blocks if isinstance(b, m.CodeBlock)]
    assert blocks == ["[[kept]] ==kept== %%kept%%\n#tag ^id", "[[indented]] ==code=="]


def test_a_comment_block_inside_a_fence_is_code():
    tokens = parse_markdown("```\n%%\nshown\n%%\n```\n")
    assert [t.type for t in tokens] == ["fence"]
    assert tokens[0].content == "%%\nshown\n%%\n"


# ---------------------------------------------------------------- Logseq


def test_logseq_multi_word_tag_keeps_its_words_inside_a_sentence(load):
    section, _ = summary(load, "Heathcliff is #[[the anti hero]] of the book.")
    assert paragraphs(section) == ["Heathcliff is the anti hero of the book."]


def test_logseq_properties_read_as_fields_and_hidden_ones_go(load):
    text = (
        "# Wuthering Heights\n\nauthor:: [[Emily Brontë]]\nyear:: 1847\n\n"
        "## Summary\n\n- Lockwood visits the Heights.\n"
        "  id:: 64f0c1a2-1111-2222-3333-444455556666\n  collapsed:: true\n"
    )
    guide, _ = load("logseq.md", text)
    assert guide.meta.authors == ("Emily Brontë",)
    assert guide.meta.year == 1847
    [listing] = guide.section("summary").blocks
    assert plain_text(listing.items[0][0].inlines) == "Lockwood visits the Heights."


def test_a_logseq_page_whose_properties_hold_its_title_is_read_as_a_page(load):
    # Outline bullets hold the headings, and the properties name fields in hyphenated words.
    text = (
        "author:: [[Emily Brontë]]\ntitle:: Wuthering Heights\nreading-time:: 9 hours\n\n"
        "- ## Summary\n\t- Lockwood visits the Heights.\n- ## Characters\n\t- **Heathcliff**: a foundling.\n"
    )
    guide, _ = load("logseq-page.md", text)
    assert (guide.meta.title, guide.meta.authors) == ("Wuthering Heights", ("Emily Brontë",))
    assert guide.meta.reading_time == "9 hours"
    assert [s.kind for s in guide.sections][-2:] == ["summary", "characters"]
    assert [e.term for e in guide.section("characters").entries] == ["Heathcliff"]


def test_logseq_page_title_keeps_every_later_line_number():
    text = "year:: 1847\ntitle:: Wuthering Heights\n\n## Summary\n"
    assert logseq_page_title(text) == "# Wuthering Heights\nyear:: 1847\n\n## Summary\n"
    assert logseq_page_title("author:: Emily Brontë\n\n# Title\n") == "author:: Emily Brontë\n\n# Title\n"


def test_double_colons_inside_a_line_stay(load):
    section, _ = summary(load, "The ratio a::b stays, and so does std::vector.")
    assert paragraphs(section) == ["The ratio a::b stays, and so does std::vector."]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("A #reading list# favourite.", "A reading list favourite."),
        ("Filed. #reading list#", "Filed."),
        ("#book #classic\nThe story.", "The story."),
        ("Tags #good#, then words.", "Tags good, then words."),
    ],
)
def test_bear_multi_word_tags(load, text, read):
    section, _ = summary(load, text)
    assert paragraphs(section) == [read]
