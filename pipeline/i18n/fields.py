"""Book-metadata field names as people write them ("Author:", "Auteur:", "نویسنده:"), from each
language's data file, mapped to the model's names; and the few words that mark a title or language
line on its own."""

from __future__ import annotations

from functools import lru_cache

from pipeline.i18n.decoration import label_text
from pipeline.i18n.folding import fold_key
from pipeline.i18n.language_data import LANGUAGES, union, words

# Per language, the names of each field. A name may appear under several languages ("autor" is
# Spanish, Portuguese and German); a test checks that no two fields share a name once folded.
FIELD_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    language.tag: {field: tuple(names) for field, names in language.tables["fields"].items()}
    for language in LANGUAGES
    if "fields" in language.tables
}

# Every name of each field, over all languages.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {}
for _fields in FIELD_NAMES.values():
    for _field, _names in _fields.items():
        FIELD_ALIASES[_field] = tuple(dict.fromkeys((*FIELD_ALIASES.get(_field, ()), *_names)))

# Every name as written, case folded, to its field: the same name always folds to the same key, so
# a name found here needs none of the letter folding below (most front matter writes "author").
_PLAIN_KEY = {alias.casefold(): key for key, aliases in FIELD_ALIASES.items() for alias in aliases}


@lru_cache(maxsize=1)
def _key_of() -> dict[str, str]:
    """Every name folded, so "نويسنده" (Arabic yeh) is "نویسنده" and "año" is "ano" (both a year, in
    Spanish and Portuguese). Built on the first name not written as listed: folding 1,200 names
    costs a process some 4 % of a one-guide build."""
    return {fold_key(alias): key for key, aliases in FIELD_ALIASES.items() for alias in aliases}


@lru_cache(maxsize=4096)  # a library's guides share their field names
def canonical_key(key: str) -> str | None:
    """The model's name for a field name as written, in any language, its decoration aside
    ("📅 Year Published", "Author(s)"); None when it is none."""
    if found := _PLAIN_KEY.get(key.casefold()):
        return found
    key_of = _key_of()
    found = key_of.get(fold_key(key)) or key_of.get(fold_key(label_text(key)))
    # Note apps' property names join words with hyphens ("reading-time::" in Logseq) as YAML keys
    # join them with underscores: tried last, so a name that holds a hyphen of its own matches first.
    return found or (key_of.get(fold_key(label_text(key.replace("-", " ")))) if "-" in key else None)


# Front matter keys read before the fields are: the guide's language, and its title (the first
# one a front matter has wins).
FRONT_MATTER_LANGUAGE_KEYS = union(words("front_matter", "language"))
FRONT_MATTER_TITLE_KEYS = union(words("front_matter", "title"))

# A "Language: es" line anywhere near the top sets the guide's language (regular expressions,
# matched case-blind).
LANGUAGE_LINE_WORDS = words("lines", "language")
# "Title: Silas Marner" as a loose manuscript's first line is its title field (regular expressions).
TITLE_LINE_WORDS = words("lines", "title")
