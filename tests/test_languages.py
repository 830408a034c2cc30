"""Section names and built-in labels beyond English: Japanese, Arabic, Italian, Portuguese, Russian,
Hebrew, Persian, Urdu; right-to-left print (PDF, index, handout) for Arabic and Hebrew."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import get_args

import pytest

from pipeline.diagnostics import Report
from pipeline.dialects import is_bare_heading
from pipeline.handout import build_handout, handout_html
from pipeline.labels import _LABELS, labels_for
from pipeline.model import SectionKind
from pipeline.pdf import PrintOptions, _index_page_css, book_html, build_pdf, render_index
from pipeline.sections import section_kind
from pipeline.theme import load_theme

CORPUS = Path(__file__).resolve().parent / "corpus"
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


POPPLER_MISSING = "poppler-utils (pdftotext) is not installed"
# Other Arabic faces (DejaVu Sans, Noto Sans Arabic) extract lam-alef reversed from WeasyPrint's PDF.
NASKH_MISSING = "Noto Naskh Arabic (Debian's fonts-noto-core) is not installed; .ci/run installs it"


def _has_naskh() -> bool:
    if not shutil.which("fc-list"):
        return False
    found = subprocess.run(["fc-list", "Noto Naskh Arabic", "family"], capture_output=True, text=True)
    return bool(found.stdout.strip())


@pytest.mark.skipif(not shutil.which("pdftotext"), reason=POPPLER_MISSING)
@pytest.mark.skipif(not _has_naskh(), reason=NASKH_MISSING)
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
    first = _index_page_css(first_page, "Book", "Index", direction).split(" @page ")[0]
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
