"""Bylines in right-to-left scripts (pipeline.readers.byline): Hebrew's מאת, Persian's نوشتهٔ, اثر, از
and به قلم, Urdu's از, found after a title or on a line of their own, and never in prose that only
holds the word."""

from __future__ import annotations

import pytest

from pipeline.readers.byline import split_byline
from pipeline.readers.dialects import adapt


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
