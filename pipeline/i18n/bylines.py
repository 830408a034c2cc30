"""The words of a byline ("by", "par", "מאת", "نوشتهٔ") per language, the lower-case words a name may
hold ("de", "van"), and the verbs that end a sentence rather than a name (Persian, Urdu): from each
language's data file, [byline]."""

from __future__ import annotations

from pipeline.i18n.direction import text_direction
from pipeline.i18n.folding import fold_letters
from pipeline.i18n.language_data import alternatives, union, words

_BY_WORDS = words("byline", "by")
# "by" in left-to-right languages: a line "Title by Author" or "by Author" is a byline. Matched
# case-blind between word boundaries.
BY_WORDS = {tag: found for tag, found in _BY_WORDS.items() if text_direction(tag) == "ltr"}
# "by" in right-to-left languages, which `\b` does not serve (see readers.byline): bylines on their
# own line ("מאת עמוס עוז") or after the title.
RTL_BY_WORDS = {tag: found for tag, found in _BY_WORDS.items() if text_direction(tag) == "rtl"}
# Words so common in prose ("از", "from") that they are bylines only after the manuscript's own
# title: "بوف کور از صادق هدایت".
RTL_BY_WORDS_AFTER_TITLE = words("byline", "by_after_title")
# Lower-case words a name may hold ("Honoré de Balzac", "Ludwig van Beethoven").
NAME_PARTICLES_BY_LANGUAGE = words("byline", "name_particles")
# Languages that put the verb last: a "name" ending in a copula is a sentence ("بوف کور از
# مهم‌ترین رمان‌های فارسی است", "is among the most important Persian novels").
COPULAS_BY_LANGUAGE = words("byline", "copulas")

BY = alternatives(BY_WORDS)
RTL_BY_ALONE = alternatives(RTL_BY_WORDS)
RTL_BY_AFTER_TITLE = alternatives(RTL_BY_WORDS_AFTER_TITLE)
NAME_PARTICLES = frozenset(union(NAME_PARTICLES_BY_LANGUAGE))
# Folded as the bylines' last words are before they are compared.
COPULAS = frozenset(fold_letters(word) for word in union(COPULAS_BY_LANGUAGE))
