"""The writing direction of a BCP 47 language tag: "rtl" for right-to-left scripts, else "ltr", as
CLDR gives it (`cldr`): "az-Arab" is right to left, "ku-Latn" is not."""

from __future__ import annotations

from functools import lru_cache

from pipeline.i18n.cldr import direction


@lru_cache(maxsize=256)
def text_direction(language: str) -> str:
    """Direction of the tag's script: readers lay out lists, notes and page turns from it."""
    return direction(language)
