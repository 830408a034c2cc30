"""Metadata from fields, packed bullets and front matter: pure functions, tested directly."""

from __future__ import annotations

import re

import pytest

from pipeline.readers.metadata import (
    MetadataDraft,
    absorb_field,
    build_metadata,
    parse_int,
    parse_year,
    split_field,
    stable_identifier,
)

PACKED = "Genre: Science Fiction / Literary Fiction | 288 Pages | Reading Time: 4-5 hours"


def metadata_from(lines: list[str], title: str = "Never Let Me Go", language: str = "en"):
    draft = MetadataDraft()
    for line in lines:
        pair = split_field(line)
        assert pair is not None, line
        absorb_field(draft, *pair)
    return build_metadata(draft, title, language)


def test_packed_bullet_unpacks_genres_pages_and_reading_time():
    meta = metadata_from([PACKED])
    assert meta.genres == ("Science Fiction", "Literary Fiction")
    assert meta.pages == 288
    assert meta.reading_time == "4-5 hours"
    assert meta.extra == ()  # nothing left over as an unknown field


def test_seed_book_info_fields():
    meta = metadata_from(
        ["Title: Never Let Me Go", "Author: Kazuo Ishiguro", "Year: 2005", PACKED],
    )
    assert meta.title == "Never Let Me Go"
    assert meta.authors == ("Kazuo Ishiguro",)
    assert (meta.year, meta.year_text) == (2005, "2005")
    assert meta.identifier.startswith("urn:uuid:")


@pytest.mark.parametrize(
    ("line", "genres", "pages", "reading"),
    [
        ("Genre: Romance, Social Satire | 432 pages", ("Romance", "Social Satire"), 432, None),
        ("Genre: Epic | 1,276 Pages | 35-40 hours", ("Epic",), 1276, "35-40 hours"),
        ("Genres: A; B | Reading time: 2 hours", ("A", "B"), None, "2 hours"),
    ],
)
def test_packed_variants(line, genres, pages, reading):
    meta = metadata_from([line])
    assert meta.genres == genres
    assert meta.pages == pages
    assert meta.reading_time == reading


def test_fields_packed_with_middle_dots_unpack():
    meta = metadata_from(["Published: 1847 · Genre: Gothic romance, Bildungsroman · Length: 532 pages"])
    assert (meta.year, meta.genres, meta.pages) == (1847, ("Gothic romance", "Bildungsroman"), 532)
    # A dot between two genres is not a packed field (nothing after it says "Key:"): two genres.
    assert metadata_from(["Genre: Horror · Gothic"]).genres == ("Horror", "Gothic")


@pytest.mark.parametrize(
    ("lines", "year", "genres", "pages", "reading"),
    [
        (
            ["Año: 1605", "Género: Novela | 1200 páginas | Tiempo de lectura: 40 horas"],
            1605,
            ("Novela",),
            1200,
            "40 horas",
        ),
        (
            ["Anno: 1827", "Genere: Romanzo storico | 720 pagine | 20 ore"],
            1827,
            ("Romanzo storico",),
            720,
            "20 ore",
        ),
        (["Год: 1869", "Жанр: Роман | 1300 страниц"], 1869, ("Роман",), 1300, None),
        (["出版年: 1906", "ジャンル: 小説 | 200 ページ | 読了時間: 4時間"], 1906, ("小説",), 200, "4時間"),
        (["سنة النشر: 1947", "النوع: رواية | 300 صفحة"], 1947, ("رواية",), 300, None),
    ],
)
def test_fields_in_other_languages(lines, year, genres, pages, reading):
    meta = metadata_from(lines)
    assert (meta.year, meta.genres, meta.pages, meta.reading_time) == (year, genres, pages, reading)


def test_unknown_field_is_kept_as_extra_and_first_value_wins():
    draft = MetadataDraft()
    assert absorb_field(draft, "Setting", "Hailsham, England") is False
    assert absorb_field(draft, "Author", "First Author") is True
    absorb_field(draft, "Author", "Second Author")
    meta = build_metadata(draft, "T", "en")
    assert meta.authors == ("First Author",)
    assert dict(meta.extra) == {"Setting": "Hailsham, England"}


def test_authors_split_on_and_and_ampersand():
    meta = metadata_from(["Authors: Terry Pratchett & Neil Gaiman"])
    assert meta.authors == ("Terry Pratchett", "Neil Gaiman")
    meta = metadata_from(["Author: Douglas Preston and Lincoln Child"])
    assert meta.authors == ("Douglas Preston", "Lincoln Child")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("c. 725 BCE", -725),
        ("725 BC", -725),
        ("1818", 1818),
        ("First published 1847", 1847),
        ("circa 8 B.C.", -8),
        ("-750", -750),  # a YAML year before the common era
        ("−750", -750),
        ("no year", None),
    ],
)
def test_parse_year(text, year):
    assert parse_year(text) == year


def test_bce_year_keeps_its_text():
    meta = metadata_from(["Year: c. 725 BCE"], title="The Odyssey")
    assert meta.year == -725
    assert meta.year_text == "c. 725 BCE"


@pytest.mark.parametrize(
    ("text", "number"), [("288", 288), ("1,276", 1276), ("about 300 pages", 300), ("none", None)]
)
def test_parse_int(text, number):
    assert parse_int(text) == number


def test_stable_identifier_is_stable_and_distinct():
    first = stable_identifier("Never Let Me Go", ("Kazuo Ishiguro",))
    assert first == stable_identifier("Never Let Me Go", ("Kazuo Ishiguro",))
    assert re.fullmatch(
        r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", first
    )
    assert first != stable_identifier("The Remains of the Day", ("Kazuo Ishiguro",))
    assert first != stable_identifier("Never Let Me Go", ("Someone Else",))


def test_two_guides_to_one_book_get_two_identifiers(tmp_path):
    from pipeline.build.batch import load_guide

    text = "---\ntitle: Hamlet\nauthor: William Shakespeare\n---\n\n## Summary\n\nA prince.\n"
    identifiers = set()
    for stem in ("hamlet-year-9", "hamlet-year-12"):
        (tmp_path / f"{stem}.md").write_text(text, encoding="utf-8")
        identifiers.add(load_guide(tmp_path / f"{stem}.md")[0].meta.identifier)
    assert len(identifiers) == 2
    again = load_guide(tmp_path / "hamlet-year-9.md")[0].meta.identifier
    assert again in identifiers  # and each stays the same across rebuilds


def test_explicit_identifier_wins_over_the_derived_one():
    meta = metadata_from(["ISBN: 978-1-4000-7877-6"])
    assert meta.identifier == "978-1-4000-7877-6"


# ---------------------------------------------------------------- Hebrew, Persian and Urdu fields


RTL_FIELDS = [
    pytest.param(
        [
            "מחבר: עמוס עוז",
            "שנת פרסום: 1968",
            "ז'אנר: רומן, רומן פסיכולוגי",
            "מספר עמודים: 290",
            "זמן קריאה: 6 שעות",
        ],
        (("עמוס עוז",), 1968, ("רומן", "רומן פסיכולוגי"), 290, "6 שעות"),
        id="he",
    ),
    pytest.param(
        [
            "نویسنده: صادق هدایت",
            "سال انتشار: 1937",
            "ژانر: رمان، داستان بلند",
            "تعداد صفحات: 180",
            "زمان مطالعه: 4 ساعت",
        ],
        (("صادق هدایت",), 1937, ("رمان", "داستان بلند"), 180, "4 ساعت"),
        id="fa",
    ),
    pytest.param(
        [
            "مصنف: مرزا ہادی رسوا",
            "سال اشاعت: 1899",
            "صنف: ناول، معاشرتی ناول",
            "صفحات: 320",
            "مطالعے کا وقت: 8 گھنٹے",
        ],
        (("مرزا ہادی رسوا",), 1899, ("ناول", "معاشرتی ناول"), 320, "8 گھنٹے"),
        id="ur",
    ),
]


@pytest.mark.parametrize(("lines", "expected"), RTL_FIELDS)
def test_fields_in_right_to_left_languages(lines, expected):
    meta = metadata_from(lines)
    assert (meta.authors, meta.year, meta.genres, meta.pages, meta.reading_time) == expected
    assert meta.extra == ()  # every field was known


@pytest.mark.parametrize(
    ("line", "year", "genres", "pages", "reading"),
    [
        # Middle dots, " | " and bullets between fields, in each language's own words
        ("שנת פרסום: 1968 · ז׳אנר: רומן · מספר עמודים: 290", 1968, ("רומן",), 290, None),
        ("ז'אנר: רומן | 290 עמודים | זמן קריאה: 6 שעות", None, ("רומן",), 290, "6 שעות"),
        ("ז'אנר: רומן | כ-290 עמודים | 6 שעות", None, ("רומן",), 290, "6 שעות"),
        ("سال انتشار: ۱۹۳۷ | ژانر: رمان | ۱۸۰ صفحه | زمان مطالعه: ۴ ساعت", 1937, ("رمان",), 180, "۴ ساعت"),
        ("ژانر: رمان | ۱۸۰ صفحه | ۴ ساعت", None, ("رمان",), 180, "۴ ساعت"),
        (
            "سالِ اشاعت: ۱۸۹۹ • صنف: ناول • صفحات: ٣٢٠ • مطالعے کا وقت: ۸ گھنٹے",
            1899,
            ("ناول",),
            320,
            "۸ گھنٹے",
        ),
        ("صنف: ناول | ۳۲۰ صفحات | ۸ گھنٹے", None, ("ناول",), 320, "۸ گھنٹے"),
    ],
)
def test_right_to_left_packed_bullets_unpack(line, year, genres, pages, reading):
    meta = metadata_from([line])
    assert (meta.year, meta.genres, meta.pages, meta.reading_time) == (year, genres, pages, reading)
    assert meta.extra == ()


def test_right_to_left_fields_survive_direction_marks_and_other_colons():
    meta = metadata_from(["نویسنده\u200f: \u200fصادق هدایت\u200f", "سال انتشار﹕ ۱۹۳۷", "ژانر : رمان"])
    assert (meta.authors, meta.year, meta.genres) == (("صادق هدایت",), 1937, ("رمان",))


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("מחברים: עמוס עוז; נורית גרץ", ("עמוס עוז", "נורית גרץ")),
        ("نویسندگان: صادق هدایت، بزرگ علوی", ("صادق هدایت", "بزرگ علوی")),
        ("نویسندگان: صادق هدایت و بزرگ علوی", ("صادق هدایت", "بزرگ علوی")),
        ("مصنفین: پریم چند اور کرشن چندر", ("پریم چند", "کرشن چندر")),
        ("مصنفین: پریم چند؛ کرشن چندر", ("پریم چند", "کرشن چندر")),
    ],
)
def test_right_to_left_authors_split_on_their_own_commas_and_ands(line, authors):
    assert metadata_from([line]).authors == authors


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("۱۹۵۳", 1953),  # Persian digits
        ("١٩٥٣", 1953),  # Arabic-Indic digits
        ("نخستین بار در ۱۹۳۷", 1937),
        ("۷۲۵ پیش از میلاد", -725),
        ("٧٢٥ ق.م", -725),
        ('725 לפנה"ס', -725),
        ("725 לפנה״ס", -725),
        ("۸ قبل مسیح", -8),
    ],
)
def test_parse_year_in_right_to_left_scripts(text, year):
    assert parse_year(text) == year


@pytest.mark.parametrize(
    ("text", "number"),
    [("٣٢٠", 320), ("۳۲۰ صفحه", 320), ("۱٬۲۷۶", 1276), ("١٬٢٧٦ صفحة", 1276)],
)
def test_parse_int_in_right_to_left_scripts(text, number):
    assert parse_int(text) == number


@pytest.mark.parametrize(
    "line",
    [
        # Prose with a colon whose first word is a field name: "years later", "a year later" and
        # "the fair sex" (صنف, "genre", is also "sex" in Urdu) name no field.
        "سال‌ها بعد: راوی دوباره او را می‌بیند",
        "שנה אחר כך: חנה יולדת בן",
        "صنفِ نازک: ناول میں عورت کی تصویر",
        "زبان او: تلخ و کوتاه",
    ],
)
def test_right_to_left_prose_with_a_colon_is_no_known_field(line):
    pair = split_field(line)
    assert pair is not None
    draft = MetadataDraft()
    assert absorb_field(draft, *pair) is False
    assert draft.values == {}


def test_book_info_written_with_dashes_for_known_field_names(load):
    guide, report = load(
        "quixote.md",
        "# Don Quixote\n\nAuthor - Miguel de Cervantes\n\nYear – c. 1605\n\nPages — 1,072\n\n"
        "## Summary\n\nAn hidalgo reads too many romances.\n",
    )
    assert guide.meta.authors == ("Miguel de Cervantes",)
    assert guide.meta.year_text == "c. 1605" and guide.meta.pages == 1072
    assert "W-NO-AUTHOR" not in {d.code for d in report.items}


def test_a_dash_only_makes_a_field_of_a_known_name(load):
    """'Bernard Marx - An Alpha' is an entry of a cast list, not a field called Bernard Marx."""
    from pipeline.readers.metadata import split_field

    assert split_field("Author - Miguel de Cervantes") == ("Author", "Miguel de Cervantes")
    assert split_field("Bernard Marx - An Alpha who feels like an outsider") is None


def test_book_info_as_a_table(load):
    guide, _ = load(
        "middlemarch.md",
        "# Middlemarch\n\n## Book Info\n\n| Field | Value |\n| --- | --- |\n| Author | George Eliot |\n"
        "| Year | 1871–1872 |\n| Pages | 880 |\n\n## Summary\n\nDorothea marries Casaubon.\n",
    )
    assert guide.meta.authors == ("George Eliot",)
    assert guide.meta.year_text == "1871–1872" and guide.meta.pages == 880
    assert not guide.section("info").blocks  # the table was read, not printed as well


@pytest.mark.parametrize("text", ["1958 ዓ.ም.", "1958 ዓ/ም", "በ1958 ዓመተ ምሕረት"])
def test_a_year_of_the_ethiopian_calendar_is_not_read_as_gregorian(text):
    """ "1958 ዓ.ም." is 1965 or 1966 of the Gregorian calendar: no number at all beats a wrong one."""
    assert parse_year(text) is None
    assert parse_year("1958") == 1958
