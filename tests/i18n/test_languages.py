"""Section names and built-in labels beyond English: Japanese, Arabic, Italian, Portuguese, Russian,
Hebrew, Persian, Urdu; headings matched whatever their case, punctuation or script variant."""

from __future__ import annotations

import pytest

from pipeline.i18n.labels import labels_for
from pipeline.i18n.language_data import LANGUAGES
from pipeline.i18n.section_names import section_kind

ALIASES = [
    # Japanese
    ("あらすじ", "summary"),
    ("概要", "summary"),
    ("要約", "summary"),
    ("ストーリー", "summary"),
    ("主な登場人物", "characters"),
    ("キャラクター紹介", "characters"),
    ("テーマ", "themes"),
    ("主題", "themes"),
    ("教訓", "takeaways"),
    ("学び", "takeaways"),
    ("作品の意義", "significance"),
    ("なぜ今読むのか", "significance"),
    ("ディスカッションのための問い", "questions"),
    ("考えてみよう", "questions"),
    ("用語解説", "glossary"),
    ("心に残る言葉", "quotes"),
    ("象徴とモチーフ", "symbols"),
    ("各章の要約", "chapters"),
    ("読書案内", "reading"),
    ("書誌情報", "info"),
    # Arabic, with and without the article, vowel marks and hamza
    ("ملخص", "summary"),
    ("الملخص", "summary"),
    ("ملخّص القصة", "summary"),
    ("الحبكة", "summary"),
    ("الشخصيات", "characters"),
    ("شخصيات الرواية", "characters"),
    ("الموضوعات", "themes"),
    ("المواضيع الرئيسية", "themes"),
    ("الدروس المستفادة", "takeaways"),
    ("أهم الأفكار", "takeaways"),
    ("لماذا يهم هذا الكتاب؟", "significance"),
    ("أهمية الكتاب", "significance"),
    ("أسئلة للنقاش", "questions"),
    ("اسئلة المناقشة", "questions"),
    ("مسرد المصطلحات", "glossary"),
    ("اقتباسات", "quotes"),
    ("الرموز والدلالات", "symbols"),
    ("ملخص الفصول", "chapters"),
    ("قراءات إضافية", "reading"),
    ("معلومات الكتاب", "info"),
    # Italian
    ("Riassunto", "summary"),
    ("Trama", "summary"),
    ("Personaggi principali", "characters"),
    ("Temi", "themes"),
    ("Punti chiave", "takeaways"),
    ("Perché è importante", "significance"),
    ("Domande per la discussione", "questions"),
    ("Glossario", "glossary"),
    ("Citazioni", "quotes"),
    ("Simboli e motivi", "symbols"),
    ("Riassunto dei capitoli", "chapters"),
    ("Letture consigliate", "reading"),
    ("Scheda del libro", "info"),
    # Portuguese
    ("Resumo", "summary"),
    ("Enredo", "summary"),
    ("Personagens", "characters"),
    ("Temas principais", "themes"),
    ("Lições", "takeaways"),
    ("Por que ler hoje", "significance"),
    ("Questões para discussão", "questions"),
    ("Glossário", "glossary"),
    ("Citações", "quotes"),
    ("Símbolos e motivos", "symbols"),
    ("Resumo dos capítulos", "chapters"),
    ("Leituras complementares", "reading"),
    ("Ficha técnica", "info"),
    # Russian
    ("Краткое содержание", "summary"),
    ("Сюжет", "summary"),
    ("Главные герои", "characters"),
    ("Персонажи", "characters"),
    ("Темы", "themes"),
    ("Главные выводы", "takeaways"),
    ("Почему это важно", "significance"),
    ("Вопросы для обсуждения", "questions"),
    ("Словарь", "glossary"),
    ("Цитаты", "quotes"),
    ("Символы и мотивы", "symbols"),
    ("Краткое содержание по главам", "chapters"),
    ("Что ещё почитать", "reading"),
    ("О книге", "info"),
    # Hebrew, with and without the article ה-
    ("תקציר", "summary"),
    ("תקציר העלילה", "summary"),
    ("סיכום", "summary"),
    ("העלילה", "summary"),
    ("דמויות", "characters"),
    ("הדמויות הראשיות", "characters"),
    ("הנפשות הפועלות", "characters"),
    ("נושאים", "themes"),
    ("נושאים מרכזיים", "themes"),
    ("התמות המרכזיות", "themes"),
    ("לקחים", "takeaways"),
    ("רעיונות מרכזיים", "takeaways"),
    ("למה הספר חשוב?", "significance"),
    ("חשיבות הספר", "significance"),
    ("שאלות לדיון", "questions"),
    ("נושאים לדיון", "questions"),  # not themes: a topic for discussion is a question
    ("מילון מונחים", "glossary"),
    ("אוצר מילים", "glossary"),
    ("ציטוטים", "quotes"),
    ("סמלים ומוטיבים", "symbols"),
    ("תקציר הפרקים", "chapters"),
    ("פרק אחר פרק", "chapters"),
    ("לקריאה נוספת", "reading"),
    ("המלצות קריאה", "reading"),
    ("פרטי הספר", "info"),
    ("במבט חטוף", "info"),
    # Persian, the parts of a word joined by a zero-width non-joiner as Persian keyboards type them
    ("خلاصه", "summary"),
    ("خلاصهٔ داستان", "summary"),
    ("چکیده", "summary"),
    ("پیرنگ", "summary"),
    ("شخصیت\u200cها", "characters"),
    ("شخصیت\u200cهای اصلی", "characters"),
    ("مضامین", "themes"),
    ("درون\u200cمایه\u200cها", "themes"),
    ("نکات کلیدی", "takeaways"),
    ("درس\u200cها", "takeaways"),
    ("چرا این کتاب مهم است؟", "significance"),
    ("اهمیت کتاب", "significance"),
    ("پرسش\u200cهایی برای بحث", "questions"),
    ("سؤالات", "questions"),
    ("واژه\u200cنامه", "glossary"),
    ("واژگان", "glossary"),
    ("نقل\u200cقول\u200cها", "quotes"),
    ("جملات ماندگار", "quotes"),
    ("نمادها و موتیف\u200cها", "symbols"),
    ("خلاصهٔ فصل\u200cها", "chapters"),
    ("فصل به فصل", "chapters"),
    ("برای مطالعهٔ بیشتر", "reading"),
    ("کتاب\u200cهای پیشنهادی", "reading"),
    ("مشخصات کتاب", "info"),
    ("در یک نگاه", "info"),
    # Urdu
    ("خلاصہ", "summary"),
    ("کہانی کا خلاصہ", "summary"),
    ("پلاٹ", "summary"),
    ("کردار", "characters"),
    ("اہم کردار", "characters"),
    ("موضوعات", "themes"),
    ("مرکزی خیال", "themes"),
    ("اہم نکات", "takeaways"),
    ("حاصلِ مطالعہ", "takeaways"),
    ("یہ ناول کیوں اہم ہے؟", "significance"),
    ("ادبی اہمیت", "significance"),
    ("سوالات برائے بحث", "questions"),
    ("فرہنگ", "glossary"),
    ("مشکل الفاظ", "glossary"),  # "ال" here is no article, but the heading is read as if it were
    ("اقتباسات", "quotes"),
    ("یادگار جملے", "quotes"),
    ("علامات", "symbols"),
    ("ابواب کا خلاصہ", "chapters"),
    ("باب وار خلاصہ", "chapters"),
    ("مزید مطالعہ", "reading"),
    ("کتابیات", "reading"),
    ("کتاب کی تفصیلات", "info"),
    ("ایک نظر میں", "info"),
]


@pytest.mark.parametrize(("title", "kind"), ALIASES)
def test_section_names_in_more_languages(title, kind):
    assert section_kind(title) == kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("あらすじ：", "summary"),  # full-width colon
        ("【テーマ】", "themes"),
        ("■ 登場人物", "characters"),
        ("ﾃｰﾏ", "themes"),  # half-width katakana
        ("１．あらすじ", "summary"),  # full-width numbering
        ("الشّخصيّات:", "characters"),  # vowel marks and a colon
        ("الملخـــص", "summary"),  # tatweel
        ("٢. الموضوعات", "themes"),
        ("СЮЖЕТ", "summary"),
        ("Что еще почитать", "reading"),  # е for ё
        ("PERSONAGENS:", "characters"),
        ("Perche leggerlo", "significance"),  # accent left off
        ("תַּקְצִיר הָעֲלִילָה", "summary"),  # Hebrew vowel points
        ("\u200fדמויות:", "characters"),  # a right-to-left mark pasted in front
        ("شخصیت ها", "characters"),  # Persian plural with a space ...
        ("شخصیتها", "characters"),  # ... or joined, instead of the non-joiner
        ("شخصيت\u200cها", "characters"),  # Arabic yeh typed for Farsi yeh
        ("كتاب\u200cهای پیشنهادی", "reading"),  # Arabic kaf typed for keheh
        ("خلاصۀ داستان", "summary"),  # ezafe written as one letter (U+06C0)
        ("سوالات", "questions"),  # سؤال without the hamza
        ("۲. مضامین", "themes"),  # Persian digits
        ("۳۔ کردار", "characters"),  # Urdu digits and full stop
        ("خلاصۂ کہانی", "summary"),  # Urdu heh goal with hamza
        ("خلاصه", "summary"),  # Urdu typed with a Persian or Arabic heh
    ],
)
def test_matching_folds_case_punctuation_and_script_variants(title, kind):
    assert section_kind(title) == kind


@pytest.mark.parametrize(
    "title",
    [
        "Sistema",
        "作者について",
        "عن المؤلف",
        "Об авторе",
        "L'autore",
        "על המחבר",
        "درباره نویسنده",
        "فرهنگ و جامعه",  # Persian "culture and society", though the Urdu glossary is "فرہنگ"
        "مصنف کا تعارف",
    ],
)
def test_unrelated_headings_stay_unknown(title):
    assert section_kind(title) is None


@pytest.mark.parametrize("language", [language.tag for language in LANGUAGES])
def test_every_language_names_the_sections_it_titles_itself(language):
    # "At a Glance" and "Glossary" in the guide's language are read back as those sections
    labels = labels_for(language)
    assert section_kind(labels["glance"]) == "info", labels["glance"]
    assert section_kind(labels["glossary"]) == "glossary", labels["glossary"]


@pytest.mark.parametrize("language", ["he-IL", "fa-IR", "ur-PK", "iw"])
def test_right_to_left_labels_are_their_own_and_name_their_sections(language):
    labels = labels_for(language)
    # every label is in the language ("iw" is Hebrew's old code); only Hebrew's ", " is English's too
    assert {key for key, text in labels.items() if text == labels_for("en")[key]} <= {"separator"}
    # the sections the pipeline titles itself are recognised by those titles when read back
    assert section_kind(labels["glance"]) == "info"
    assert section_kind(labels["glossary"]) == "glossary"


def test_every_language_prints_its_own_labels():
    # A German or Spanish guide must not print "Classroom Handout", "First used:" or "Index".
    english = labels_for("en")
    for language in LANGUAGES:
        if language.primary != "en":
            labels = labels_for(language.tag)
            assert labels["handout"] != english["handout"] and labels["contents"] != english["contents"]
