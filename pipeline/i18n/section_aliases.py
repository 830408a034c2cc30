"""Section-name aliases per kind and language, as regular expressions over folded headings: each
language's are in its data file, [sections]; the order of the kinds is here."""

from __future__ import annotations

from pipeline.i18n.language_data import LANGUAGES
from pipeline.model.guide import SectionKind

# Patterns are searched in headings after `section_names.normalise_heading`: case-folded, accents, Arabic
# vowel marks and Hebrew points dropped, Arabic-script letter variants unified (أ إ آ -> ا, ة ۃ ہ ھ ۀ
# -> ه, ى ی ئ -> ي, ک -> ك, ؤ -> و), a zero-width non-joiner read as a space and the Arabic definite
# article removed, so write them in that form ("ملخص فصول", not "ملخص الفصول"; "فاظ" for the Urdu
# "الفاظ", whose first letters read as the article). Accents, Persian and Urdu letters and the
# non-joiner may still be written: each pattern is folded the same way (all but the article) when
# compiled, so "شخصیت ?ها" matches "شخصیت‌ها", "شخصیت ها" and "شخصيتها".
#
# Ordered: the first kind whose pattern matches wins, so narrower kinds ("Chapter Summaries",
# "Symbols and Motifs") come before the broad ones they contain ("Summary").
KIND_ORDER: tuple[SectionKind, ...] = (
    "info",
    "chapters",
    "symbols",
    "quotes",
    "questions",
    "reading",
    "glossary",
    "characters",
    "themes",
    "takeaways",
    "significance",
    "summary",
)


# Per kind, each language's pattern, keyed by the language's primary subtag ("zh" of "zh-Hans"):
# two files of one language (Simplified and Traditional Chinese) are one alternation.
def _patterns(kind: SectionKind) -> dict[str, str]:
    found: dict[str, list[str]] = {}
    for language in LANGUAGES:
        if kind in language.tables.get("sections", {}):
            found.setdefault(language.primary, []).append(str(language.tables["sections"][kind]))
    return {primary: "|".join(f"(?:{p})" if len(ps) > 1 else p for p in ps) for primary, ps in found.items()}


ALIASES: tuple[tuple[SectionKind, dict[str, str]], ...] = tuple(
    (kind, _patterns(kind)) for kind in KIND_ORDER
)
# The full tag of a language whose patterns are keyed by a shorter one: "zh" is "zh-Hans".
ALIAS_TAGS: dict[str, str] = {}
for _language in LANGUAGES:
    if "sections" in _language.tables and _language.primary != _language.tag:
        ALIAS_TAGS.setdefault(_language.primary, _language.tag)
