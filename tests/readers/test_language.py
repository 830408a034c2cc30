"""The guide's language, when no field names it: from its section names or from a script only one
language writes, with a W-LANGUAGE warning that says so; a language field outranks both."""

from __future__ import annotations

import pytest

from pipeline.i18n.labels import labels_for
from pipeline.writers.pdf.book import book_html

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
    ("name", "text", "language"),
    [("der-process.txt", GERMAN_LOOSE, "de"), ("dom-casmurro.md", PORTUGUESE_MD, "pt")],
)
def test_the_prose_gives_the_language_when_nothing_declares_it(load, name, text, language):
    """A German guide read as English is hyphenated, quoted, labelled and spoken as English."""
    guide, report = load(name, text)
    assert guide.meta.language == language
    [warning] = [d for d in report.items if d.code == "W-LANGUAGE"]
    assert f"reads as {language!r} (" in warning.message and ", probability " in warning.message
    assert f"Language: {language}" in warning.message  # how to declare it
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
        # Languages with no data file: read by the identifier, Amharic came out Latin and Khmer English.
        ("# ፍቅር እስከ መቃብር\n\n## ማጠቃለያ\n\nበዛብህ ድሀ ቤተሰብ የተወለደ፣ ብልህና ደግ ወጣት ነው። ሰብለ ወንጌልን ያስተምራል።\n", "am"),
        ("# ទុំទាវ\n\n## សេចក្តីសង្ខេប\n\nទុំ ជាសាមណេរវ័យក្មេងម្នាក់ ដែលមានសំឡេងពីរោះណាស់។ លោកបានជួបនាងទាវ។\n", "km"),
    ],
)
def test_a_script_only_one_language_writes_gives_the_language(load, text, language):
    """A Hindi guide tagged English is read by screen readers in an English voice."""
    guide, report = load("guide.md", text)
    assert guide.meta.language == language
    assert any(d.code == "W-LANGUAGE" and repr(language) in d.message for d in report.items)
    assert f'lang="{language}"' in book_html(guide)


# ---------------------------------------------------------------- choose_language itself


def choose(front_matter: dict, text: str, adapted: str | None = None) -> tuple[str, list[str]]:
    from pipeline.model.diagnostics import Report
    from pipeline.readers.language import choose_language

    report = Report("t.md")
    language = choose_language(front_matter, text, text if adapted is None else adapted, report)
    return language, [d.message for d in report.items if d.code == "W-LANGUAGE"]


def test_a_declared_language_is_taken_by_name_or_tag_and_a_bad_one_warns():
    assert choose({"language": "French"}, "Text.") == ("fr", [])
    assert choose({"langue": "pt-br"}, "Text.") == ("pt-BR", [])
    assert choose({}, "Title\n\n- **Language:** Deutsch\n") == ("de", [])
    language, [warning] = choose({"lang": "Klingon!"}, "Text.")
    assert language == "en" and "'Klingon!' is not a BCP 47 tag" in warning


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("红楼梦是中国古典小说的巅峰之作，讲述贾宝玉与林黛玉的爱情故事。", "zh-Hans"),
        ("坊っちゃんは東京の学校を出て四国の中学校に数学の教師として赴任する。", "ja"),
        # Everyday Japanese prose is mostly kana: a third of it or less is kanji.
        (
            "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした"
            "所でニャーニャー泣いていた事だけは記憶している。",
            "ja",
        ),
        ("홍길동전은 조선 시대의 소설이다. 홍길동은 서자로 태어났다.", "ko"),
    ],
    ids=["chinese", "japanese-kanji", "japanese-kana", "korean"],
)
def test_cjk_and_hangul_text_gives_its_language_with_a_warning(text, language):
    found, [warning] = choose({}, text)
    assert found == language and f"looks like {language!r}" in warning


def test_plain_english_text_is_the_default_without_a_word():
    assert choose({}, "Emma Woodhouse, handsome, clever, and rich.", "## Summary\n\nText.\n") == ("en", [])


def test_a_script_needs_enough_of_its_letters_and_a_share_of_all_of_them():
    """A quotation in Greek inside English prose leaves the guide English; the same quotation as
    most of the text makes it Greek. (The letters are only counted once a script has enough.)"""
    greek = "Ἄνδρα μοι ἔννεπε, Μοῦσα, πολύτροπον, ὃς μάλα πολλὰ πλάγχθη "  # 47 letters
    english = "The opening line asks the Muse to sing of the man of many ways. " * 12
    assert choose({}, f"{english}\n\n{greek}\n\n{english}")[0] == "en"
    language, messages = choose({}, f"{greek}\n\nThe Odyssey, opening line.")
    assert language == "el" and "letters are in its script" in messages[0]
    assert choose({}, "Ἄνδρα μοι ἔννεπε, Μοῦσα")[0] == "en"  # too few to say


@pytest.mark.parametrize(
    ("text", "language", "other"),
    [
        # Serbian Cyrillic read as Russian (probability 1.00) by an identifier that knows no Serbian.
        (
            "Роман прати живот вишеградског моста на Дрини. Ћуприја је средиште касабе; "
            "ту се људи сусрећу. Мехмед-паша осећа „црни рез“ и наређује да се мост подигне. "
            "Лотика држи хотел, а Алихоџа гледа како ћуприја пада.",
            "sr",
            "ru",
        ),
        # Yiddish, written in Hebrew script, tagged Hebrew by its script.
        (
            "טבֿיה דער מילכיקער איז אַ ציקל פֿון דערציילונגען. טבֿיה האָט זיבן טעכטער, און "
            "צײַטל וויל חתונה האָבן מיט מאָטל. ער פֿאַרלירט נישט זײַן הומאָר.",
            "yi",
            "he",
        ),
    ],
    ids=["serbian-cyrillic", "yiddish"],
)
def test_letters_only_one_language_of_a_shared_script_writes_give_that_language(text, language, other):
    found, [warning] = choose({}, text)
    assert found == language, (found, other)
    assert f"looks like {language!r}" in warning and "no other language of its script" in warning
    assert "writes \u05bf" not in warning  # a combining mark is shown on its letter (פֿ)


def test_a_few_such_letters_in_another_language_change_nothing():
    """One Serbian name quoted in Russian prose leaves it Russian (or whatever the prose is)."""
    russian = "Роман рассказывает о жизни маленького города и его жителей. " * 8
    assert choose({}, f"{russian} Новак Ђоковић.")[0] != "sr"


@pytest.mark.parametrize(
    "text",
    [
        "# На Дрини ћуприја\n\n**Аутор:** Иво Андрић\n**Година издања:** 1945\n\n"
        "## Садржај\n\nМост на Дрини.\n\n## Ликови\n\n- **Лотика**: власница хотела\n\n"
        "## Теме\n\n- Пролазност\n",
        "# Na Drini ćuprija\n\n**Autor:** Ivo Andrić\n**Godina izdanja:** 1945\nJezik: srpski\n\n"
        "## Sadržaj\n\nMost na Drini.\n\n## Likovi\n\n- **Lotika**: vlasnica hotela\n\n"
        "## Teme\n\n- Prolaznost\n",
    ],
    ids=["cyrillic", "latin"],
)
def test_serbian_in_either_alphabet_gives_its_sections_fields_and_labels(load, text):
    """Serbian had no data file: its sections were unknown, its fields extra facts, its labels English."""
    guide, _ = load("na-drini.md", text)
    assert guide.meta.language == "sr" and guide.meta.year == 1945
    assert [s.kind for s in guide.sections] == ["info", "summary", "characters", "themes"]
    assert labels_for("sr")["contents"] == "Садржај"


def test_yiddish_gives_its_sections_and_fields_with_points_or_without(load):
    """Yiddish had no data file: its sections were unknown and its labels English."""
    text = (
        "# טבֿיה דער מילכיקער\n\n**מחבר:** שלום־עליכם\n**יאָר:** 1894\n\n## אינהאַלט\n\n"
        "טבֿיה איז אַ מילכיקער מיט זיבן טעכטער, און ער דערציילט זײַנע מעשׂיות.\n\n"
        "## פערסאנאזשן\n\n- **גאָלדע**: טבֿיהס ווײַב\n\n## טעמעס\n\n- טראַדיציע\n"
    )
    guide, _ = load("tevye.md", text)
    assert guide.meta.language == "yi" and guide.meta.year == 1894
    assert [s.kind for s in guide.sections] == ["info", "summary", "characters", "themes"]
    assert labels_for("yi")["contents"] == "אינהאַלט"


def test_amharic_gives_its_sections_and_fields_and_keeps_an_ethiopian_year_as_written(load):
    """Amharic had no data file: its sections were unknown, and "1958 ዓ.ም." is no Gregorian year."""
    text = (
        "# ፍቅር እስከ መቃብር\n\n**ደራሲ:** ሐዲስ ዓለማየሁ\n**ዓመት:** 1958 ዓ.ም.\n**ገፆች:** 420\n\n## ማጠቃለያ\n\n"
        "በዛብህ ድሀ ቤተሰብ የተወለደ፣ በቤተ ክርስቲያን ትምህርት ቤት የተማረ፣ ብልህና ደግ ወጣት ነው።\n\n"
        "## ገፀ ባህሪያት\n\n- **በዛብህ**: ወጣት\n\n## ጭብጦች\n\n- ፍቅር\n"
    )
    guide, _ = load("fikir.md", text)
    assert guide.meta.language == "am" and guide.meta.authors == ("ሐዲስ ዓለማየሁ",)
    assert guide.meta.year is None and guide.meta.year_text == "1958 ዓ.ም." and guide.meta.pages == 420
    assert [s.kind for s in guide.sections] == ["info", "summary", "characters", "themes"]
    assert labels_for("am")["contents"] == "ማውጫ"


def test_khmer_gives_its_sections_with_either_subscript_ta_or_da(load):
    """Khmer had no data file; "សេចក្តី" and "សេចក្ដី" are the same word typed two ways."""
    for subscript in ("\u17d2\u178f", "\u17d2\u178a"):
        text = (
            f"# ទុំទាវ\n\nអ្នកនិពន្ធ: សន្ធរម៉ុក\nឆ្នាំ: 1915\n\n## សេចក{subscript}ីសង្ខេប\n\n"
            "ទុំ ជាសាមណេរវ័យក្មេងម្នាក់ ដែលមានសំឡេងពីរោះណាស់។ ថ្ងៃមួយ លោកបានជួបនាងទាវ។\n\n"
            "## តួអង្គ\n\n- **ទុំ**: សាមណេរ\n\n## ប្រធានបទ\n\n- វាសនា\n"
        )
        guide, _ = load("tum-teav.md", text)
        assert guide.meta.language == "km" and guide.meta.year == 1915
        assert [s.kind for s in guide.sections] == ["info", "summary", "characters", "themes"]


def test_yoruba_is_not_read_as_vietnamese_and_its_headings_match_with_or_without_marks(load):
    """Yoruba's dots below and tone marks (typed combining here) made the identifier say Vietnamese."""
    import unicodedata

    text = unicodedata.normalize(
        "NFD",
        "Ògbójú Ọdẹ\n\nÌwífún nípa Ìwé\n- Òǹkọ̀wé: D. O. Fágúnwà\n- Ọdún: 1938\n\nAkopo Itan\n"
        "Ìwé náà sọ ìtàn Àkàrà-ògùn, ọdẹ akíkanjú kan, tí ó sọ ìtàn ayé rẹ̀ fún òǹkọ̀wé náà ní ọjọ́ "
        "méje. Bàbá Àkàrà-ògùn jẹ́ ọdẹ ńlá, ìyá rẹ̀ sì jẹ́ àjẹ́, ó sì máa ń lọ sí Igbó Irúnmọlẹ̀.\n\n"
        "Àwọn Ẹ̀dá Ìtàn\n- Àgbákò: ẹ̀dá abàmì\n",
    )
    guide, _ = load("ogboju.txt", text)
    assert guide.meta.language == "yo" and guide.meta.year == 1938
    assert [s.kind for s in guide.sections] == ["info", "summary", "characters"]
    assert labels_for("yo")["contents"] == "Àkóónú"


def test_yoruba_is_told_from_vietnamese_by_the_tone_marks_on_its_dotted_vowels(load):
    """ẹ́ ẹ̀ ọ́ ọ̀: Vietnamese writes ẹ and ọ, but a dot below is its tone there, and a vowel takes
    one; typed as combining marks (NFD) or precomposed, they decide before the identifier."""
    import unicodedata

    yoruba = "Ọdẹ náà sọ ìtàn ayé rẹ̀ fún wa. Ó fi ìgboyà àti ọgbọ́n ṣẹ́gun, ó sì padà sí ìlú pẹ̀lú ògo."
    guide, report = load(
        "ode.md", "# Ògbójú Ọdẹ\n\n## Àkópọ̀\n\n" + unicodedata.normalize("NFD", yoruba) + "\n"
    )
    assert guide.meta.language == "yo"
    assert any("it writes" in d.message and "ọ́" in d.message for d in report.items if d.code == "W-LANGUAGE")
    vietnamese = (
        "Truyện Kiều kể về cuộc đời của Thúy Kiều, một người con gái tài sắc. Nàng bán mình chuộc cha, "
        "chịu nhiều đau khổ, lưu lạc mười lăm năm rồi mới được đoàn tụ với gia đình và người yêu cũ. "
        "Tác phẩm được coi là kiệt tác của văn học Việt Nam, với ngôn ngữ tinh tế và cảm động."
    )
    guide, _ = load(
        "kieu.md", "# Truyện Kiều\n\n## Tóm tắt\n\n" + unicodedata.normalize("NFD", vietnamese) + "\n"
    )
    assert guide.meta.language == "vi"


def test_an_english_guide_quoting_a_yoruba_title_stays_english(load):
    """The title's dotted, tone-marked vowels, however often it is named, are one word's: not Yoruba."""
    title = "Ògbójú Ọdẹ nínú Igbó Irúnmọlẹ̀"
    text = (
        f"# {title}\n\n## Summary\n\n{title} is the first novel that was written in Yoruba. In {title} "
        "a hunter tells the author the story of his life over seven days, and of the journey that he "
        "and the other hunters of the town made to the mountain at the request of the king. "
        f"Critics call {title} a classic of the forest tale, and it is read in schools to this day. "
        "It was translated into English by Wole Soyinka as The Forest of a Thousand Daemons, and the "
        "translation is the one that most readers of this guide will have in their hands.\n"
    )
    guide, _ = load("ogboju-en.md", text)
    assert guide.meta.language == "en"
