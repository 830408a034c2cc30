"""Which language a text is written in, when its manuscript does not say. A cheap count of the
default language's commonest words comes first (most manuscripts are English, and English prose is
a fifth or more "the", "and", "of" …: they need no model); otherwise py3langid's model decides. The
model takes about half a second to load (numpy and a compressed table), so it is loaded once per
process, on the first text that needs it, and restricted to the languages that have a data file."""

from __future__ import annotations

from functools import cache
from typing import Any

from pipeline.i18n.language_data import LANGUAGES
from pipeline.model.lazy_pattern import LazyPattern

# The model's codes where they are not the data file's BCP 47 tag: it knows Norwegian as the
# macrolanguage ("no"), whose written standard is almost always Bokmål.
_MODEL_CODES = {"nb": "no"}
# Per model code, the file it stands for: the first of a primary subtag ("zh" is "zh-Hans").
_TAG_OF_CODE: dict[str, str] = {}
for _language in LANGUAGES:
    _TAG_OF_CODE.setdefault(_MODEL_CODES.get(_language.primary, _language.primary), _language.tag)

# Per tag, its commonest words ([language] common_words), for the cheap check.
COMMON_WORDS: dict[str, frozenset[str]] = {
    language.tag: frozenset(language.tables["language"]["common_words"])
    for language in LANGUAGES
    if "common_words" in language.tables["language"]
}
_WORD = LazyPattern(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_COMMON_SHARE = 0.2  # English prose runs 35-45 %; other Latin-script languages under 5 %
_COMMON_ENOUGH = 20  # words counted before the share is trusted


def reads_as(text: str, language: str) -> bool:
    """True when the text is plainly in `language` by its commonest words (no model needed)."""
    common = COMMON_WORDS.get(language)
    if not common:
        return False
    words = _words(text.casefold())
    hits = sum(map(common.__contains__, words))  # a call per word in C, not a generator step
    return hits >= _COMMON_ENOUGH and hits >= _COMMON_SHARE * len(words)


# Punctuation that ends or opens a word as written ("end.", "(see"): never a letter or apostrophe.
_EDGES = '.,;:!?"“”«»()[]{}—–-…*_/'


def _words(text: str) -> list[str]:
    """What `_WORD` finds in the text, read faster: no word spans white space, and a token that is
    all letters once its edge punctuation is off is one word (most are); only the others (digits,
    apostrophes, inner punctuation) go through the pattern."""
    tokens = [token.strip(_EDGES) for token in text.split()]
    return [token for token in tokens if token.isalpha()] + [
        word for token in tokens if token and not token.isalpha() for word in _WORD.findall(token)
    ]


@cache
def _identifier() -> Any:
    """py3langid's identifier with normalised probabilities, restricted to our languages."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted(code for code in _TAG_OF_CODE if code in set(identifier.nb_classes)))
    return identifier


def identify(text: str) -> tuple[str, float]:
    """The language tag the text is most likely in, and how likely (0 to 1)."""
    code, probability = _identifier().classify(text)
    return _TAG_OF_CODE.get(code, code), float(probability)
