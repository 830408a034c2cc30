"""Words inside metadata values, per language: page-count units ("320 pages", "۳۲۰ صفحه"), reading-time
units, era markers ("BCE", "پیش از میلاد") and the "and" between authors. All are regular-expression
fragments, matched case-blind."""

from __future__ import annotations

# "about 320 pages", "כ-320 עמודים".
ABOUT_WORDS: dict[str, tuple[str, ...]] = {
    "en": (r"about ", r"c\. ", r"ca\. ", r"~"),
    "he": (r"כ[-־]",),
    "fa": (r"حدود ", r"تقریباً ", r"تقریبا "),
}
PAGE_UNITS: dict[str, tuple[str, ...]] = {
    "en": (r"pages?", r"pp\.?", r"p\."),
    "es": (r"páginas?", r"págs?\."),
    "it": (r"pagine",),
    "de": (r"seiten", r"s\."),
    "ru": (r"страниц[аы]?", r"с\."),
    "ja": (r"ページ",),
    "zh": (r"页",),
    "ar": (r"صفحة", r"صفحات"),
    "he": (r"עמודים", r"עמ['׳]"),
    "fa": (r"صفحه",),
    "ur": (r"صفحے", r"ص"),
}
# A packed part naming a time is the reading time ("4-5 hours"): whole words in scripts that space
# their words, after a number in CJK ("3小时"), anywhere in right-to-left ones.
TIME_WORDS: dict[str, tuple[str, ...]] = {
    "en": (r"hours?", r"hrs?", r"minutes?", r"mins?"),
    "fr": (r"heures?",),
    "es": (r"horas?",),
    "de": (r"stunden",),
    "it": (r"ore", r"minuti"),
    "pt": (r"minutos",),
    "ru": (r"час\w*", r"минут\w*"),
}
TIME_UNITS_AFTER_NUMBER: dict[str, tuple[str, ...]] = {
    "zh": (r"小时", r"分钟"),
    "ja": (r"時間", r"分"),
}
TIME_WORDS_ANYWHERE: dict[str, tuple[str, ...]] = {
    "ar": (r"ساعات", r"ساعة", r"دقيقة"),
    "he": (r"שעות", r"שעה", r"דקות", r"דקה"),
    "fa": (r"ساعت", r"دقیقه", r"دقيقه"),
    "ur": (r"گھنٹ", r"منٹ"),
}
# "c. 725 BCE", "av. J.-C.", "ق.م": the year is before the common era.
BEFORE_COMMON_ERA: dict[str, tuple[str, ...]] = {
    "en": (r"BCE", r"BC", r"B\.C\.(E\.)?"),
    "fr": (r"av\. J\.-C\.",),
    "es": (r"a\. C\.",),
    "he": (r'לפנה["״]ס', r"לפני הספירה"),
    "fa": (r"پیش از میلاد", r"ق\.\s?م"),
    "ur": (r"قبل مسیح", r"قبل از مسیح"),
}
# "and" between two authors ("و" is Persian, "اور" Urdu).
AND_WORDS: dict[str, tuple[str, ...]] = {
    "en": (r"and",),
    "fr": (r"et",),
    "fa": (r"و",),
    "ur": (r"اور",),
}
# A reading time written with its field name in the value ("Reading time: 4 hours").
READING_TIME_NAMES: dict[str, tuple[str, ...]] = {
    "en": (r"reading time",),
    "fr": (r"temps de lecture",),
}
