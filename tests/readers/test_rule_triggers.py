"""The rules tried by their trigger character give the very tokens of the rules tried everywhere."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from markdown_it.rules_core import normalize

from pipeline.readers.parse import markdown_parser
from pipeline.readers.rule_triggers import BLOCK_TRIGGERS, INLINE_TRIGGERS, use_triggers
from tests.helpers import commonmark_examples

# Our own syntax and the plugins' beside CommonMark's: every rule the triggers name gets used.
EXTRA = [
    "---\ntitle: X\n---\n# Head {#id}\n\ntext ==mark== %%hidden%% and #tag\n",
    "A line ^block-1\n\n%%\ncomment\n%%\n\n[[Wiki link]] and ![[pic.png]] and [span]{.underline}\n",
    "Note[^1] and ^[inline note].\n\n[^1]: The note.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "Term\n: its definition\n\n> [!note] Callout\n> body ~~gone~~ &amp; `code`{.py} <b>x</b>\n",
    "1. one\n2) two\n- three\n* four\n+ five\n\n***\n\n~~~\nfence\n~~~\n\n<div>\nhtml\n</div>\n",
    "key:: value\n\n\\*escaped\\* <https://example.org> ![img](a.png){width=3}\nline  \nbreak\n",
    "Windows\r\nline endings\r\rand a NUL \0 here\r\n\r\n# Heading\r\n",
    # Setext underlines where containers put marks before them, and lines that only look like one.
    "Title\n===\n\n- item\n  text\n  ---\n\n> quote\n> ===\n>\n> > deep\n> > ---\n\nText\n\n---\n",
    "Term\n: def\n  ===\n\nNote[^2]\n\n[^2]: body\n    ---\n\npara\n    ---\nlazy\n- list\n\ttab\n\t===\n",
    "a\n-b\n=c\n\n1. x\n   y\n   ==\n\n> a\nlazy\n---\n\n```\ncode\n---\n```\n    code\n    ---\n",
]


def _tokens(md, text: str) -> list[dict]:
    return [token.as_dict() for token in md.parse(text)]


@pytest.fixture(scope="module")
def parsers():
    plain = markdown_parser.__wrapped__("en")  # a parser of its own, not the cached one
    # Undo the triggers on the copy: the rules' own functions, every one tried everywhere.
    for rule in plain.block.ruler.__rules__:
        inner = _unguarded(rule.fn)
        if inner is not rule.fn:
            plain.block.ruler.at(rule.name, inner, {"alt": list(rule.alt)})
    names = [rule.name for rule in plain.inline.ruler.__rules__ if rule.name in INLINE_TRIGGERS]
    plain.inline.ruler.enable(names)
    plain.inline.ruler.disable("by_trigger")
    plain.core.ruler.at("normalize", normalize)
    return plain, markdown_parser("en")


def _unguarded(fn):
    cells = fn.__closure__ or ()
    inner = [c.cell_contents for c in cells if callable(c.cell_contents)]
    return inner[0] if fn.__name__ in ("guarded", "underline_guarded") else fn


def test_the_copy_tries_every_rule_everywhere(parsers):
    plain, triggered = parsers
    assert "by_trigger" in {r.name for r in triggered.inline.ruler.__rules__ if r.enabled}
    assert "by_trigger" not in {r.name for r in plain.inline.ruler.__rules__ if r.enabled}
    assert all(r.fn.__name__ != "guarded" for r in plain.block.ruler.__rules__)
    assert [r.fn for r in plain.core.ruler.__rules__ if r.name == "normalize"] == [normalize]
    assert triggered.core.ruler.__rules__[0].fn.__name__ == "normalize_when_needed"
    guarded = {r.name for r in triggered.block.ruler.__rules__ if r.fn.__name__ == "guarded"}
    assert guarded == set(BLOCK_TRIGGERS)
    [lheading] = [r.fn for r in triggered.block.ruler.__rules__ if r.name == "lheading"]
    assert lheading.__name__ == "underline_guarded"


@pytest.mark.parametrize("text", EXTRA)
def test_same_tokens_for_note_and_plugin_syntax(parsers, text):
    plain, triggered = parsers
    assert _tokens(triggered, text) == _tokens(plain, text)


def test_same_tokens_for_every_commonmark_example(parsers):
    plain, triggered = parsers
    examples = commonmark_examples()
    if not examples:
        pytest.skip("no CommonMark examples beside the repository")
    differ = [
        e["example"] for e in examples if _tokens(triggered, e["markdown"]) != _tokens(plain, e["markdown"])
    ]
    assert differ == []


def test_a_rule_nobody_knows_is_tried_everywhere():
    seen: list[str] = []

    def spy(state, silent):
        seen.append(state.src[state.pos])
        return False

    md = MarkdownIt("commonmark")
    md.inline.ruler.push("spy", spy)
    use_triggers(md)
    md.parse("a *b* c & d ] x")  # the emphasis matches its stars before the spy is asked
    assert "".join(seen) == "&]"
