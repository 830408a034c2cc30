"""Languages by name: a BCP 47 tag from a tag as typed or from a language's name, in English or in
the language itself ("Deutsch", "فارسی"); the names are in each language's data file."""

from __future__ import annotations

import re

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
