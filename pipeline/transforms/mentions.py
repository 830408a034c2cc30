"""How entries are named in running text: the forms a character's name or a term may take in a
mention ("Kathy" for "Kathy H.", "de Lacey", "the creature"), and the book's own title with what
makes a mention of it name the book (rules 2 and 3 of `crosslinks`)."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.model.wide_text import wide_search

# Words that name a rank or relation rather than a person: "Miss Emily" is found as "Emily".
_NOT_A_NAME = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "lady",
    "lord",
    "captain",
    "capt",
    "the",
    "of",
    "and",
    "de",
    "du",
    "la",
    "le",
    "von",
    "van",
    "der",
    "di",
    "da",
    "saint",
    "st",
    "mme",
    "mlle",
    "m",
    "monsieur",
    "madame",
    "comte",
    "count",
    "king",
    "queen",
    "prince",
    "princess",
    "uncle",
    "aunt",
    "father",
    "mother",
    "brother",
    "sister",
    "old",
    "young",
    "little",
    "family",
}
_ARTICLES = {"the", "le", "la", "les", "el", "los", "las", "der", "die", "das", "il", "lo"}
# Particles that belong to the surname after them: "the exiled De Lacey family" names "De Lacey".
_PARTICLES = {
    "de",
    "da",
    "di",
    "du",
    "des",
    "del",
    "della",
    "do",
    "dos",
    "das",
    "van",
    "von",
    "der",
    "den",
    "ten",
    "ter",
    "le",
    "la",
}
# Names in these scripts are found inside longer runs of letters: Chinese and Japanese write no
# spaces, and Korean writes a name and its particle as one word ("홍길동은", "홍길동의").
CJK = r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"  # see wide_text
# Words for a work, before its title: "the novel Dracula" (rule 3 of crosslinks' docstring).
_WORK_WORDS = (
    "novel|book|story|tale|novella|play|poem|epic|work|title|roman|livre|récit|conte|novela|libro|obra|"
    "romanzo|Buch|Erzählung|Novelle|Drama"
)
WORD = re.compile(r"[\w’'-]+")


def name_variants(term: str, all_terms: list[str]) -> list[str]:
    """The full name, its alternatives ("Pip (Philip Pirrip)", "A / B") and any part no other
    character shares ("Kathy" for "Kathy H.", but not "Bennet" when five Bennets are listed)."""
    full = [part.strip() for part in re.split(r"\s*/\s*|\s*\(|\)", term) if part.strip()]
    variants = list(dict.fromkeys([term.strip(), *full]))
    for name in full:
        words = WORD.findall(name)
        for index, word in enumerate(words):
            if len(word) < 3 or word.casefold().strip(".") in _NOT_A_NAME or not word[0].isupper():
                continue
            # Asked only of the few words that could be a variant: every term read once a guide.
            if not any(word in _words_of(other) for other in all_terms if other != term):
                variants.append(word)
                variants += _with_particles(words, index)
        variants += _described_forms(name)
    return list(dict.fromkeys(variants))


@lru_cache(maxsize=4096)
def _words_of(term: str) -> frozenset[str]:
    return frozenset(WORD.findall(term))


def _with_particles(words: list[str], index: int) -> list[str]:
    """The surname at `index` with the particles before it, as written and with them in lower
    case ("De Lacey", "de Lacey"), so a mention links the whole name rather than its last word."""
    first = index
    while first > 0 and words[first - 1].casefold() in _PARTICLES:
        first -= 1
    if first == index:
        return []
    particles, surname = words[first:index], words[index]
    return [" ".join([*particles, surname]), " ".join([*(p.lower() for p in particles), surname])]


def _described_forms(name: str) -> list[str]:
    """A name that is a description ("The Creature", "The Narrator") is written in lower case in
    running text ("the creature confronts him"), so those forms name the character too."""
    article, _, rest = name.partition(" ")
    if not rest or article.casefold() not in _ARTICLES:
        return []
    lower_article = article[0].lower() + article[1:]
    return [f"{lower_article} {rest}", f"{article} {rest.lower()}", f"{lower_article} {rest.lower()}"]


def term_variants(term: str) -> list[str]:
    base = term.strip()
    forms = [base]
    if not wide_search(CJK, base):
        forms.append(base[:-1] if base.endswith("s") and len(base) > 3 else base + "s")
    return forms


def bare(text: str) -> str:
    """Text without the spaces and punctuation around it, case-folded: how titles are compared."""
    return text.strip().strip(".,;:!?\"“”‘’'«»").strip().casefold()


def title_forms(title: str) -> frozenset[str]:
    """The book's title and its main title (before a ";" or ":"), case-folded."""
    forms = {bare(title), bare(re.split(r"[;:]", title)[0])}
    return frozenset(form for form in forms if form)


def before_title(authors: tuple[str, ...]) -> re.Pattern[str]:
    """What, right before the title, makes it name the book: an author's possessive or a word for
    a work (rules 2 and 3 of crosslinks' docstring)."""
    names = sorted({w for a in authors for w in WORD.findall(a) if len(w) > 1 and w[0].isupper()})
    possessive = rf"\b(?:{'|'.join(map(re.escape, names))})[’']s?" if names else ""
    work = rf"\b(?i:{_WORK_WORDS})"
    either = f"(?:{possessive}|{work})" if possessive else work
    return re.compile(rf"{either}[,:]?\s+[“\"‘']?$")
