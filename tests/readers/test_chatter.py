"""A chat assistant's words to the asker: the opening line and the closing paragraphs are left out,
line numbers kept; nothing in the middle is judged, and prose that only starts like chatter stays."""

from __future__ import annotations

import pytest

from pipeline.model.text import plain_text
from pipeline.readers.chatter import leave_out_chatter

BODY = "# Silas Marner\n\n## Summary\n\nSilas weaves alone in Raveloe.\n"


def _left_out(text: str) -> list[str]:
    return [chatter.text for chatter in leave_out_chatter(text)[1]]


@pytest.mark.parametrize(
    ("language", "opening"),
    [
        ("en", "Sure! Here's a study guide for *Silas Marner* by George Eliot:"),
        ("en", "Certainly!"),
        ("en", "Sure thing! Here's an overview you can use."),  # "sure thing" is one interjection
        ("en", "Of course — here is a summary of the novel."),
        ("en", "Absolutely! Below is a guide you can share with your class."),
        ("en", "**Sure!** Here’s a concise overview:"),  # emphasis and a curly apostrophe
        ("en", "😊 Happy to help! Here is the summary."),
        ("en", "Great question! Let's look at the book."),
        ("fr", "Bien sûr ! Voici une fiche de lecture :"),
        ("de", "Gerne! Hier ist eine Zusammenfassung des Romans:"),
        ("es", "¡Claro! Aquí tienes un resumen de la novela:"),
        ("ru", "Конечно! Вот краткое содержание романа:"),
        ("ja", "もちろんです！以下に『こころ』の要約をまとめました。"),
        ("zh-Hans", "好的！以下是《红楼梦》的内容梗概："),
        ("fr", "Sure! Here's a summary in French:"),  # English is always understood
    ],
)
def test_an_opening_line_to_the_asker_is_left_out(language: str, opening: str):
    text, found = leave_out_chatter(f"{opening}\n\n{BODY}", language)
    assert [chatter.line for chatter in found] == [1]
    assert text == f"\n\n{BODY}"  # blanked, so every later line keeps its number


@pytest.mark.parametrize(
    ("language", "closing"),
    [
        ("en", "Would you like a chapter-by-chapter breakdown next?"),
        ("en", "Let me know if you'd like discussion questions!"),
        ("en", "I hope this helps!"),
        ("en", "I hope this study guide helps! Let me know if you'd like a quiz."),  # DeepSeek's
        ("en", "Feel free to ask for more detail on any character."),
        ("en", "If you want, I can also write a quiz."),
        ("fr", "Souhaitez-vous des questions de discussion ?"),
        ("de", "Möchtest du noch ein Quiz? Lass es mich wissen!"),
        ("es", "¿Te gustaría que añadiera preguntas de debate?"),
        ("ru", "Если хотите, я могу добавить вопросы для обсуждения."),
        ("zh-Hans", "如果你需要，我还可以整理人物关系图。"),
        ("he", "אם תרצה, אוכל להוסיף שאלות לדיון."),
        ("fa", "امیدوارم این خلاصه مفید باشد."),
    ],
)
def test_a_closing_paragraph_to_the_asker_is_left_out(language: str, closing: str):
    text, found = leave_out_chatter(f"{BODY}\n---\n\n{closing}\n", language)
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


def test_an_opening_paragraph_of_two_chatter_lines_goes_whole_and_a_title_under_it_stays():
    out, found = leave_out_chatter("Sure!\nHere's a summary of the novel:\n\n# Silas Marner\n")
    assert [chatter.line for chatter in found] == [1, 2]
    assert out == "\n\n\n# Silas Marner\n"
    loose = "Certainly!\nSilas Marner\nSilas Marner by George Eliot\n"
    out, found = leave_out_chatter(loose)
    assert [chatter.line for chatter in found] == [1]
    assert out == "\nSilas Marner\nSilas Marner by George Eliot\n"


def test_only_the_guide_language_and_english_are_judged():
    """A German guide may end on a French quotation that happens to read like chatter."""
    assert _left_out(f"{BODY}\nN'hésitez pas, dit-elle.\n") == []  # English guide: not French chatter
    assert leave_out_chatter(f"{BODY}\nN'hésitez pas à demander !\n", "fr")[1] != []


def test_a_text_without_chatter_is_returned_as_it_is():
    assert leave_out_chatter(BODY) == (BODY, [])
    assert leave_out_chatter("") == ("", [])


# A short chat answer per language: (opening, info heading, year label, summary heading, body,
# closing). The year label is free wording ("Publication year", not "Year").
CHAT_ANSWERS = {
    "ko": (
        "물론이죠! 다음은 『운수 좋은 날』의 줄거리 요약입니다.",
        "책 정보",
        "출간 연도",
        "줄거리",
        "인력거꾼 김첨지는 비 오는 날 뜻밖에 돈을 많이 번다.",
        "도움이 되었으면 좋겠습니다! 토론 질문도 만들어 드릴까요?",
    ),
    "tr": (
        "Elbette! İşte *Suç ve Ceza* için kısa bir özet:",
        "Kitap bilgileri",
        "Yayın yılı",
        "Özet",
        "Raskolnikov yoksul bir öğrencidir ve bir tefeciyi öldürür.",
        "Umarım işinize yarar! Tartışma soruları da ister misiniz?",
    ),
    "uk": (
        "Звісно! Ось короткий зміст повісті:",
        "Про книгу",
        "Рік публікації",
        "Переказ",
        "Іван Палійчук росте в горах і кохає Марічку.",
        "Сподіваюся, це допоможе! Хочете, щоб я додав питання для обговорення?",
    ),
    "vi": (
        "Chắc chắn rồi! Dưới đây là bản tóm tắt tác phẩm:",
        "Thông tin sách",
        "Năm phát hành",
        "Tóm tắt",
        "Chí Phèo là một người nông dân lương thiện bị tha hóa.",
        "Hy vọng bản tóm tắt này hữu ích! Bạn có muốn mình soạn thêm câu hỏi thảo luận không?",
    ),
    "cs": (
        "Jasně! Tady je stručné shrnutí knihy:",
        "O knize",
        "Datum vydání",
        "Shrnutí",
        "Babička přijíždí na Staré bělidlo a žije s vnoučaty.",
        "Doufám, že vám to pomůže. Chcete, abych připravil i otázky k diskusi?",
    ),
    "th": (
        "แน่นอนครับ! นี่คือสรุปเรื่องย่อของหนังสือเล่มนี้",
        "ข้อมูลหนังสือ",
        "ปีที่พิมพ์ครั้งแรก",
        "เรื่องย่อ",
        "ชีวิตของคนในชนบทอีสานที่ต้องต่อสู้กับความแห้งแล้ง",
        "หวังว่าจะเป็นประโยชน์นะครับ ต้องการให้ผมเขียนคำถามอภิปรายเพิ่มไหมครับ",
    ),
}


@pytest.mark.parametrize("language", sorted(CHAT_ANSWERS))
def test_a_chat_answer_in_its_own_language_loses_its_chatter_and_keeps_its_facts(load, language: str):
    opening, info, year_label, summary, body, closing = CHAT_ANSWERS[language]
    text = (
        f"---\nlang: {language}\n---\n\n{opening}\n\n# Book\n\n## {info}\n\n"
        f"- **{year_label}:** 1905\n\n---\n\n## {summary}\n\n{body}\n\n---\n\n{closing}\n"
    )
    guide, report = load("answer.md", text)
    assert [d.location.line for d in report.items if d.code == "W-CHATTER"] == [5, 21]
    assert (guide.meta.year, guide.meta.language) == (1905, language)
    assert [section.kind for section in guide.sections] == ["info", "summary"]
    # The summary keeps its paragraph and nothing else: the closing line and the rules are gone.
    assert [plain_text(block.inlines) for block in guide.section("summary").blocks] == [body]


@pytest.mark.parametrize(
    ("language", "prose"),
    [
        ("ko", "물론 김첨지는 그날 아내의 죽음을 알지 못했다."),  # "of course" inside a sentence
        ("tr", "Elbette bu roman, vicdanın sesini anlatır."),
        ("uk", "Звісно, гори були для Івана домом."),
        ("vi", "Tất nhiên, Chí Phèo không sinh ra đã là kẻ ác."),
        ("cs", "Jistě to byla nejšťastnější léta jejího života."),
        ("th", "แน่นอนว่าความแห้งแล้งทำให้ชีวิตของพวกเขายากลำบาก"),
        ("hi", "बिल्कुल अकेला होरी अपनी गाय का सपना देखता है।"),
        ("da", "Selvfølgelig ved ingen i byen, hvem han er."),
    ],
)
def test_a_first_sentence_that_starts_like_chatter_in_another_language_stays(language: str, prose: str):
    assert leave_out_chatter(f"{prose}\n\n## X\n\nY.\n", language)[1] == []


def test_an_opening_line_written_as_the_first_heading_goes_when_the_title_heading_follows(load):
    text = (
        "# Sure thing! Here's an overview you can use.\n\n"
        "## Book Summary: *Of Human Bondage* by W. Somerset Maugham\n\n## Summary\n\nPhilip grows up.\n"
    )
    guide, report = load("heading-chatter.md", text)
    assert (guide.meta.title, guide.meta.authors) == ("Of Human Bondage", ("W. Somerset Maugham",))
    assert [d.location.line for d in report.items if d.code == "W-CHATTER"] == [1]


def test_a_chatter_like_heading_above_the_sections_is_the_title_and_stays():
    text = "# Here is a summary of *Emma*\n\n## Summary\n\nEmma meddles.\n"
    assert leave_out_chatter(text) == (text, [])


@pytest.mark.parametrize(
    "reasoning",
    [
        "<think>\nOkay, the user wants a study guide. Let me recall.\n\nHmm, keep it short.\n</think>",
        "<think>Okay, the user wants a study guide.</think>",
        "Thought for 14 seconds\n\n<thinking>\nThe user asks for a summary.\n</thinking>",
        "<REASONING>\nA summary, then.\n</REASONING>",
    ],
    ids=["deepseek", "one-line", "thought-for", "capitals"],
)
def test_a_reasoning_block_above_the_answer_is_left_out(reasoning: str):
    """DeepSeek-R1's <think> block above its answer became the guide's title (E-NO-TITLE)."""
    text, found = leave_out_chatter(f"{reasoning}\n\n{BODY}")
    assert text.strip() == BODY.strip() and text.count("\n") == f"{reasoning}\n\n{BODY}".count("\n")
    assert found and found[0].line == 1 and "<" not in found[-1].text


def test_an_unclosed_reasoning_tag_and_one_inside_the_guide_stay():
    unclosed = "<think>\nOkay, the user wants a guide.\n\n" + BODY
    assert leave_out_chatter(unclosed)[0] == unclosed
    inside = BODY + "\n<think>\nNot at the top.\n</think>\n"
    assert leave_out_chatter(inside)[0] == inside
