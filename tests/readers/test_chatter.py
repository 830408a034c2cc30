"""A chat assistant's words to the asker: the opening line and the closing paragraphs are left out,
line numbers kept; nothing in the middle is judged, and prose that only starts like chatter stays."""

from __future__ import annotations

import pytest

from pipeline.readers.chatter import leave_out_chatter

BODY = "# Silas Marner\n\n## Summary\n\nSilas weaves alone in Raveloe.\n"


def _left_out(text: str) -> list[str]:
    return [chatter.text for chatter in leave_out_chatter(text)[1]]


@pytest.mark.parametrize(
    "opening",
    [
        "Sure! Here's a study guide for *Silas Marner* by George Eliot:",
        "Certainly!",
        "Of course — here is a summary of the novel.",
        "Absolutely! Below is a guide you can share with your class.",
        "**Sure!** Here’s a concise overview:",  # emphasis and a curly apostrophe
        "😊 Happy to help! Here is the summary.",
        "Great question! Let's look at the book.",
        "Bien sûr ! Voici une fiche de lecture :",
        "Gerne! Hier ist eine Zusammenfassung des Romans:",
        "¡Claro! Aquí tienes un resumen de la novela:",
        "Конечно! Вот краткое содержание романа:",
        "もちろんです！以下に『こころ』の要約をまとめました。",
        "好的！以下是《红楼梦》的内容梗概：",
    ],
)
def test_an_opening_line_to_the_asker_is_left_out(opening: str):
    text, found = leave_out_chatter(f"{opening}\n\n{BODY}")
    assert [chatter.line for chatter in found] == [1]
    assert text == f"\n\n{BODY}"  # blanked, so every later line keeps its number


@pytest.mark.parametrize(
    "closing",
    [
        "Would you like a chapter-by-chapter breakdown next?",
        "Let me know if you'd like discussion questions!",
        "I hope this helps!",
        "Feel free to ask for more detail on any character.",
        "If you want, I can also write a quiz.",
        "Souhaitez-vous des questions de discussion ?",
        "Möchtest du noch ein Quiz? Lass es mich wissen!",
        "¿Te gustaría que añadiera preguntas de debate?",
        "Если хотите, я могу добавить вопросы для обсуждения.",
        "如果你需要，我还可以整理人物关系图。",
    ],
)
def test_a_closing_paragraph_to_the_asker_is_left_out(closing: str):
    text, found = leave_out_chatter(f"{BODY}\n---\n\n{closing}\n")
    assert [chatter.line for chatter in found] == [BODY.count("\n") + 4]
    assert closing not in text
    assert text.split("\n")[: BODY.count("\n")] == BODY.split("\n")[:-1]


def test_several_closing_paragraphs_go_and_a_wrapped_one_goes_whole():
    text = f"{BODY}\nI hope this helps!\n\nWould you like me to\nwrite discussion questions?\n"
    out, found = leave_out_chatter(text)
    assert [chatter.line for chatter in found] == [7, 9]
    assert found[1].text == "Would you like me to write discussion questions?"
    assert out.strip() == BODY.strip()


def test_in_the_loose_dialect_only_the_last_line_is_judged():
    loose = "Silas Marner\nSilas Marner by George Eliot\nSummary\nSilas weaves alone.\nI hope this helps!"
    out, found = leave_out_chatter(loose)
    assert [chatter.line for chatter in found] == [5]
    assert out.split("\n")[:4] == loose.split("\n")[:4]


def test_nothing_between_the_first_and_last_paragraphs_is_judged():
    middle = (
        "# Frankenstein\n\n## Summary\n\nSure! Here's what the creature says to Victor.\n\n"
        "I hope this helps, Victor writes to his sister.\n\n## Themes\n\nPride and its price.\n"
    )
    assert _left_out(middle) == []


@pytest.mark.parametrize(
    "text",
    [
        "Sure Mahlangu grows up in Soweto.\n\n## Summary\n\nA life in three acts.\n",  # a name
        "Sure, the town was quiet before the war.\n\n## Summary\n\nText.\n",
        "Certainly the strangest of Dickens's novels, *Edwin Drood* is unfinished.\n\n## Summary\n\nX.\n",
        "Here is where the story begins: a weaver at his loom.\n\n## Summary\n\nX.\n",
    ],
)
def test_prose_that_only_starts_like_chatter_stays(text: str):
    assert _left_out(text) == []


def test_a_long_paragraph_is_about_the_book_even_when_it_starts_like_chatter():
    long = "If you want to understand grief, read this novel: " + "it is patient and exact. " * 20
    assert _left_out(f"{BODY}\n{long}\n") == []


def test_a_final_list_is_never_chatter():
    questions = f"{BODY}\n## Discussion Questions\n\n1. Would you like to live in Raveloe?\n"
    assert _left_out(questions) == []


def test_opening_chatter_after_front_matter_and_the_rule_under_it_go():
    text = "Sure! Here's the guide.\n\n---\n\n# Silas Marner\n"
    out, found = leave_out_chatter(text)
    assert [chatter.line for chatter in found] == [1]
    assert out.lstrip("\n").startswith("# Silas Marner")  # the manuscript still starts as labelled
    front = "---\ntitle: Silas Marner\n---\n\nCertainly! Here is a summary.\n\n## Summary\n\nX.\n"
    assert [chatter.line for chatter in leave_out_chatter(front)[1]] == [5]


def test_a_text_without_chatter_is_returned_as_it_is():
    assert leave_out_chatter(BODY) == (BODY, [])
    assert leave_out_chatter("") == ("", [])
