"""Fixed words the guide prints itself (field labels, page names, separators) in the guide's language:
each language's data file, [labels]."""

from __future__ import annotations

from functools import lru_cache

from pipeline.i18n.cldr import table_tag
from pipeline.i18n.language_data import LANGUAGES

# Per tag, its labels; a language is found by its full tag ("zh-Hant"), the file CLDR's likely
# script picks ("zh-TW" is "zh-Hant"), or else its primary subtag.
_BY_TAG: dict[str, dict[str, str]] = {
    language.tag.casefold(): {key: str(value) for key, value in language.tables["labels"].items()}
    for language in LANGUAGES
}
_BY_PRIMARY: dict[str, dict[str, str]] = {}
for _language in LANGUAGES:
    _BY_PRIMARY.setdefault(_language.primary, _BY_TAG[_language.tag.casefold()])

# The languages a guide can be printed in (by primary subtag); any other is printed in English.
LABEL_LANGUAGES = frozenset(_BY_PRIMARY)

# Withdrawn subtags still found in older manuscripts ("iw" is Hebrew's, as `direction` knows).
_WITHDRAWN = {"iw": "he", "no": "nb"}


@lru_cache(maxsize=64)
def _labels(language: str) -> dict[str, str]:
    tag = language.replace("_", "-").casefold()
    if tag in _BY_TAG:
        return _BY_TAG[tag]
    if (found := table_tag(tag)) is not None and found.casefold() in _BY_TAG:
        return _BY_TAG[found.casefold()]  # "zh-TW" is printed in Traditional Chinese
    primary = tag.split("-")[0]
    return _BY_PRIMARY.get(_WITHDRAWN.get(primary, primary), _BY_TAG["en"])


def labels_for(language: str) -> dict[str, str]:
    """Labels in the guide's language, English for a language that has no file."""
    return dict(_labels(language))
