"""Languages by name: a BCP 47 tag from a tag as typed or from a language's name, in English, in the
language itself or in any other language with a file ("Deutsch", "فارسی", "niemiecki"): CLDR's names
(`cldr`), and the everyday ones it lacks ("farsi") from each language's data file."""

from __future__ import annotations

import re

from pipeline.i18n.cldr import CLDR_NAMES
from pipeline.i18n.folding import fold_key
from pipeline.i18n.language_data import LANGUAGES
from pipeline.i18n.scripts import DIRECTION_MARKS

# Each tag with its names: the English one first, then its own and other languages' names for it.
LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    language.tag: tuple(language.tables["language"]["names"]) for language in LANGUAGES
}
# Folded as field names are, so "FARSI" and "فارسي" (Arabic yeh) are Persian too. A CLDR name that
# two languages share once folded names neither; a data file's name outranks CLDR's.
_CLDR_TAGS: dict[str, set[str]] = {}
for _tag, _names in CLDR_NAMES.items():
    for _name in _names:
        _CLDR_TAGS.setdefault(fold_key(_name), set()).add(_tag)
_TAG_OF_NAME = {name: tags.pop() for name, tags in _CLDR_TAGS.items() if len(tags) == 1}
_TAG_OF_NAME.update({fold_key(name): tag for tag, names in LANGUAGE_NAMES.items() for name in names})
_BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def language_tag(value: str) -> str | None:
    """A BCP 47 tag from a tag or a language's name; None when it is neither."""
    text = value.strip().strip(DIRECTION_MARKS).strip()
    if (name := fold_key(text)) in _TAG_OF_NAME:
        return _TAG_OF_NAME[name]
    if _BCP47.match(text):
        head, *rest = text.split("-")
        return "-".join(
            [head.lower(), *(r.title() if len(r) == 4 else r.upper() if len(r) == 2 else r for r in rest)]
        )
    return None
