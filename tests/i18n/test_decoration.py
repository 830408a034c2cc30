"""Decoration around headings and field names: pictographs found by Unicode property, numbering,
emphasis markers, colons and qualifiers go; the words and the letters scripts need stay."""

from __future__ import annotations

import pytest

from pipeline.i18n.decoration import label_text, strip_numbering, strip_pictographs
from pipeline.i18n.fields import canonical_key
from pipeline.i18n.section_names import normalise_heading, section_kind


@pytest.mark.parametrize(
    ("decorated", "words"),
    [
        ("🧠 Main Themes", "Main Themes"),  # a plain emoji (So)
        ("📖 Summary ✨", "Summary"),  # at either end
        ("❤️ Love", "Love"),  # with the emoji variation selector
        ("👩‍👩‍👧 Family", "Family"),  # a ZWJ sequence
        ("👍🏽 Takeaways", "Takeaways"),  # a skin-tone modifier (Sk)
        ("🇬🇧 Language", "Language"),  # a flag: two regional indicators
        ("🏴󠁧󠁢󠁳󠁣󠁴󠁿 Setting", "Setting"),  # a tag sequence (Cf tags)
        ("2️⃣ Characters", "Characters"),  # a keycap is numbering, not a digit of the name
        ("★ Quotes ★", "Quotes"),
        ("ℹ️ Informations sur le livre", "Informations sur le livre"),  # a letter (Ll) shown as emoji
    ],
)
def test_pictographs_of_every_kind_are_left_out(decorated: str, words: str):
    assert strip_pictographs(decorated) == words


@pytest.mark.parametrize(
    "text",
    [
        "شخصیت‌ها",  # the zero-width non-joiner of a Persian word is kept
        "あらすじ",
        "Résumé",
        "Plain ASCII: untouched *",
        "\u200fמאת",  # a right-to-left mark the folding handles itself
    ],
)
def test_letters_and_marks_that_scripts_need_are_kept(text: str):
    assert strip_pictographs(text) == text


@pytest.mark.parametrize(
    ("numbered", "words"),
    [
        ("2. Themes", "Themes"),
        ("2) Themes", "Themes"),
        ("(2) Themes", "Themes"),
        ("II. Themes", "Themes"),
        ("iv) Themes", "Themes"),
        ("2.1 Themes", "Themes"),
        ("Part 2: Themes", "Themes"),
        ("Part II – Themes", "Themes"),
        ("Partie 3 : Thèmes", "Thèmes"),
        ("Teil 2: Themen", "Themen"),
        ("Bölüm 2: Temalar", "Temalar"),
        ("Частина 3. Персонажі", "Персонажі"),
        ("Osa 2: Teemat", "Teemat"),
        ("파트 2: 주제", "주제"),
        ("ส่วนที่ 2: ตัวละคร", "ตัวละคร"),
        ("भाग २: पात्र", "पात्र"),
        ("Phần 1 – Tóm tắt", "Tóm tắt"),
        ("2 - Themes", "Themes"),
    ],
)
def test_numbering_is_left_out(numbered: str, words: str):
    assert strip_numbering(numbered) == words


@pytest.mark.parametrize("text", ["1984", "Mix of Themes", "Particles", "2", "Part 2"])
def test_what_is_not_numbering_stays(text: str):
    assert strip_numbering(text) == text


def test_label_text_takes_every_decoration_off_at_once():
    assert label_text("📖 2. **Book Info**:") == "Book Info"
    assert label_text("__Author(s)__") == "Author"
    assert label_text("Pages (approx.)") == "Pages"
    assert label_text("【テーマ】") == "【テーマ】"  # brackets that are the whole name stay


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("## 🧠 Main Themes", "themes"),
        ("### 2. **Characters**", "characters"),
        ("## 📖 Summary:", "summary"),
        ("**Book Info**", "info"),
        ("Part 3: Discussion Questions", "questions"),
        ("2️⃣ Key Takeaways", "takeaways"),
        ("👥 Personnages", "characters"),
        ("🎭 III. Thèmes principaux", "themes"),
        ("۲. مضامین", "themes"),
    ],
)
def test_decorated_headings_name_their_section(heading: str, kind: str):
    assert section_kind(heading.lstrip("# ")) == kind


def test_a_heading_of_only_emoji_names_nothing():
    assert normalise_heading("📚✨") == ""
    assert section_kind("📚✨") is None


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("Title", "title"),
        ("Book Title", "title"),
        ("Author(s)", "authors"),
        ("Written by", "authors"),
        ("Year Published", "year"),
        ("Publication year", "year"),
        ("Publication Date", "year"),
        ("First published", "year"),
        ("Published", "year"),
        ("📅 Year Published", "year"),
        ("Estimated Reading Time", "reading_time"),
        ("Reading time", "reading_time"),
        ("Time to read", "reading_time"),
        ("⏱️ **Estimated Reading Time**", "reading_time"),
        ("Length", "pages"),
        ("Number of Pages", "pages"),
        ("Page count", "pages"),
        ("Genre(s)", "genres"),
        ("Category", "genres"),
        ("Date de parution", "year"),
        ("Temps de lecture estimé", "reading_time"),
        ("Erstveröffentlichung", "year"),
        ("Geschätzte Lesezeit", "reading_time"),
        ("Número de páginas", "pages"),
        ("Yayımlanma yılı", "year"),  # the languages added from CLDR's list, in free wording too
        ("Tahmini okuma süresi", "reading_time"),
        ("출간일", "year"),
        ("예상 읽기 시간", "reading_time"),
        ("Рік публікації", "year"),
        ("Năm phát hành", "year"),
        ("Počet stránek", "pages"),
        ("Napsal", "authors"),
        ("ปีที่พิมพ์ครั้งแรก", "year"),
        ("Anslået læsetid", "reading_time"),
        ("Data publicării", "year"),
        ("Ditulis oleh", "authors"),
        ("Data de publicació", "year"),
        ("Megjelenés ideje", "year"),
        ("Arvioitu lukuaika", "reading_time"),
        ("Publicatiedatum", "year"),  # and the older languages that had only the basic names
        ("Дата публикации", "year"),
        ("Szacowany czas czytania", "reading_time"),
        ("出版日", "year"),
        ("预计阅读时间", "reading_time"),
        ("تاريخ النشر", "year"),
        ("Ημερομηνία έκδοσης", "year"),
    ],
)
def test_field_names_in_free_wording_give_their_field(name: str, field: str):
    assert canonical_key(name) == field


@pytest.mark.parametrize("name", ["Setting", "Narrated by", "Translated by", "Publisher", "Time period"])
def test_other_labels_are_no_field(name: str):
    assert canonical_key(name) is None
