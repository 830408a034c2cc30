"""The book's own terms: words a summary sets in quotes as terms (not speech), merged into a Glossary.

The rule, stated once: a quoted span is a term when it
  1. holds one to three words (one to six characters in scripts written without spaces),
  2. has no "!", "?" or comma inside (those are speech) and is made of words: it starts with a
     letter and holds only letters, digits, spaces, hyphens, apostrophes and dots (`x()` in a
     pasted `onclick="x()"` or "<b>" is code, not a term),
  3. is not introduced or followed by a speech verb ("she said “…”", "“…,” he asks"),
  4. is not capitalised with closing punctuation inside ("“Yes.”" is a reply), nor a Title Case
     phrase of several words ("“Paradise Lost”" is the name of a work).
Trailing full stops inside the quotes are dropped (“purpose.” is the term "purpose").

Terms are one term across their word forms: they match by their Snowball stems, in every language
that has a stemmer ("entailed", "entails" and "Entail" are "entail"; elsewhere by case and a plural
-s). The manuscript's own definition wins over a found term of the same stem, and a term found in
several forms is entered in its shortest form (the most frequent, then the first, among equals),
which is its dictionary form more often than not.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from pipeline.i18n.language_data import alternatives, words
from pipeline.i18n.section_names import label
from pipeline.model import guide as m
from pipeline.model.excerpt import ABBREVIATION
from pipeline.model.location import SourceLocation
from pipeline.model.rebuilt import rebuilt
from pipeline.model.text import plain_text
from pipeline.model.walk import block_inlines, iter_blocks
from pipeline.model.wide_text import wide_search

# English “…”, straight "…", French and Spanish «…», German „…“ and CJK 「…」.
_QUOTED = re.compile(
    r"“([^“”\n]{1,60})”|\"([^\"\n]{1,60})\"|«\s?([^«»\n]{1,60}?)\s?»|「([^「」\n]{1,30})」|„([^„“”\"\n]{1,60})[“”\"]"
)
_NOT_A_WORD = re.compile(r"[^\w\s'’\-.·・]")
_NO_SPACES = r"[\u3040-\u30ff\u3400-\u9fff]"  # see wide_text
_SENTENCES = re.compile(r"(?<=[.!?。！？])[\"”»]?\s+")
SCANNED_KINDS = ("summary", "chapters", "themes", "takeaways", "significance", "symbols", "other")


@dataclass(frozen=True, slots=True)
class FoundTerm:
    """A quoted term found in the book's text, with the sentence of its first use."""

    term: str
    context: str
    loc: SourceLocation


@lru_cache(maxsize=8)
def _speech(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Speech verbs (each language file's [values] speech_verbs) within two words of a quote, in
    the same sentence, before it and after it: the guide's language's verbs and English's, since
    summaries quote English translations. Only these: "der" says in Turkish what it is in German."""
    primary = language.split("-")[0].lower()
    verbs = alternatives(
        {
            tag: found
            for tag, found in words("values", "speech_verbs").items()
            if tag.split("-")[0].lower() in (primary, "en")
        }
    )
    before = re.compile(rf"(?:\b(?:{verbs})\b|[:：])\s*(?:[^\s.!?]+\s+){{0,2}}$", re.I)
    after = re.compile(rf"^[\s,]*(?:[^\s.!?]+\s+){{0,2}}\b(?:{verbs})\b", re.I)
    return before, after


def is_term(inner: str, before: str, after: str, language: str = "en") -> bool:
    """Apply the module's rule to one quoted span and the text around it."""
    text = inner.strip()
    stripped = text.rstrip(".").strip()
    if not stripped or re.search(r"[!?,;:！？，]", stripped):
        return False
    if not stripped[0].isalpha() or _NOT_A_WORD.search(stripped):
        return False
    if wide_search(_NO_SPACES, stripped):
        if len(stripped) > 6:
            return False
    elif len(stripped.split()) > 3 or not re.search(r"\w", stripped):
        return False
    speech_before, speech_after = _speech(language)
    if speech_before.search(before[-40:]) or speech_after.search(after[:40]):
        return False
    words = stripped.split()
    title_case = len(words) > 1 and all(w[0].isupper() for w in words)
    return not (stripped[0].isupper() and (text.endswith(".") or title_case))


def find_terms(text: str, language: str = "en") -> list[tuple[str, str]]:
    """(term, sentence of use) for each quoted term in a paragraph's text, in order."""
    found = []
    boundaries: list[tuple[int, int]] | None = None  # (start, end) of each sentence, made once
    for match in _QUOTED.finditer(text):
        inner = next(group for group in match.groups() if group is not None)
        if is_term(
            inner,
            text[max(0, match.start() - 60) : match.start()],
            text[match.end() : match.end() + 60],
            language,
        ):
            if boundaries is None:
                boundaries = _sentence_spans(text)
            index = bisect.bisect_right([start for start, _ in boundaries], match.start()) - 1
            start, end = boundaries[max(index, 0)]
            found.append((inner.strip().rstrip(".").strip(), text[start:end].strip()))
    return found


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for boundary in _SENTENCES.finditer(text):
        # "Josef K. versteht", "Mr. Darcy": a full stop after an initial or a title ends no sentence.
        if ABBREVIATION.search(text[max(start, boundary.start() - 11) : boundary.start()]):
            continue
        spans.append((start, boundary.start() + 1))
        start = boundary.end()
    spans.append((start, len(text)))
    return spans


def collect_terms(guide: m.Guide) -> list[FoundTerm]:
    """Every distinct term the guide's prose sets in quotes, one per stem, in the form the
    module's docstring names, with the sentence of its first use."""
    language = guide.meta.language
    first: dict[str, FoundTerm] = {}  # stem key -> the first use of any of its forms
    forms: dict[str, Counter[str]] = {}  # stem key -> how often each form is used
    for section in guide.sections:
        if section.kind not in SCANNED_KINDS:
            continue
        for block in iter_blocks(section.blocks):
            if isinstance(block, m.Heading):
                continue
            for inlines in block_inlines(block):
                text = plain_text(inlines).replace("\n", " ")
                for term, context in find_terms(text, language):
                    key = term_key(term, language)
                    first.setdefault(key, FoundTerm(term, context, block.loc))
                    forms.setdefault(key, Counter())[term] += 1
    found = []
    for key, use in first.items():
        counts = forms[key]
        order = list(counts)  # forms in order of first use
        best = min(order, key=lambda form: (len(form), -counts[form], order.index(form)))
        found.append(rebuilt(use, term=best))
    return found


# Snowball's stemmers by the language's primary subtag (those this snowballstemmer has).
_STEMMERS = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech", "da": "danish",
    "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian", "fi": "finnish", "fr": "french",
    "de": "german", "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "nb": "norwegian", "nn": "norwegian",
    "no": "norwegian", "fa": "persian", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "st": "sesotho", "es": "spanish", "sv": "swedish", "ta": "tamil",
    "tr": "turkish", "yi": "yiddish",
}  # fmt: skip


@lru_cache(maxsize=16)
def _stemmer(language: str):  # -> snowballstemmer stemmer | None
    name = _STEMMERS.get(language.lower().split("-")[0])
    if not name:
        return None
    # Imported on first use: the package loads all of its stemmers at once (about 10 ms), which a
    # run whose guides have no glossary terms need not pay.
    import snowballstemmer

    return snowballstemmer.stemmer(name) if name in snowballstemmer.algorithms() else None


def term_key(term: str, language: str = "") -> str:
    """Terms match case-insensitively across their word forms: by the Snowball stem of each word
    where the language has a stemmer ("entailed" is "entail"), else ignoring a plural -s
    ("deferral" is "deferrals")."""
    key = term.casefold().strip()
    stemmer = _stemmer(language) if language else None
    if stemmer is not None:
        return " ".join(stemmer.stemWords(key.split()))
    return key[:-1] if len(key) > 3 and key.endswith("s") and not key.endswith("ss") else key


def add_auto_glossary(guide: m.Guide) -> m.Guide:
    """Merge found terms into the Glossary section (the manuscript's own definitions win)."""
    found = collect_terms(guide)
    if not found:
        return guide
    glossary = guide.section("glossary")
    language = guide.meta.language
    known = {term_key(entry.term, language) for entry in glossary.entries} if glossary else set()
    known |= {term_key(e.term, language) for s in guide.sections if s.kind == "characters" for e in s.entries}
    new_entries = tuple(
        m.Entry(term.term, (), term.loc, context=term.context)
        for term in found
        if term_key(term.term, language) not in known
    )
    if not new_entries:
        return guide
    if glossary is None:
        section = m.Section(
            "glossary", label(guide.meta.language, "glossary"), (), new_entries[0].loc, new_entries
        )
        return rebuilt(guide, sections=(*guide.sections, section))
    sections = tuple(
        rebuilt(s, entries=s.entries + new_entries) if s is glossary else s for s in guide.sections
    )
    return rebuilt(guide, sections=sections)
