"""The words of a byline ("by", "par", "מאת", "نوشتهٔ") per language, the lower-case words a name may
hold ("de", "van"), and the verbs that end a sentence rather than a name (Persian, Urdu)."""

from __future__ import annotations

from pipeline.i18n.folding import fold_letters

# "by" in the languages bylines are written in: a line "Title by Author" or "by Author" is a byline.
# Left-to-right languages' words are plain words, matched case-blind between word boundaries.
BY_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("by",),
    "fr": ("par",),
    "de": ("von",),
    "es": ("por",),
    "it": ("di",),
    "nl": ("door",),
}
# "by" in right-to-left bylines (regular expressions). Hebrew מאת, the Persian ezafe forms of نوشته
# ("written by", however the ezafe is typed) and به قلم ("by the pen of") are bylines on their own
# line ("מאת עמוס עוז").
RTL_BY_WORDS: dict[str, tuple[str, ...]] = {
    "he": ("מאת",),
    "fa": (r"نوشت(?:هٔ|ۀ|هء|ه\u200c[یي]|ه [یي])", "ب[هہ] قلم"),
}
# Bare نوشته, اثر ("work", also "effect") and از ("from"; Urdu's "by") are among the commonest words
# of Persian prose ("از آن روز" is "from that day"), so they are bylines only after the manuscript's
# own title: "بوف کور از صادق هدایت".
RTL_BY_WORDS_AFTER_TITLE: dict[str, tuple[str, ...]] = {
    "fa": ("نوشته", "اثر", "از"),
    "ur": ("از",),
}
# Lower-case words a name may hold ("Honoré de Balzac", "Ludwig van Beethoven").
NAME_PARTICLES_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": ("and", "&"),
    "fr": ("de", "le", "la", "du", "et"),
    "de": ("von", "der", "und"),
    "es": ("de", "del", "y"),
    "it": ("di", "da", "del", "e"),
    "pt": ("de", "da", "e"),
    "nl": ("van", "der"),
}
# Persian and Urdu put the verb last, so a "name" ending in a copula is a sentence
# ("بوف کور از مهم‌ترین رمان‌های فارسی است", "is among the most important Persian novels").
COPULAS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "fa": ("است", "هست", "هستند", "بود", "بودند", "نیست", "شد", "شده", "باشد"),
    "ur": ("ہے", "ہیں", "تھا", "تھی", "تھے"),
}


def _union(words: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(word for by_language in words.values() for word in by_language))


BY = "|".join(_union(BY_WORDS))
RTL_BY_ALONE = "|".join(_union(RTL_BY_WORDS))
RTL_BY_AFTER_TITLE = "|".join(_union(RTL_BY_WORDS_AFTER_TITLE))
NAME_PARTICLES = frozenset(_union(NAME_PARTICLES_BY_LANGUAGE))
# Folded as the bylines' last words are before they are compared.
COPULAS = frozenset(fold_letters(word) for word in _union(COPULAS_BY_LANGUAGE))
