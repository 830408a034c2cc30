"""Callouts (`> [!note] Title`, `> [!tip]-`) and GitHub alerts (`> [!NOTE]`) are asides with their
title; `> [!quote] Speaker` is a pull quote spoken by its title; other block quotes stay quotes."""

from __future__ import annotations

import pytest

from pipeline.model import guide as m
from pipeline.model.text import plain_text
from pipeline.readers.callouts import callout_kind, callouts_rule
from pipeline.readers.parse import markdown_parser, parse_markdown


def summary_blocks(load, body: str) -> tuple[m.Block, ...]:
    guide, _ = load("note.md", f"# Wuthering Heights\n\n**Author:** Emily Brontë\n\n## Summary\n\n{body}\n")
    return guide.section("summary").blocks


def test_the_rule_runs_after_the_block_pass():
    assert "callouts" in markdown_parser("en").core.ruler.get_all_rules()
    assert callable(callouts_rule)


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("note", "note"),
        ("NOTE", "note"),
        ("Info", "info"),
        ("tldr", "summary"),
        ("hint", "tip"),
        ("IMPORTANT", "important"),
        ("faq", "question"),
        ("CAUTION", "warning"),
        ("bug", "danger"),
        ("cite", "quote"),
        ("my-own-kind", "note"),
    ],
)
def test_kinds_and_their_aliases(written, kind):
    assert callout_kind(written) == kind


def test_callout_with_title_is_an_aside(load):
    [aside] = summary_blocks(load, "> [!info] At a *glance*\n> A story of love.\n>\n> And revenge.")
    assert isinstance(aside, m.Aside)
    assert aside.kind == "info"
    assert plain_text(aside.title) == "At a glance"
    assert any(isinstance(i, m.Emph) for i in aside.title)
    assert [plain_text(b.inlines) for b in aside.blocks] == ["A story of love.", "And revenge."]
    assert aside.loc.line == 7


@pytest.mark.parametrize("fold", ["-", "+"])
def test_folded_callouts_are_shown_open(load, fold):
    [aside] = summary_blocks(load, f"> [!tip]{fold} Reading tip\n> Keep a family tree.")
    assert (aside.kind, plain_text(aside.title)) == ("tip", "Reading tip")
    assert plain_text(aside.blocks[0].inlines) == "Keep a family tree."


@pytest.mark.parametrize("alert", ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"])
def test_github_alerts_are_asides_without_a_title(load, alert):
    [aside] = summary_blocks(load, f"> [!{alert}]\n> Read chapter one twice.")
    assert isinstance(aside, m.Aside)
    assert aside.title == ()
    assert plain_text(aside.blocks[0].inlines) == "Read chapter one twice."


def test_a_callout_of_only_a_title(load):
    [aside] = summary_blocks(load, "> [!warning] Spoilers below")
    assert aside.blocks == () and plain_text(aside.title) == "Spoilers below"


def test_quote_callout_is_a_pull_quote_with_its_speaker(load):
    [quote] = summary_blocks(
        load, "> [!quote] Catherine Earnshaw\n> Whatever our souls are made of, his and mine are the same."
    )
    assert isinstance(quote, m.BlockQuote)
    assert plain_text(quote.speaker) == "Catherine Earnshaw"
    assert plain_text(quote.blocks[0].inlines).startswith("Whatever our souls")


def test_quote_callout_without_a_title_is_a_plain_quote(load):
    [quote] = summary_blocks(load, "> [!cite]\n> Be with me always.")
    assert isinstance(quote, m.BlockQuote) and quote.speaker == ()


def test_nested_callouts_and_content(load):
    body = "> [!example] Outer\n> - a list item\n>\n> > [!danger] Inner\n> > Careful."
    [outer] = summary_blocks(load, body)
    assert isinstance(outer, m.Aside) and outer.kind == "example"
    assert isinstance(outer.blocks[0], m.ListBlock)
    inner = outer.blocks[1]
    assert isinstance(inner, m.Aside) and inner.kind == "danger" and plain_text(inner.title) == "Inner"


@pytest.mark.parametrize(
    "body",
    [
        "> An ordinary quotation.",
        "> [not a callout] words",
        "> [!] empty kind",
        "> text first\n> [!note] later",
    ],
)
def test_other_quotes_stay_quotes(load, body):
    [quote] = summary_blocks(load, body)
    assert isinstance(quote, m.BlockQuote) and quote.speaker == ()


def test_callout_syntax_in_code_stays_code():
    tokens = parse_markdown("```\n> [!note] Title\n```\n\n`> [!tip]`\n")
    assert tokens[0].type == "fence" and tokens[0].content == "> [!note] Title\n"
    assert not any(t.type.startswith("callout") for t in tokens)


def test_callout_in_a_character_entry_keeps_its_words(load):
    guide, _ = load(
        "note.md",
        "# Wuthering Heights\n\n## Characters\n\n- **Nelly Dean**: the housekeeper\n\n"
        "  > [!note] Narrator\n  > She tells most of the story.\n",
    )
    [entry] = guide.section("characters").entries
    assert "She tells most of the story." in plain_text(entry.body)


def test_quote_callout_with_only_a_title_quotes_the_title(load):
    [quote] = summary_blocks(load, "> [!quote] Whatever our souls are made of")
    assert isinstance(quote, m.BlockQuote) and quote.speaker == ()
    assert plain_text(quote.blocks[0].inlines) == "Whatever our souls are made of"
