"""Section names and built-in labels beyond English: Japanese, Arabic, Italian, Portuguese, Russian,
Hebrew, Persian, Urdu; right-to-left print (PDF, index, handout) for Arabic and Hebrew; Hebrew,
Persian and Urdu bylines and book facts in loose manuscripts."""

from __future__ import annotations

import subprocess
from typing import get_args

import pytest

from pipeline.i18n.labels import _LABELS, labels_for
from pipeline.i18n.section_names import section_kind
from pipeline.model.diagnostics import Report
from pipeline.model.guide import SectionKind
from pipeline.model.text import plain_text
from pipeline.readers.byline import split_byline
from pipeline.readers.dialects import adapt, is_bare_heading
from pipeline.writers.pdf.book import book_html, build_pdf
from pipeline.writers.pdf.engine import PrintOptions
from pipeline.writers.pdf.handout import build_handout, handout_html
from pipeline.writers.pdf.index import index_page_css, render_index
from pipeline.writers.theme import load_theme
from tests import needs
from tests.helpers import CORPUS

ARABIC = CORPUS / "kalila-wa-dimna.md"
JAPANESE = CORPUS / "botchan.md"
# Every kind a heading can name (info is the facts block; "other" is what no alias names).
STANDARD_KINDS = [kind for kind in get_args(SectionKind) if kind not in ("info", "other")]

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


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("کہانی کا خلاصہ", True),
        ("یہ کہانی لکھنؤ میں شروع ہوتی ہے۔", False),  # names a section but ends with Urdu's full stop
    ],
)
def test_urdu_full_stop_ends_a_statement_not_a_heading(line, heading):
    prose = "امیرن کو فیض آباد سے اغوا کر کے لکھنؤ لایا جاتا ہے اور خانم جان کے ہاں بیچ دیا جاتا ہے۔"
    assert is_bare_heading(line, prose) is heading


@pytest.mark.parametrize("language", sorted(_LABELS))
def test_every_language_has_every_label(language):
    assert set(_LABELS[language]) == set(_LABELS["en"])


@pytest.mark.parametrize("language", ["he-IL", "fa-IR", "ur-PK", "iw"])
def test_right_to_left_labels_are_their_own_and_name_their_sections(language):
    labels = labels_for(language)
    # every label is in the language ("iw" is Hebrew's old code); only Hebrew's ", " is English's too
    assert {key for key, text in labels.items() if text == _LABELS["en"][key]} <= {"separator"}
    # the sections the pipeline titles itself are recognised by those titles when read back
    assert section_kind(labels["glance"]) == "info"
    assert section_kind(labels["glossary"]) == "glossary"


HEBREW = """---
title: סיפור פשוט
author: ש"י עגנון
year: 1935
language: he
---

## תקציר העלילה

הירשל הורוביץ, בנם של בעלי חנות בשבוש, מתאהב בבלומה, קרובתו היתומה שמשרתת בבית הוריו.
אמו צירל משדכת לו את מינה, בת למשפחה אמידה, והוא נישא לה בלי אהבה.

## דמויות

- הירשל: הבן הצעיר שאינו מעז לבחור בעצמו
- בלומה: קרובת המשפחה הענייה שהירשל אוהב
- צירל: אמו של הירשל, שמנהלת את החנות ואת חיי בנה
- מינה: הכלה שבוחרים בשבילו

## נושאים מרכזיים

- אהבה מול שידוך
- מעמד וכסף בעיירה

## לקחים

- מי שאינו בוחר בעצמו בוחרים בשבילו.

## למה הספר חשוב?

אחד הרומנים החשובים של עגנון, ופתח למודרניזם בספרות העברית.

## שאלות לדיון

1. מדוע הירשל אינו נאבק על בלומה?

## מילון מונחים

- שידוך: נישואים שמסדרים ההורים

## ציטוטים

"לא בכל מקום שאדם רוצה בו הוא מגיע" — המספר.

## סמלים ומוטיבים

- החנות: עולמה של צירל, שבנה אינו יוצא ממנו

## תקציר הפרקים

### החלק הראשון

בלומה באה לבית הורוביץ.

## לקריאה נוספת

- אורח נטה ללון
"""

PERSIAN = """---
title: بوف کور
author: صادق هدایت
year: 1937
language: fa
---

## خلاصهٔ داستان

نقاشی تنها که روی قلمدان نقش می‌کشد، از زنی اثیری می‌گوید که یک بار در قاب پستو دید و از دست داد.
در نیمهٔ دوم، همان راوی در زندگی دیگری با همسرش، لکاته، و پیرمرد خنزرپنزری روبه‌رو می‌شود.

## شخصیت‌ها

- راوی: نقاش قلمدان که در تنهایی و تب می‌نویسد
- زن اثیری: زنی که راوی یک بار می‌بیند و دیگر نمی‌یابد
- لکاته: همسر راوی در نیمهٔ دوم داستان
- پیرمرد خنزرپنزری: پیرمردی که همه‌جا بر سر راه راوی است

## مضامین

- تنهایی و مرگ
- تکرار و زمان

## نکات کلیدی

- روایت می‌تواند کابوسی باشد که خودش را تکرار می‌کند.

## چرا این کتاب مهم است؟

از نخستین رمان‌های مدرن فارسی است و بر نسل‌های بعدی نویسندگان اثر گذاشت.

## پرسش‌هایی برای بحث

1. چرا چهره‌ها در داستان تکرار می‌شوند؟

## واژه‌نامه

- قلمدان: جعبه‌ای برای نگهداری قلم که رویش نقاشی می‌کردند

## نقل‌قول‌ها

«در زندگی زخم‌هایی هست که مثل خوره روح را آهسته در انزوا می‌خورد» — راوی.

## نمادها

- بوف: سایهٔ راوی روی دیوار

## خلاصهٔ فصل‌ها

### بخش نخست

راوی زن اثیری را می‌بیند.

## برای مطالعهٔ بیشتر

- سه قطره خون
"""

URDU = """---
title: امراؤ جان ادا
author: مرزا ہادی رسوا
year: 1899
language: ur
---

## خلاصہ

امیرن کو بچپن میں فیض آباد سے اغوا کر کے لکھنؤ میں خانم جان کے کوٹھے پر بیچ دیا جاتا ہے۔
وہاں وہ رقص، موسیقی اور شاعری سیکھ کر امراؤ جان ادا بنتی ہے اور اپنی کہانی مرزا رسوا کو سناتی ہے۔

## کردار

- امراؤ جان: طوائف اور شاعرہ جو اپنی زندگی کی کہانی سناتی ہے
- خانم جان: کوٹھے کی مالکہ
- نواب سلطان: امراؤ جان کا چاہنے والا
- فیض علی: ڈاکو جس کے ساتھ امراؤ جان لکھنؤ چھوڑتی ہے

## موضوعات

- عورت کی بے بسی
- لکھنؤ کی تہذیب کا زوال

## اہم نکات

- تہذیب کی چمک کے پیچھے انسان کا دکھ چھپا ہوتا ہے۔

## یہ ناول کیوں اہم ہے؟

اسے اردو کے اولین حقیقت پسند ناولوں میں شمار کیا جاتا ہے۔

## سوالات برائے بحث

1. امراؤ جان اپنی کہانی کیوں سناتی ہے؟

## فرہنگ

- کوٹھا: وہ گھر جہاں طوائفیں رہتی اور محفلیں ہوتی تھیں

## اقتباسات

"کسی کو دے کے دل کوئی نوا سنج فغاں کیوں ہو" — غالب کا مصرع جو محفلوں میں گایا جاتا ہے۔

## علامات

- کوٹھا: لکھنؤ کی تہذیب کا آئینہ

## ابواب کا خلاصہ

### پہلا باب

امیرن کا اغوا۔

## مزید مطالعہ

- فسانۂ آزاد
"""


@pytest.mark.parametrize(
    ("language", "text", "characters"),
    [
        ("he", HEBREW, ["הירשל", "בלומה", "צירל", "מינה"]),
        ("fa", PERSIAN, ["راوی", "زن اثیری", "لکاته", "پیرمرد خنزرپنزری"]),
        ("ur", URDU, ["امراؤ جان", "خانم جان", "نواب سلطان", "فیض علی"]),
    ],
)
def test_right_to_left_manuscript_has_standard_sections_and_its_own_labels(load, language, text, characters):
    guide, report = load(f"{language}.md", text)
    labels = labels_for(language)
    assert guide.meta.language == language
    assert [s.kind for s in guide.sections] == ["info", *STANDARD_KINDS]
    assert guide.sections[0].title == labels["glance"]
    cast = guide.section("characters")
    assert cast is not None and [e.term for e in cast.entries] == characters
    codes = {d.code for d in report.items}
    assert not codes & {"W-UNKNOWN-SECTION", "W-NO-SUMMARY", "W-DUPLICATE-SECTION"}, codes
    html = book_html(guide)
    assert f'<html lang="{language}" dir="rtl">' in html
    for key in ("contents", "glance", "study_guide", "author", "year"):
        assert labels[key] in html, key
    assert f" {labels['words']} · " in html and f" {labels['minutes']}" in html
    for english in ("Contents", "At a Glance", "min read", "A Study Guide", "Author", "Published"):
        assert english not in html, english


@pytest.mark.parametrize(
    ("source", "language", "glance", "words"),
    [(ARABIC, "ar", "نظرة سريعة", "كلمة"), (JAPANESE, "ja", "作品データ", "字")],
)
def test_manuscript_normalises_to_standard_kinds_with_its_own_labels(load, source, language, glance, words):
    guide, report = load(source.name, source.read_text(encoding="utf-8"))
    assert guide.meta.language == language
    assert [s.kind for s in guide.sections] == ["info", *STANDARD_KINDS]
    assert guide.sections[0].title == glance
    codes = {d.code for d in report.items}
    assert not codes & {"W-UNKNOWN-SECTION", "W-NO-SUMMARY", "W-DUPLICATE-SECTION"}, codes
    html = book_html(guide)
    assert labels_for(language)["contents"] in html and f" {words} · " in html
    for english in ("Contents", "At a Glance", "min read", "A Study Guide"):
        assert english not in html


@pytest.mark.pdf
@needs.poppler
@needs.naskh_font  # other Arabic faces (DejaVu Sans, Noto Sans Arabic) extract lam-alef reversed
def test_arabic_pdf_is_right_to_left_and_every_section_title_extracts(load, tmp_path):
    guide, _ = load(ARABIC.name, ARABIC.read_text(encoding="utf-8"))
    html = book_html(guide)
    assert '<html lang="ar" dir="rtl">' in html
    target = tmp_path / "kalila.pdf"
    pages = build_pdf(guide, target, load_theme(), Report(str(ARABIC)))
    assert pages >= 3
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    for section in guide.sections:
        assert section.title in text, section.title
    assert labels_for("ar")["index"] in text


@pytest.mark.pdf
def test_arabic_index_and_handout_are_right_to_left(load, tmp_path):
    guide, _ = load(ARABIC.name, ARABIC.read_text(encoding="utf-8"))
    pages = [{"number": 3, "mention": "m1"}, {"number": 4, "mention": "m2"}]
    index = render_index([{"term": "دمنة", "note": "", "pages": pages}], "ar", guide.meta.title)
    assert index is not None and '<html lang="ar" dir="rtl">' in index
    assert ">3</a>، <a" in index  # pages separated the Arabic way
    assert '<html lang="ar" dir="rtl">' in handout_html(guide, 9.5, None)
    assert "صفحة" in handout_html(guide, 9.5, None) and " pp." not in handout_html(guide, 9.5, None)
    report = Report(str(ARABIC))
    assert build_handout(guide, tmp_path / "handout.pdf", load_theme(), report, PrintOptions()) == 1


@pytest.mark.parametrize("source", [ARABIC, JAPANESE])
def test_left_to_right_and_japanese_print_say_nothing_of_direction(load, source):
    text = source.read_text(encoding="utf-8").replace("language: ar", "language: en")
    guide, _ = load(source.name, text)
    assert 'dir="rtl"' not in book_html(guide) and 'dir="rtl"' not in handout_html(guide, 9.5, None)


def test_hebrew_print_is_right_to_left(load):
    guide, _ = load("hebrew.md", "---\ntitle: שלום\nlanguage: he\n---\n\n## Summary\n\nסיפור קצר.\n")
    assert '<html lang="he" dir="rtl">' in book_html(guide)
    assert '<html lang="he" dir="rtl">' in handout_html(guide, 9.5, None)


@pytest.mark.parametrize(("first_page", "direction"), [(10, "ltr"), (10, "rtl"), (11, "ltr"), (11, "rtl")])
def test_index_running_heads_mirror_for_right_to_left(first_page, direction):
    """Even pages are versos: the book's title runs at their outer edge, which is the left one
    in a left-to-right book and the right one in a right-to-left book."""
    verso_edge, recto_edge = ("right", "left") if direction == "rtl" else ("left", "right")
    first = index_page_css(first_page, "Book", "Index", direction).split(" @page ")[0]
    if first_page % 2 == 0:
        assert (
            f'@top-{verso_edge} {{ content: "Book";' in first
            and f"@top-{recto_edge} {{ content: none; }}" in first
        )
    else:
        assert (
            f'@top-{recto_edge} {{ content: "Index";' in first
            and f"@top-{verso_edge} {{ content: none; }}" in first
        )


# ---------------------------------------------------------------- Hebrew, Persian and Urdu bylines and facts


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("הנער מן הים מאת עמוס עוז", "הנער מן הים", "עמוס עוז"),
        ("הנער מן הים, מאת עמוס עוז", "הנער מן הים", "עמוס עוז"),
        ("מאת עמוס עוז", "הנער מן הים", "עמוס עוז"),
        ("מאת א. ב. יהושע", "מר מאני", "א. ב. יהושע"),  # initials are no full stop
        ("מכתב מאת אבא מאת דוד גרוסמן", "מכתב מאת אבא", "דוד גרוסמן"),  # the title holds the word
        ("نوشتهٔ صادق هدایت", "بوف کور", "صادق هدایت"),
        ("نوشته‌ی صادق هدایت", "بوف کور", "صادق هدایت"),  # the ezafe as a yeh after a non-joiner
        ("نوشتۀ صادق هدایت", "بوف کور", "صادق هدایت"),  # ... as one letter
        ("به قلم صادق هدایت", "بوف کور", "صادق هدایت"),
        ("بوف کور، نوشتهٔ صادق هدایت", "بوف کور", "صادق هدایت"),
        ("بوف کور اثر صادق هدایت", "بوف کور", "صادق هدایت"),
        ("بوف کور نوشته صادق هدایت", "بوف کور", "صادق هدایت"),
        ("بوف کور از صادق هدایت", "بوف کور", "صادق هدایت"),
        ("بوف كور از صادق هدایت", "بوف کور", "صادق هدایت"),  # Arabic kaf in the line, keheh in the title
        ("دور از خانه از مریم فرهادی", "دور از خانه", "مریم فرهادی"),  # "از" in the title too
        ("امراؤ جان ادا از مرزا ہادی رسوا", "امراؤ جان ادا", "مرزا ہادی رسوا"),
        ("نوشتهٔ صادق هدایت (۱۹۳۷)", "بوف کور", "صادق هدایت (۱۹۳۷)"),  # normalise takes the year
    ],
)
def test_right_to_left_bylines(text, title, author):
    assert split_byline(text, title) == author


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("دور از خانه", "دور از خانه"),  # the title itself, which holds "از" ("far from home")
        ("از مجموعهٔ کلاسیک‌های ادبیات فارسی", "بوف کور"),  # "from the series ...": "از" alone is no byline
        ("از آن روز به بعد", "بوف کور"),
        ("اثر این رمان بر نسل بعد", "بوف کور"),  # "the effect of this novel"
        ("نوشته شده در سال ۱۳۱۵", "بوف کور"),  # "written in 1315"
        ("بی‌اثر ماند", "بی"),  # "اثر" after a non-joiner is inside a word
        ("بوف کور از مهم‌ترین رمان‌های فارسی است.", "بوف کور"),  # a sentence about the title
        ("بوف کور از مهم‌ترین رمان‌های فارسی است", "بوف کور"),  # ... without its full stop
        ("امراؤ جان ادا از مرزا ہادی رسوا کا ناول ہے", "امراؤ جان ادا"),  # "... is a novel by ..."
        ("کم از کم تین بار پڑھیں", "امراؤ جان ادا"),  # "at least"
        ("קיבלתי מכתב מאת אבי", "הנער מן הים"),  # "a letter from my father"
        ("מאת הבוקר ועד הערב ישב וכתב.", "הנער מן הים"),
        ("ומאת עמוס עוז", "הנער מן הים"),  # "מאת" with a prefix is another word
    ],
)
def test_right_to_left_prose_is_no_byline(text, title):
    assert split_byline(text, title) is None


@pytest.mark.parametrize(
    ("title", "second", "is_heading"),
    [
        ("מיכאל שלי", "מאת עמוס עוז", False),
        ("מיכאל שלי", "מיכאל שלי מאת עמוס עוז", False),
        ("بوف کور", "نوشتهٔ صادق هدایت", False),
        ("بوف کور", "بوف کور از صادق هدایت", False),
        ("امراؤ جان ادا", "امراؤ جان ادا از مرزا ہادی رسوا", False),
        ("بوف کور", "دور از وطن", True),  # "far from home" on a line of its own: a heading
        ("بوف کور", "از دیار غربت", True),  # "from a foreign land": "از" alone is no byline
    ],
)
def test_a_loose_second_line_byline_is_no_heading(title, second, is_heading):
    # A short line over a paragraph reads as a heading, unless it is the byline under the title.
    prose = "راوی نقاش قلمدان است و در تنهایی می‌نویسد، شب و روز، تا صبح."
    markdown = adapt(f"{title}\n{second}\n{prose}\n").text.split("\n")
    assert (f"## {second}" in markdown) is is_heading


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("- שפה: עברית", "he"),
        ("- זמן קריאה: 6 שעות\n- שפה: עברית", "he"),
        ("- زبان: فارسی", "fa"),
        ("- زبان\u200f: فارسي", "fa"),  # a right-to-left mark before the colon, Arabic yeh
        ("- **زبان:** fa", "fa"),
        ("- زبان: اردو", "ur"),
    ],
)
def test_a_language_field_in_right_to_left_words_sets_the_language(load, line, language):
    guide, report = load("t.txt", f"Title\n\nInfo\n{line}\n\nSummary\nText.\n")
    assert guide.meta.language == language
    assert not [d for d in report.items if d.code == "W-LANGUAGE"]


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("שם הספר: מיכאל שלי", "מיכאל שלי"),
        ("عنوان: بوف کور", "بوف کور"),
        ("کتاب کا نام: امراؤ جان ادا", "امراؤ جان ادا"),
    ],
)
def test_a_right_to_left_title_field_on_line_one(load, first_line, title):
    guide, _ = load("t.txt", f"{first_line}\n\nخلاصه\nمتن.\n")
    assert guide.meta.title == title


def test_a_right_to_left_title_line_is_never_split_at_its_by_word(load):
    # No capitals tell a name from a phrase in these scripts: "Letters from Mum and Dad" stays whole.
    guide, _ = load("t.md", "# מכתבים מאת אבא ואמא\n\n## תקציר\n\nטקסט.\n")
    assert (guide.meta.title, guide.meta.authors) == ("מכתבים מאת אבא ואמא", ())


def test_a_persian_preamble_line_beginning_with_az_is_kept_as_text(load):
    guide, _ = load("t.txt", "بوف کور\n\nاز مجموعهٔ کلاسیک‌های فارسی\n\nخلاصه\nراوی نقاش قلمدان است.\n")
    assert guide.meta.authors == ()
    info = guide.sections[0]
    assert [s.kind for s in guide.sections] == ["info", "summary"]
    assert [plain_text(block.inlines) for block in info.blocks] == ["از مجموعهٔ کلاسیک‌های فارسی"]


def test_a_byline_year_in_persian_digits_after_an_arabic_comma(load):
    guide, _ = load("t.txt", "بوف کور\nنوشتهٔ صادق هدایت، ۱۹۳۷\n\nخلاصه\nراوی نقاش قلمدان است.\n")
    meta = guide.meta
    assert (meta.authors, meta.year, meta.year_text) == (("صادق هدایت",), 1937, "۱۹۳۷")


LOOSE_HEBREW = """מיכאל שלי
מיכאל שלי מאת עמוס עוז
חנה גונן מספרת על נישואיה למיכאל, גאולוג צעיר, בירושלים של שנות החמישים.

פרטי הספר
- מחבר: עמוס עוז
- שנת פרסום: 1968 · ז׳אנר: רומן, רומן פסיכולוגי · מספר עמודים: 290
- זמן קריאה: 6 שעות
- שפה: עברית

תקציר
חנה פוגשת את מיכאל גונן במדרגות בניין טרה סנטה, נישאת לו ושוקעת לאט בעולם של חלומות.

דמויות
- חנה גונן: המספרת
- מיכאל גונן: בעלה, גאולוג
"""

LOOSE_PERSIAN = """بوف کور
نوشتهٔ صادق هدایت
نقاشی تنها روی قلمدان نقش می‌کشد و از زنی اثیری می‌گوید که یک بار دید و از دست داد.

مشخصات کتاب
- سال انتشار: ۱۹۳۷ | ژانر: رمان، ادبیات داستانی مدرن | ۱۸۰ صفحه
- زمان مطالعه: ۴ ساعت
- زبان: فارسی

خلاصهٔ داستان
راوی، نقاش قلمدان، زنی اثیری را در قاب پستو می‌بیند و در پی او به کابوسی فرو می‌رود.

شخصیت‌ها
- راوی: نقاش قلمدان
- لکاته: همسر راوی
"""

LOOSE_URDU = """امراؤ جان ادا
امراؤ جان ادا از مرزا ہادی رسوا
یہ ناول لکھنؤ کی ایک طوائف اور شاعرہ کی زندگی کی کہانی ہے۔

کتاب کی تفصیلات
- سالِ اشاعت: ۱۸۹۹ • صنف: ناول، معاشرتی ناول • صفحات: ٣٢٠
- مطالعے کا وقت: ۸ گھنٹے
- زبان: اردو

خلاصہ
امیرن کو بچپن میں فیض آباد سے اغوا کر کے لکھنؤ میں خانم جان کے کوٹھے پر بیچ دیا جاتا ہے۔

کردار
- امراؤ جان: طوائف اور شاعرہ
- خانم جان: کوٹھے کی مالکہ
"""


@pytest.mark.parametrize(
    ("text", "expected", "blurb"),
    [
        pytest.param(
            LOOSE_HEBREW,
            ("מיכאל שלי", ("עמוס עוז",), 1968, 290, ("רומן", "רומן פסיכולוגי"), "6 שעות", "he"),
            "חנה גונן מספרת",
            id="he",
        ),
        pytest.param(
            LOOSE_PERSIAN,
            ("بوف کور", ("صادق هدایت",), 1937, 180, ("رمان", "ادبیات داستانی مدرن"), "۴ ساعت", "fa"),
            "نقاشی تنها",
            id="fa",
        ),
        pytest.param(
            LOOSE_URDU,
            ("امراؤ جان ادا", ("مرزا ہادی رسوا",), 1899, 320, ("ناول", "معاشرتی ناول"), "۸ گھنٹے", "ur"),
            "یہ ناول لکھنؤ",
            id="ur",
        ),
    ],
)
def test_a_loose_right_to_left_manuscript_yields_its_book_facts(load, text, expected, blurb):
    guide, report = load("book.txt", text)
    meta = guide.meta
    assert (
        meta.title,
        meta.authors,
        meta.year,
        meta.pages,
        meta.genres,
        meta.reading_time,
        meta.language,
    ) == expected
    assert meta.extra == ()  # every field was read as the fact it names
    assert [s.kind for s in guide.sections] == ["info", "summary", "characters"]
    # The byline line became the author, not a heading or a paragraph; the blurb under it stays.
    info_text = " ".join(plain_text(b.inlines) for b in guide.sections[0].blocks if hasattr(b, "inlines"))
    assert blurb in info_text and meta.authors[0] not in info_text
    codes = {d.code for d in report.items}
    assert not codes & {"W-UNKNOWN-SECTION", "W-NO-AUTHOR", "W-LANGUAGE", "W-NO-SUMMARY"}, codes


@pytest.mark.parametrize(
    ("text", "wide"),
    [
        ("", False),
        ("“Kathy” — Hailsham’s guardians… ½ «quoi» Ærø ß İstanbul שלום مرحبا हिन्दी", False),
        ("Kathy 红楼梦", True),
        ("かな", True),
        ("한국어", True),
        ("emoji 📚", True),  # past the CJK blocks: the patterns run, and find nothing
    ],
)
def test_text_without_cjk_characters_skips_the_cjk_patterns_and_counts_the_same(text, wide):
    import re

    from pipeline.model import excerpt
    from pipeline.model import guide as m
    from pipeline.model.location import SourceLocation
    from pipeline.model.wide_text import may_hold_wide

    assert may_hold_wide(text) is wide
    where = SourceLocation("x.md", 1)
    summary = m.Section("summary", "Summary", (m.Paragraph((m.Text(text),), where),), where)
    guide = m.Guide("x.md", "markdown", m.Metadata(title="T"), (summary,))
    words, _ = excerpt.guide_length(guide)
    whole = text + " "  # guide_length joins the pieces of text, then appends the entries' terms
    ideographs = len(re.findall(excerpt._CJK_CHAR, whole))
    assert words == len(re.sub(excerpt._CJK_CHAR, " ", whole).split()) + ideographs


@pytest.mark.parametrize("seed", range(12))
def test_the_description_reads_only_the_opening_and_says_what_the_whole_summary_would(seed):
    import random

    from pipeline.model import excerpt
    from pipeline.model import guide as m
    from pipeline.model.location import SourceLocation

    rng = random.Random(seed)
    words = ["Mr.", "Darcy", "St.", "Kathy", "said", "no.", "Why?", "M.", "the", "end.", "Yes!", "a" * 90]
    paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 60))) for _ in range(12)]
    where = SourceLocation("x.md", 1)
    blocks = tuple(m.Paragraph((m.Text(text),), where) for text in paragraphs)
    summary = m.Section("summary", "Summary", blocks, where)
    guide = m.Guide("x.md", "markdown", m.Metadata(title="T"), (summary,))
    whole = " ".join(paragraphs).strip()
    expected = ""
    for sentence in excerpt.sentences(whole):  # the rule, applied to the whole summary
        if expected and len(expected) + len(sentence) > 320:
            break
        expected = f"{expected} {sentence}".strip()
    assert excerpt.description(guide) == (expected[:640] or "T")


GERMAN_LOOSE = """Der Process
Der Process von Franz Kafka

Buchinfo
- Titel: Der Process
- Autor: Franz Kafka · Erschienen: 1925 · Genre: Roman

Zusammenfassung
Josef K. wird am Morgen seines dreißigsten Geburtstags verhaftet, ohne dass man ihm sagt, warum.

Figuren
- Josef K.: Prokurist, der Angeklagte
- Titorelli: Gerichtsmaler

Themen
- Schuld ohne Anklage
"""

PORTUGUESE_MD = """# Dom Casmurro

- Autor: Machado de Assis

## Resumo

Bento Santiago conta a história de seu amor por Capitu.

## Personagens

- Capitu: a esposa
- Escobar: o amigo

## Temas

- Ciúme e memória
"""


@pytest.mark.parametrize(
    ("name", "text", "language", "examples"),
    [
        ("der-process.txt", GERMAN_LOOSE, "de", "Zusammenfassung"),
        ("dom-casmurro.md", PORTUGUESE_MD, "pt", "Resumo"),
    ],
)
def test_section_names_give_the_language_when_nothing_else_does(load, name, text, language, examples):
    """A German guide read as English is hyphenated, quoted, labelled and spoken as English."""
    guide, report = load(name, text)
    assert guide.meta.language == language
    [warning] = [d for d in report.items if d.code == "W-LANGUAGE"]
    assert repr(language) in warning.message and examples in warning.message
    html = book_html(guide)
    assert f'<html lang="{language}"' in html
    assert labels_for(language)["contents"] in html and "A Study Guide" not in html


def test_english_section_names_or_too_few_leave_the_default(load):
    english, report = load(
        "english.md", "# Emma\n\n## Summary\n\nText.\n\n## Characters\n\n- Emma: heroine\n"
    )
    assert english.meta.language == "en" and not [d for d in report.items if d.code == "W-LANGUAGE"]
    # One name alone decides nothing, nor do names two languages share ("Temas": es and pt), but
    # the guide says its names are not English ones.
    for one in ("## Resumen\n\nTexto.\n", "## Temas\n\n- Amor\n\n## Temas\n\n- Odio\n"):
        guide, report = load("short.md", f"# Emma\n\n{one}")
        assert guide.meta.language == "en"
        [warning] = [d for d in report.items if d.code == "W-LANGUAGE"]
        assert "not 'en' ones" in warning.message and "add a language line" in warning.message
    # A shared name counts for each language: "Resumen" and "Temas" are Spanish, "Resumo" and
    # "Temas" Portuguese.
    for name, language in (("Resumen", "es"), ("Resumo", "pt")):
        guide, _ = load("pair.md", f"# Pedro\n\n## {name}\n\nTexto.\n\n## Temas\n\n- La muerte\n")
        assert guide.meta.language == language
    # English names outvote a single foreign one.
    guide, _ = load(
        "mixed.md", "# Emma\n\n## Summary\n\nText.\n\n## Personagens\n\n- A\n\n## Themes\n\n- B\n"
    )
    assert guide.meta.language == "en"


def test_a_language_field_outranks_the_section_names(load):
    guide, report = load("declared.txt", GERMAN_LOOSE.replace("- Titel:", "- Sprache: English\n- Titel:"))
    assert guide.meta.language == "en" and not [d for d in report.items if d.code == "W-LANGUAGE"]


def test_a_title_line_with_the_named_author_loses_the_byline(load):
    guide, _ = load("der-process.md", GERMAN_LOOSE.split("\n", 1)[1])  # only "Der Process von Franz Kafka"
    assert guide.meta.title == "Der Process" and guide.meta.authors == ("Franz Kafka",)
    # Another author than the one named: the line is the title, whole.
    other = GERMAN_LOOSE.split("\n", 1)[1].replace("Autor: Franz Kafka", "Autor: Max Brod")
    guide, _ = load("edited.md", other)
    assert guide.meta.title == "Der Process von Franz Kafka"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("# Ο Καπετάν Μιχάλης\n\n## Περίληψη\n\nΗ Κρήτη επαναστατεί ενάντια στους Τούρκους.\n", "el"),
        ("# गोदान\n\n## सारांश\n\nहोरी एक गरीब किसान है जो एक गाय का सपना देखता है।\n", "hi"),
        ("# สี่แผ่นดิน\n\n## เรื่องย่อ\n\nแม่พลอยเติบโตในวังในสมัยรัชกาลที่ห้า\n", "th"),
    ],
)
def test_a_script_only_one_language_writes_gives_the_language(load, text, language):
    """A Hindi guide tagged English is read by screen readers in an English voice."""
    guide, report = load("guide.md", text)
    assert guide.meta.language == language
    assert any(d.code == "W-LANGUAGE" and repr(language) in d.message for d in report.items)
    assert f'lang="{language}"' in book_html(guide)
