"""Languages by name: a BCP 47 tag from a tag as typed or from a language's name, in English, in the
language itself or in any other language with a file ("Deutsch", "فارسی", "niemiecki"): CLDR's names
(`cldr`), and the everyday ones it lacks ("farsi") from each language's data file."""

from __future__ import annotations

import re
from functools import cache

from pipeline.i18n.cldr import CLDR_NAMES
from pipeline.i18n.folding import fold_key
from pipeline.i18n.language_data import LANGUAGES
from pipeline.i18n.scripts import DIRECTION_MARKS

# Each tag with its names: the English one first, then its own and other languages' names for it.
LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    language.tag: tuple(language.tables["language"]["names"]) for language in LANGUAGES
}
# Folded as field names are, so "FARSI" and "فارسي" (Arabic yeh) are Persian too.
_TAG_OF_NAME = {fold_key(name): tag for tag, names in LANGUAGE_NAMES.items() for name in names}
_BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@cache
def _cldr_tag_of_name() -> dict[str, str]:
    """CLDR's names, folded, each of one language only (a name two languages share names neither):
    built on the first name that is neither a data file's nor a tag (folding 1,300 names costs a
    process some 8 ms)."""
    tags: dict[str, set[str]] = {}
    for tag, names in CLDR_NAMES.items():
        for name in names:
            tags.setdefault(fold_key(name), set()).add(tag)
    return {name: found.pop() for name, found in tags.items() if len(found) == 1}


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
    return _cldr_tag_of_name().get(name)
