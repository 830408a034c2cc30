"""Field names and language names in every language the pipeline reads (pipeline.i18n.fields,
language_names): each alias names one kind of field once folded, right-to-left keys included."""

from __future__ import annotations

import pytest

from pipeline.i18n.fields import FIELD_ALIASES, canonical_key
from pipeline.i18n.folding import fold_key
from pipeline.i18n.language_names import language_tag


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("English", "en"),
        ("english", "en"),
        ("zh-hans", "zh-Hans"),
        ("French", "fr"),
        ("fr", "fr"),
        ("EN-gb", "en-GB"),
        ("Deutsch", "de"),
        ("not a language!", None),
    ],
)
def test_language_tag(value, tag):
    assert language_tag(value) == tag


@pytest.mark.parametrize(
    ("key", "canonical"),
    [
        ("Reading Time", "reading_time"),
        ("reading_time", "reading_time"),
        ("**Author**", "authors"),
        ("Auteur", "authors"),
        ("Genre", "genres"),
        ("வாசிக்கும் நேரம்", "reading_time"),  # Tamil "time it takes to read"
        ("დაწერის წელი", "year"),  # Georgian "year of writing": an old book's year is when it was written
        ("reading-time", "reading_time"),  # a note app's property name, words joined by hyphens
        ("Whatever", None),
    ],
)
def test_canonical_key(key, canonical):
    assert canonical_key(key) == canonical


def test_no_alias_names_two_kinds_once_folded():
    kinds: dict[str, set[str]] = {}
    for kind, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            kinds.setdefault(fold_key(alias), set()).add(kind)
    assert {alias: found for alias, found in kinds.items() if len(found) > 1} == {}


@pytest.mark.parametrize(
    ("key", "canonical"),
    [
        # Hebrew
        ("מחבר", "authors"),
        ("מחברת", "authors"),
        ("סופר", "authors"),
        ("שם המחבר", "authors"),
        ("שנת פרסום", "year"),
        ("יצא לאור", "year"),
        ("פורסם", "year"),
        ("ז'אנר", "genres"),
        ("ז׳אנר", "genres"),  # with the Hebrew geresh
        ("ז’אנר", "genres"),  # with a typographic apostrophe
        ("סוגה", "genres"),
        ("עמודים", "pages"),
        ("מספר עמודים", "pages"),
        ("מס׳ עמודים", "pages"),
        ("זמן קריאה", "reading_time"),
        ("שפה", "language"),
        ("שם הספר", "title"),
        ("כותרת משנה", "subtitle"),
        ("מסת״ב", "identifier"),
        ("**מחבר**", "authors"),
        ("\u200fמחבר\u200f", "authors"),  # right-to-left marks pasted around it
        # Persian, with Arabic yeh and kaf typed for Farsi ones, and the ezafe and non-joiner as typed
        ("نویسنده", "authors"),
        ("نويسنده", "authors"),
        ("نویسندگان", "authors"),
        ("پدیدآورنده", "authors"),
        ("سال انتشار", "year"),
        ("سال\u200cانتشار", "year"),
        ("ژانر", "genres"),
        ("گونه", "genres"),
        ("گونهٔ ادبی", "genres"),
        ("گونه\u200cی ادبی", "genres"),
        ("گونۀ ادبی", "genres"),
        ("تعداد صفحات", "pages"),
        ("صفحات", "pages"),
        ("زمان مطالعه", "reading_time"),
        ("زبان", "language"),
        ("عنوان", "title"),
        ("نام كتاب", "title"),
        ("شابک", "identifier"),
        # Urdu
        ("مصنف", "authors"),
        ("مصنفہ", "authors"),
        ("مصنّف", "authors"),  # with a shadda
        ("سال اشاعت", "year"),
        ("سالِ اشاعت", "year"),
        ("اشاعت", "year"),
        ("صنف", "genres"),
        ("صفحات", "pages"),
        ("مطالعے کا وقت", "reading_time"),
        ("مطالعہ کا وقت", "reading_time"),
        ("کتاب کا نام", "title"),
        # words near those keys that name no field
        ("על המחבר", None),
        ("זמן", None),
        ("درباره نویسنده", None),
        ("سال\u200cها", None),  # "years"
        ("زبان اصلی", None),  # "original language": not the guide's
        ("صفحه اول", None),
        ("مصنف کا تعارف", None),
    ],
)
def test_right_to_left_field_keys(key, canonical):
    assert canonical_key(key) == canonical


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("עברית", "he"),
        ("فارسی", "fa"),
        ("فارسي", "fa"),  # Arabic yeh
        ("Farsi", "fa"),
        ("Persian", "fa"),
        ("اردو", "ur"),
        ("اُردو", "ur"),  # with a damma
        ("Urdu", "ur"),
        ("\u200fעברית", "he"),
    ],
)
def test_right_to_left_language_names(value, tag):
    assert language_tag(value) == tag
