"""Book-metadata field names as people write them ("Author:", "Auteur:", "نویسنده:"), per language,
mapped to the model's names; and the few words that mark a title or language line on its own."""

from __future__ import annotations

from pipeline.i18n.folding import fold_key

# Per language, the names of each field. A name may appear under several languages ("autor" is
# Spanish, Portuguese and German); a test checks that no two fields share a name once folded.
FIELD_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "title": ("title", "book"),
        "subtitle": ("subtitle",),
        "authors": ("author", "authors", "by", "writer", "written by"),
        "year": ("year", "published", "publication year", "first published", "date"),
        "genres": ("genre", "genres", "category", "categories", "type"),
        "pages": ("pages", "page count", "length", "pagecount"),
        "reading_time": ("reading time", "reading_time", "readingtime", "time to read"),
        "language": ("language", "lang"),
        "identifier": ("identifier", "isbn", "id"),
    },
    "fr": {
        "title": ("titre",),
        "subtitle": ("sous-titre",),
        "authors": ("auteur", "auteurs"),
        "year": ("année", "date de publication", "publié", "date"),
        "genres": ("genre", "genres"),
        "pages": ("nombre de pages", "pages"),
        "reading_time": ("temps de lecture", "durée de lecture"),
        "language": ("langue",),
    },
    "es": {
        "title": ("título",),
        "authors": ("autor", "autora", "autores"),
        "year": ("año", "año de publicación", "publicado"),
        "genres": ("género",),
        "pages": ("páginas",),
        "reading_time": ("tiempo de lectura",),
        "language": ("idioma",),
    },
    "de": {
        "title": ("titel",),
        "authors": ("autor",),
        "year": ("jahr", "erschienen", "erscheinungsjahr"),
        "genres": ("gattung", "genre"),
        "pages": ("seiten", "seitenzahl"),
        "reading_time": ("lesezeit",),
        "language": ("sprache",),
    },
    "it": {
        "title": ("titolo",),
        "authors": ("autore", "autori"),
        "year": ("anno", "pubblicato"),
        "genres": ("genere",),
        "pages": ("pagine",),
        "reading_time": ("tempo di lettura",),
        "language": ("lingua",),
    },
    "pt": {
        "title": ("título",),
        "authors": ("autor", "autora", "autores"),
        "year": ("ano", "publicado"),
        "genres": ("gênero",),
        "pages": ("páginas",),
        "reading_time": ("tempo de leitura",),
        "language": ("língua", "idioma"),
    },
    "ru": {
        "title": ("название",),
        "authors": ("автор",),
        "year": ("год", "год издания"),
        "genres": ("жанр",),
        "pages": ("страниц", "объём"),
        "reading_time": ("время чтения",),
        "language": ("язык",),
    },
    "zh": {
        "title": ("题名", "书名", "标题"),
        "subtitle": ("副标题",),
        "authors": ("作者",),
        "year": ("年份", "出版年份", "出版时间"),
        "genres": ("类型", "体裁"),
        "pages": ("页数",),
        "reading_time": ("阅读时间", "阅读时长"),
        "language": ("语言",),
    },
    "ja": {
        "title": ("書名",),
        "authors": ("著者", "作者"),
        "year": ("出版年", "発表年", "刊行年"),
        "genres": ("ジャンル",),
        "pages": ("ページ数",),
        "reading_time": ("読了時間", "読書時間"),
        "language": ("言語",),
    },
    "ar": {
        "title": ("العنوان",),
        "authors": ("المؤلف", "الكاتب"),
        "year": ("سنه النشر", "سنة النشر", "السنة"),
        "genres": ("النوع",),
        "pages": ("عدد الصفحات",),
        "reading_time": ("مدة القراءة", "وقت القراءة"),
        "language": ("اللغة",),
    },
    # מחברת is a woman author; מאת is "by", like "by" above: a field name only with its colon.
    # מסת"ב is the Hebrew name of the ISBN.
    "he": {
        "title": ("שם הספר", "כותרת"),
        "subtitle": ("כותרת משנה",),
        "authors": (
            *("מחבר", "מחברת", "מחברים", "מחברות", "סופר", "סופרת"),
            *("שם המחבר", "שם הסופר", "נכתב על ידי", "מאת"),
        ),
        "year": (
            *("שנה", "שנת פרסום", "שנת הוצאה", "שנת יציאה לאור", "יצא לאור", "יצאה לאור", "ראה אור"),
            *("ראתה אור", "פורסם", "פורסמה", "פורסם לראשונה", "פרסום ראשון", "תאריך פרסום"),
        ),
        "genres": ("ז'אנר", "ז'אנרים", "סוגה", "סוגות", "סוג", "סוג ספרותי"),
        "pages": ("עמודים", "מספר עמודים", "מספר העמודים", "מס' עמודים", "היקף"),
        "reading_time": ("זמן קריאה", "זמן הקריאה", "משך קריאה", "משך הקריאה"),
        "language": ("שפה", "שפת הספר", "לשון"),
        "identifier": ('מסת"ב',),
    },
    # پدیدآورنده as library records have it; شابک is the Persian name of the ISBN.
    "fa": {
        "title": ("عنوان", "عنوان کتاب", "نام کتاب"),
        "subtitle": ("عنوان فرعی", "زیرعنوان"),
        "authors": ("نویسنده", "نویسندگان", "نام نویسنده", "مؤلف", "پدیدآورنده", "نوشتهٔ", "به قلم"),
        "year": (
            *("سال", "سال انتشار", "سال نشر", "سال چاپ", "تاریخ انتشار", "انتشار"),
            *("نخستین انتشار", "اولین انتشار", "چاپ نخست", "چاپ اول"),
        ),
        "genres": ("ژانر", "ژانرها", "گونه", "گونهٔ ادبی", "نوع"),
        "pages": ("صفحات", "صفحه", "تعداد صفحات", "تعداد صفحه", "شمار صفحات"),
        "reading_time": ("زمان مطالعه", "مدت مطالعه", "مدت زمان مطالعه", "زمان خواندن"),
        "language": ("زبان", "زبان کتاب"),
        "identifier": ("شابک",),
    },
    # از is "by", a field name only with its colon ("از: مرزا ہادی رسوا").
    "ur": {
        "title": ("کتاب کا نام",),
        "subtitle": ("ذیلی عنوان",),
        "authors": ("مصنف", "مصنفہ", "مصنفین", "مصنف کا نام", "ناول نگار", "از"),
        "year": ("سال اشاعت", "سن اشاعت", "اشاعت", "پہلی اشاعت", "اشاعت اول", "تاریخ اشاعت"),
        "genres": ("صنف", "اصناف", "صنف ادب"),
        "pages": ("صفحات", "کل صفحات", "ضخامت"),
        "reading_time": ("مطالعے کا وقت", "مطالعہ کا وقت", "پڑھنے کا وقت"),
        "language": ("زبان",),
    },
}

# Every name of each field, over all languages.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {}
for _fields in FIELD_NAMES.values():
    for _field, _names in _fields.items():
        FIELD_ALIASES[_field] = tuple(dict.fromkeys((*FIELD_ALIASES.get(_field, ()), *_names)))

# Folded, so "نويسنده" (Arabic yeh) is "نویسنده" and "año" is "ano" (both a year, in Spanish and
# Portuguese).
KEY_OF = {fold_key(alias): key for key, aliases in FIELD_ALIASES.items() for alias in aliases}


def canonical_key(key: str) -> str | None:
    """The model's name for a field name as written, in any language; None when it is none."""
    return KEY_OF.get(fold_key(key))


# Front matter keys read before the fields are: the guide's language, and its title.
FRONT_MATTER_LANGUAGE_KEYS = ("language", "lang", "langue")
FRONT_MATTER_TITLE_KEYS = ("title", "titre")

# A "Language: es" line anywhere near the top sets the guide's language (regular expressions,
# matched case-blind).
LANGUAGE_LINE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("language", "lang"),
    "fr": ("langue",),
    "es": ("idioma",),
    "de": ("sprache",),
    "zh": ("语言",),
    "he": ("שפה", "שפת הספר", "לשון"),
    "fa": ("زبان(?: [کك]تاب)?",),
}
# "Title: Silas Marner" as a loose manuscript's first line is its title field (regular expressions).
TITLE_LINE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("title",),
    "fr": ("titre",),
    "es": ("título",),
    "de": ("titel",),
    "it": ("titolo",),
    "zh": ("书名", "标题"),
    "he": ("שם הספר", "כותרת"),
    "fa": ("عنوان", "نام [کك]تاب"),
    "ur": ("[کك]تاب [کك]ا نام",),
}


def alternatives(words: dict[str, tuple[str, ...]]) -> str:
    """One regular-expression alternation of every language's words, each once, in order."""
    return "|".join(dict.fromkeys(word for by_language in words.values() for word in by_language))
