"""Manuscripts beyond English read into the standard sections with their own labels (Hebrew, Persian,
Urdu, Arabic, Japanese); Hebrew, Persian and Urdu bylines, title fields and book facts in loose
manuscripts. Their section names and labels alone: i18n/test_languages.py; their print:
writers/pdf/test_right_to_left.py."""

from __future__ import annotations

from typing import get_args

import pytest

from pipeline.i18n.labels import labels_for
from pipeline.model.guide import SectionKind
from pipeline.model.text import plain_text
from pipeline.readers.dialects import is_bare_heading
from pipeline.writers.pdf.book import book_html
from tests.helpers import CORPUS

ARABIC = CORPUS / "kalila-wa-dimna.md"
JAPANESE = CORPUS / "botchan.md"
# Every kind a heading can name (info is the facts block; "other" is what no alias names).
STANDARD_KINDS = [kind for kind in get_args(SectionKind) if kind not in ("info", "other")]


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


# ---------------------------------------------------------------- Hebrew, Persian and Urdu bylines and facts


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
