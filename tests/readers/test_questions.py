"""Discussion questions numbered however they were written (pipeline.readers.questions)."""

from __future__ import annotations

from pipeline.model import guide as m
from pipeline.model.location import SourceLocation
from pipeline.readers.questions import number_questions

WHERE = SourceLocation("q.md", 3)


def para(text: str) -> m.Paragraph:
    return m.Paragraph((m.Text(text),), WHERE)


def test_a_run_of_question_paragraphs_becomes_one_numbered_list():
    blocks = (para("Why does Tom wait?"), para("What does the harbour mean？"), para("Discuss."))
    numbered, rest = number_questions(blocks)
    assert isinstance(numbered, m.ListBlock) and numbered.ordered and numbered.start == 1
    assert [item[0] for item in numbered.items] == list(blocks[:2])
    assert rest == blocks[2]


def test_a_single_question_stays_a_paragraph_and_a_bulleted_list_is_numbered():
    bullets = m.ListBlock(((para("One?"),), (para("Two?"),)), False, 1, WHERE)
    out = number_questions((para("Is it fair?"), bullets))
    assert out[0] == para("Is it fair?")
    assert out[1].ordered and out[1].items == bullets.items


def test_quoted_questions_count_and_statements_do_not():
    out = number_questions((para("Ask «why?»"), para("He said “why?”"), para("Statements end.")))
    assert isinstance(out[0], m.ListBlock) and len(out[0].items) == 2
    assert out[1] == para("Statements end.")
