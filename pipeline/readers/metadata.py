"""Book metadata from "Key: Value" fields, packed bullets and YAML front matter: pure functions."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from pipeline.i18n.section_names import fold_letters
from pipeline.model.guide import Metadata

# Field names as people write them, in several languages, mapped to the model's names.
_KEYS = {
    "title": (
        "title",
        "book",
        "titre",
        "título",
        "titel",
        "titolo",
        "название",
        "書名",
        "题名",
        "书名",
        "标题",
        "العنوان",
        "שם הספר",
        "כותרת",
        "عنوان",
        "عنوان کتاب",
        "نام کتاب",
        "کتاب کا نام",
    ),
    "subtitle": ("subtitle", "sous-titre", "副标题", "כותרת משנה", "عنوان فرعی", "زیرعنوان", "ذیلی عنوان"),
    "authors": (
        "author",
        "authors",
        "by",
        "writer",
        "written by",
        "auteur",
        "auteurs",
        "autor",
        "autora",
        "autore",
        "autori",
        "autores",
        "автор",
        "著者",
        "作者",
        "المؤلف",
        "الكاتب",
        # Hebrew (מחברת is a woman author), Persian (پدیدآورنده as library records have it), Urdu.
        # "מאת" and "از" are "by", like "by" above: a key only with its colon ("از: مرزا ہادی رسوا").
        "מחבר",
        "מחברת",
        "מחברים",
        "מחברות",
        "סופר",
        "סופרת",
        "שם המחבר",
        "שם הסופר",
        "נכתב על ידי",
        "מאת",
        "نویسنده",
        "نویسندگان",
        "نام نویسنده",
        "مؤلف",
        "پدیدآورنده",
        "نوشتهٔ",
        "به قلم",
        "مصنف",
        "مصنفہ",
        "مصنفین",
        "مصنف کا نام",
        "ناول نگار",
        "از",
    ),
    "year": (
        "year",
        "published",
        "publication year",
        "first published",
        "date",
        "année",
        "date de publication",
        "año",
        "año de publicación",
        "publicado",
        "jahr",
        "erschienen",
        "erscheinungsjahr",
        "publié",
        "anno",
        "pubblicato",
        "ano",
        "год",
        "год издания",
        "出版年",
        "発表年",
        "刊行年",
        "سنه النشر",
        "سنة النشر",
        "السنة",
        "年份",
        "出版年份",
        "出版时间",
        "שנה",
        "שנת פרסום",
        "שנת הוצאה",
        "שנת יציאה לאור",
        "יצא לאור",
        "יצאה לאור",
        "ראה אור",
        "ראתה אור",
        "פורסם",
        "פורסמה",
        "פורסם לראשונה",
        "פרסום ראשון",
        "תאריך פרסום",
        "سال",
        "سال انتشار",
        "سال نشر",
        "سال چاپ",
        "تاریخ انتشار",
        "انتشار",
        "نخستین انتشار",
        "اولین انتشار",
        "چاپ نخست",
        "چاپ اول",
        "سال اشاعت",
        "سن اشاعت",
        "اشاعت",
        "پہلی اشاعت",
        "اشاعت اول",
        "تاریخ اشاعت",
    ),
    "genres": (
        "genre",
        "genres",
        "category",
        "categories",
        "type",
        "género",
        "gattung",
        "genere",
        "gênero",
        "жанр",
        "ジャンル",
        "类型",
        "体裁",
        "النوع",
        "ז'אנר",
        "ז'אנרים",
        "סוגה",
        "סוגות",
        "סוג",
        "סוג ספרותי",
        "ژانر",
        "ژانرها",
        "گونه",
        "گونهٔ ادبی",
        "نوع",
        "صنف",
        "اصناف",
        "صنف ادب",
    ),
    "pages": (
        "pages",
        "page count",
        "length",
        "pagecount",
        "nombre de pages",
        "páginas",
        "seiten",
        "seitenzahl",
        "pagine",
        "страниц",
        "объём",
        "ページ数",
        "页数",
        "عدد الصفحات",
        "עמודים",
        "מספר עמודים",
        "מספר העמודים",
        "מס' עמודים",
        "היקף",
        "صفحات",
        "صفحه",
        "تعداد صفحات",
        "تعداد صفحه",
        "شمار صفحات",
        "کل صفحات",
        "ضخامت",
    ),
    "reading_time": (
        "reading time",
        "reading_time",
        "readingtime",
        "time to read",
        "temps de lecture",
        "durée de lecture",
        "tiempo de lectura",
        "lesezeit",
        "tempo di lettura",
        "tempo de leitura",
        "время чтения",
        "読了時間",
        "読書時間",
        "مدة القراءة",
        "وقت القراءة",
        "阅读时间",
        "阅读时长",
        "זמן קריאה",
        "זמן הקריאה",
        "משך קריאה",
        "משך הקריאה",
        "زمان مطالعه",
        "مدت مطالعه",
        "مدت زمان مطالعه",
        "زمان خواندن",
        "مطالعے کا وقت",
        "مطالعہ کا وقت",
        "پڑھنے کا وقت",
    ),
    "language": (
        "language",
        "lang",
        "langue",
        "idioma",
        "sprache",
        "lingua",
        "língua",
        "язык",
        "言語",
        "语言",
        "اللغة",
        "שפה",
        "שפת הספר",
        "לשון",
        "زبان",
        "زبان کتاب",
    ),
    # מסת"ב and شابک are the Hebrew and Persian names of the ISBN.
    "identifier": ("identifier", "isbn", "id", 'מסת"ב', "شابک"),
}

# Colons as typed: ASCII (Arabic-script text has no colon of its own and uses it), full-width (CJK),
# and the small colon and ratio sign that look like it. Right-to-left text often carries
# direction marks next to them ("نویسنده\u200f: ..."), which are no part of the key or the value.
COLONS = ":：﹕∶"
DIRECTION_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Hebrew geresh and gershayim typed as apostrophes and quotation marks, or as their own letters.
_GERESH = str.maketrans({"׳": "'", "’": "'", "‘": "'", "`": "'", "״": '"', "“": '"', "”": '"'})
# The Persian ezafe after a final heh, written as a yeh of its own ("گونه‌ی ادبی") or a hamza
# ("گونهء"), is the mark "گونهٔ" carries, which folding drops.
_EZAFE = re.compile(r"(?<=ه) ?ي(?= |$)|(?<=ه)ء")


def fold_key(key: str) -> str:
    """A field name as the aliases are compared: case, accents, marks, Arabic-script letter
    variants and the zero-width non-joiner folded as section headings are (`sections.fold_letters`),
    geresh and ezafe written any of the usual ways, runs of spaces and underscores one space."""
    text = fold_letters(key.casefold()).casefold().translate(_GERESH)
    text = re.sub(r"[\s_]+", " ", text).strip(" *_")
    return _EZAFE.sub("", text)


# Folded, so "نويسنده" (Arabic yeh) is "نویسنده" and "año" is "ano" (both a year, in Spanish and
# Portuguese); a test checks that no two kinds share an alias once folded.
KEY_OF = {fold_key(alias): key for key, aliases in _KEYS.items() for alias in aliases}

_SOFT_SEPARATOR = re.compile(r"\s+[·•]\s+")
# "Author - X", or "Author—X" as typography sets a spaced hyphen in English.
_DASH_FIELD = re.compile(r"^\s*([^\n]{1,40}?)(?:\s+[-–—]\s+|\s*[–—]\s*)(.+?)\s*$", re.S)
_FIELD = re.compile(rf"^\s*([^{COLONS}\n]{{1,40}}?)\s*[{COLONS}]\s*(.+?)\s*$", re.S)
# "320 pages", "۳۲۰ صفحه", "כ-320 עמודים" ("about 320"); ٬ is the Arabic-script thousands separator.
_PAGES_PART = re.compile(
    r"^(?:about |c\. |ca\. |~|כ[-־]|حدود |تقریباً |تقریبا )?(\d[\d,.٬ ]*)\s*"
    r"(pages?|pp\.?|p\.|páginas?|págs?\.|pagine|seiten|s\.|страниц[аы]?|с\.|ページ|页|صفحة|صفحات"
    r"|עמודים|עמ['׳]|صفحه|صفحے|ص)$",
    re.I,
)
_TIME_HINT = re.compile(
    r"\b(hours?|hrs?|minutes?|mins?|heures?|horas?|stunden|ore|minuti|minutos|час\w*|минут\w*)\b"
    r"|\d\s*(?:小时|分钟|時間|分)|ساعات|ساعة|دقيقة|שעות|שעה|דקות|דקה|ساعت|دقیقه|دقيقه|گھنٹ|منٹ",
    re.I,
)
_YEAR = re.compile(r"(\d{1,4})")  # \d is any script's digit: "۱۹۳۷" and "١٩٣٧" are years too
_BCE = re.compile(
    r"\b(BCE|BC|B\.C\.(E\.)?|av\. J\.-C\.|a\. C\."
    r"|לפנה[\"״]ס|לפני הספירה|پیش از میلاد|ق\.\s?م|قبل مسیح|قبل از مسیح)",
    re.I,
)
_LANGUAGE_NAMES = {
    "english": "en",
    "anglais": "en",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "german": "de",
    "deutsch": "de",
    "spanish": "es",
    "español": "es",
    "italian": "it",
    "italiano": "it",
    "portuguese": "pt",
    "russian": "ru",
    "dutch": "nl",
    "chinese": "zh-Hans",
    "simplified chinese": "zh-Hans",
    "traditional chinese": "zh-Hant",
    "中文": "zh-Hans",
    "简体中文": "zh-Hans",
    "繁體中文": "zh-Hant",
    "japanese": "ja",
    "日本語": "ja",
    "greek": "el",
    "latin": "la",
    "polish": "pl",
    "swedish": "sv",
    "arabic": "ar",
    "hebrew": "he",
    "עברית": "he",
    "persian": "fa",
    "farsi": "fa",
    "فارسی": "fa",
    "urdu": "ur",
    "اردو": "ur",
}
_LANGUAGE_NAMES = {fold_key(name): tag for name, tag in _LANGUAGE_NAMES.items()}
_BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(slots=True)
class MetadataDraft:
    """Fields gathered from wherever the dialect keeps them, before they become `Metadata`."""

    values: dict[str, str | list[str]] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)

    def set(self, key: str, value: str | list[str], *, override: bool = False) -> None:
        if override or key not in self.values:
            self.values[key] = value


def split_field(text: str) -> tuple[str, str] | None:
    """ "Key: Value" -> (key, value), and "Author - Value" with a dash for the known field names
    only (a cast list's "Bernard Marx - An Alpha" is no field); None when the text is not a field."""
    match = _FIELD.match(text)
    if not match:
        match = _DASH_FIELD.match(text)
        if not match or canonical_key(match.group(1).strip(" *_" + DIRECTION_MARKS)) is None:
            return None
    return match.group(1).strip(" *_" + DIRECTION_MARKS), match.group(2).strip(DIRECTION_MARKS + " \t\n")


def canonical_key(key: str) -> str | None:
    return KEY_OF.get(fold_key(key))


def absorb_field(draft: MetadataDraft, key: str, value: str, *, override: bool = False) -> bool:
    """Add one field, unpacking "A / B | 288 Pages | Reading Time: 4-5 hours"; False if unknown."""
    parts = _packed_parts(value)
    canonical = canonical_key(key)
    known = canonical is not None
    if canonical:
        draft.set(canonical, parts[0], override=override)
    else:
        draft.extra.setdefault(key.strip(), parts[0])
    for part in parts[1:]:
        _absorb_packed_part(draft, part)
    return known


def _packed_parts(value: str) -> list[str]:
    """Split a value that packs several fields: "A / B | 288 Pages", or with middle dots or
    bullets ("1847 · Genre: Gothic · Length: 532 pages") when another "Key:" follows one, since a
    dot alone may just separate two genres."""
    parts = [part.strip() for part in value.split("|")]
    out: list[str] = []
    for part in parts:
        pieces = [piece.strip() for piece in _SOFT_SEPARATOR.split(part)]
        if len(pieces) > 1 and any(canonical_key(p[0]) for p in map(split_field, pieces[1:]) if p):
            out.extend(pieces)
        else:
            out.append(part)
    return out


def _absorb_packed_part(draft: MetadataDraft, part: str) -> None:
    if pages := _PAGES_PART.match(part):
        draft.set("pages", pages.group(1))
    elif (pair := split_field(part)) is not None:
        absorb_field(draft, *pair)
    elif _TIME_HINT.search(part):
        draft.set("reading_time", part)
    elif part:
        draft.extra.setdefault("Note", part)


def parse_year(text: str) -> int | None:
    """The year as an integer (negative for BCE), from text such as "1818" or "c. 725 BCE"."""
    match = _YEAR.search(text)
    if not match:
        return None
    year = int(match.group(1))
    # "-750" (a YAML number) and "750 BCE" both mean before the common era.
    negative = _BCE.search(text) or text[: match.start()].strip() in ("-", "−")
    return -year if negative else year


def parse_int(text: str) -> int | None:
    found = re.search(r"\d[\d,.٬\s]*", text)
    digits = re.sub(r"[,.٬\s\u00a0\u202f]", "", found.group(0) if found else "")
    return int(digits) if digits.isdigit() else None


def split_list(value: str | list[str], separators: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else re.split(separators, value)
    return tuple(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))


def language_tag(value: str) -> str | None:
    """A BCP 47 tag from a tag or a language's name; None when it is neither."""
    text = value.strip().strip(DIRECTION_MARKS).strip()
    if (name := fold_key(text)) in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[name]
    if _BCP47.match(text):
        head, *rest = text.split("-")
        return "-".join(
            [head.lower(), *(r.title() if len(r) == 4 else r.upper() if len(r) == 2 else r for r in rest)]
        )
    return None


def stable_identifier(title: str, authors: tuple[str, ...], stem: str = "") -> str:
    """A UUID derived from title, authors and the manuscript's file name, so rebuilds keep it.

    The file name is part of it because an identifier names a publication, not the book it
    studies: two guides to the same novel (a Year 9 and a Year 12 one) on one shelf must not look
    like one book to a reader or to the OPDS feed. A front matter `identifier` pins it for good.
    """
    key = "\x1f".join([title.casefold(), *(a.casefold() for a in authors), *([stem] if stem else [])])
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'study-guide:' + key)}"


def build_metadata(draft: MetadataDraft, title: str, language: str, stem: str = "") -> Metadata:
    values = draft.values
    # "،" and "؛" are the Arabic-script comma and semicolon; "و" and "اور" are Persian and Urdu "and".
    authors = split_list(
        values.get("authors", []),
        r"\s+and\s+|\s*&\s*|\s*[;؛]\s*|\s+et\s+|、|\s*،\s*|\s+و\s+|\s+اور\s+",
    )
    year_text = str(values["year"]).strip() if "year" in values else None
    genres = split_list(values.get("genres", []), r"\s*/\s*|\s*[,،]\s*|\s*[;؛]\s*|\s+[·•]\s+|、")
    pages_text = values.get("pages")
    reading = values.get("reading_time")
    return Metadata(
        title=title,
        authors=authors,
        year=parse_year(year_text) if year_text else None,
        year_text=year_text,
        genres=genres,
        pages=parse_int(str(pages_text)) if pages_text else None,
        reading_time=_clean_reading_time(str(reading)) if reading else None,
        language=language,
        identifier=str(values.get("identifier") or stable_identifier(title, authors, stem)),
        subtitle=str(values["subtitle"]) if "subtitle" in values else None,
        extra=tuple(draft.extra.items()),
    )


def _clean_reading_time(text: str) -> str:
    return re.sub(r"^(reading time|temps de lecture)\s*[:：]\s*", "", text.strip(), flags=re.I)
