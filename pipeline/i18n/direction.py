"""The writing direction of a BCP 47 language tag: "rtl" for right-to-left scripts, else "ltr"."""

from __future__ import annotations

# Languages written right to left by default, and the script subtags that make any tag so
# ("az-Arab" is, "ku-Latn" is not).
_RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"}
)
_RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "samr", "mand"})


def text_direction(language: str) -> str:
    """Direction of the tag's script: readers lay out lists, notes and page turns from it."""
    subtags = language.replace("_", "-").casefold().split("-")
    script = next((tag for tag in subtags[1:] if len(tag) == 4 and tag.isalpha()), None)
    if script is not None:
        return "rtl" if script in _RTL_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in _RTL_LANGUAGES else "ltr"
