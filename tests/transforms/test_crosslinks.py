"""Cross-links (pipeline.transforms.crosslinks): which forms of a name or term are mentions, and the
first mention in each section linked to its entry."""

from __future__ import annotations

import pytest

from pipeline.build.batch import load_guide
from pipeline.transforms.mentions import name_variants, term_variants
from tests.helpers import NS, REPO, epub_documents, seed_outputs


def test_name_variants_use_unique_parts_only():
    names = ["Kathy H.", "Miss Emily", "Elizabeth Bennet", "Jane Bennet", "Pip (Philip Pirrip)"]
    assert "Kathy" in name_variants("Kathy H.", names)
    assert "Emily" in name_variants("Miss Emily", names) and "Miss" not in name_variants("Miss Emily", names)
    assert "Bennet" not in name_variants("Jane Bennet", names)
    assert {"Pip", "Philip Pirrip"} <= set(name_variants("Pip (Philip Pirrip)", names))
    assert "deferral" in term_variants("deferrals")


def mentions_in(text: str, manuscript: str) -> list[tuple[str, str]]:
    """(words, entry anchor) of every mention the linker finds in `text`."""
    from pipeline.transforms.crosslinks import _Linker

    guide, _ = load_guide(REPO / "manuscripts" / manuscript)
    return [(text[a:b], anchor) for a, b, anchor in _Linker(guide).matches(text)]


def test_possessives_and_quoted_names_are_mentions():
    text = "Jonathan's fiancée, Seward’s patient, ‘Mina’ and Quincey Morris’ knife."
    assert mentions_in(text, "dracula.md") == [
        ("Jonathan", "char-jonathan-harker"),
        ("Seward", "char-dr-john-seward"),
        ("Mina", "char-mina-harker"),
        ("Quincey Morris", "char-quincey-morris"),
    ]


def test_a_particle_stays_with_the_name_it_belongs_to():
    names = ["Victor Frankenstein", "The De Lacey Family", "Jean van Houten"]
    assert {"Lacey", "De Lacey", "de Lacey"} <= set(name_variants("The De Lacey Family", names))
    assert "van Houten" in name_variants("Jean van Houten", names)
    # Not a particle of the name: "Family" is a word that names no one, "The" an article.
    assert "Family" not in name_variants("The De Lacey Family", names)
    text = "the exiled De Lacey family, and old de Lacey himself"
    assert mentions_in(text, "frankenstein.txt") == [
        ("De Lacey", "char-the-de-lacey-family"),
        ("de Lacey", "char-the-de-lacey-family"),
    ]


def test_a_shared_surname_brings_no_particle_form():
    names = ["Felix De Lacey", "Agatha De Lacey"]
    assert not {"Lacey", "De Lacey"} & set(name_variants("Felix De Lacey", names))


def test_a_descriptive_name_is_found_in_lower_case():
    text = "On the glacier the creature confronts him. The creature asks for a companion."
    assert [anchor for _, anchor in mentions_in(text, "frankenstein.txt")] == ["char-the-creature"] * 2


@pytest.fixture(scope="module")
def seed_build(seed_build):
    """The seed's [EPUB, PDF], from the session's one build of it."""
    return seed_outputs(seed_build)


def test_first_mention_per_section_links_to_the_entry(seed_build):
    docs = epub_documents(seed_build[0])
    links = docs["summary.xhtml"].findall(".//x:a[@class='xref']", NS)
    targets = [a.get("href") for a in links]
    assert "characters.xhtml#char-kathy-h" in targets
    assert "glossary.xhtml#term-carer" in targets
    assert len(targets) == len(set(targets))  # once per section
    for href in targets:
        file_name, fragment = href.split("#")
        assert docs[file_name].find(f".//*[@id='{fragment}']") is not None
    for heading in docs["summary.xhtml"].iter(
        "{http://www.w3.org/1999/xhtml}h1", "{http://www.w3.org/1999/xhtml}h2"
    ):
        assert heading.find(".//x:a", NS) is None
    # No entry links to itself; it may link to others ("Kathy" in Tommy's entry).
    characters = docs["characters.xhtml"]
    for dt in characters.iterfind(".//x:dt", NS):
        dd = dt.getnext()
        own = f"characters.xhtml#{dt.get('id')}"
        assert dd is None or all(a.get("href") != own for a in dd.iterfind(".//x:a", NS))
    assert characters.find(".//x:a[@href='characters.xhtml#char-kathy-h']", NS) is not None


@pytest.mark.parametrize("manuscript", ["dracula.md", "frankenstein.txt", "le-comte-de-monte-cristo.md"])
def test_longer_names_tried_only_where_the_text_goes_on_as_one_finds_the_same(manuscript):
    """The folded text's test before reading the words after a first word (the fast path) finds
    what reading them always finds, in every text of the guide."""
    from pipeline.model.walk import iter_inlines
    from pipeline.transforms.crosslinks import _Linker
    from pipeline.transforms.word_starts import word_starts

    guide, _ = load_guide(REPO / "manuscripts" / manuscript)
    linker = _Linker(guide)
    texts = [item.text for s in guide.sections for item in iter_inlines(s) if hasattr(item, "text")]
    texts += ["Van Helsing's and van Helsing, Count Dracula’s, Dr. Seward, the creature's, De Lacey"]
    tried = longer = 0
    for text in texts:
        folded = text.casefold()
        if len(folded) != len(text):
            continue
        for place, raw in word_starts(text, linker.first_words, linker.forms):
            fast = linker._longest_at(text, place, raw, folded)
            assert fast == linker._longest_at(text, place, raw), (text, place)
            tried += 1
            longer += bool(fast and " " in text[fast[0] : fast[1]])
    assert tried > 20 and longer > 0  # the guide's texts hold names, some of several words
