"""Words inside metadata values, per language, from each language's data file, [values]: page-count
units ("320 pages", "۳۲۰ صفحه"), reading-time units, era markers ("BCE", "پیش از میلاد") and the
"and" between authors. All are regular-expression fragments, matched case-blind."""

from __future__ import annotations

from pipeline.i18n.language_data import words

# "about 320 pages", "כ-320 עמודים".
ABOUT_WORDS = words("values", "about")
PAGE_UNITS = words("values", "page_units")
# A packed part naming a time is the reading time ("4-5 hours"): whole words in scripts that space
# their words, after a number in CJK ("3小时"), anywhere in right-to-left ones.
TIME_WORDS = words("values", "time_words")
TIME_UNITS_AFTER_NUMBER = words("values", "time_units_after_number")
TIME_WORDS_ANYWHERE = words("values", "time_words_anywhere")
# "c. 725 BCE", "av. J.-C.", "ق.م": the year is before the common era.
BEFORE_COMMON_ERA = words("values", "before_common_era")
# "1958 ዓ.ም." is a year of the Ethiopian calendar: its text is kept, no Gregorian year made of it.
OTHER_CALENDAR = words("values", "other_calendar")
# "and" between two authors ("و" is Persian, "اور" Urdu).
AND_WORDS = words("values", "and")
# A reading time written with its field name in the value ("Reading time: 4 hours").
READING_TIME_NAMES = words("values", "reading_time_names")
