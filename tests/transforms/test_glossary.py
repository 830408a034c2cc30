"""Study-guide features: the auto-glossary rule, cross-links, the PDF index, pull quotes, facts."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from pipeline.build.batch import BuildOptions, build_all, load_guide
from pipeline.transforms.crosslinks import name_variants, term_variants
from pipeline.transforms.glossary import find_terms, is_term
from pipeline.writers.inspect_json import guide_to_json
from tests import needs
from tests.helpers import REPO, SEED

MANUSCRIPTS = sorted(p for p in (REPO / "manuscripts").iterdir() if p.suffix in (".md", ".txt"))
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"../shared is missing: no seed at {SEED}")
needs_poppler = needs.poppler


def glossary_terms(path: Path, **options) -> list[str]:
    guide, report = load_guide(path, **options)
    return [entry["term"] for entry in guide_to_json(guide, report)["glossary"]]


# ---------------------------------------------------------------- the rule


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They donate organs (“donations”) and die (“complete”).", ["donations", "complete"]),
        ("The guardians speak about their “purpose.”", ["purpose"]),
        ("She said “go away” and left.", []),  # introduced by a speech verb
        ("“Leave now,” he tells her.", []),  # comma inside: speech
        ("“Is it true?” Tommy wonders.", []),  # question: speech
        ("He only answers “Yes.”", []),  # speech verb, and a capitalised reply
        ("They read “Paradise Lost” together.", []),  # a Title Case work
        ("A “long phrase of many words here” is no term.", []),
        ("石猴被称为“美猴王”。", ["美猴王"]),
        ("Das „Gericht“ tagt auf Dachböden.", ["Gericht"]),  # German quotes
        ('Er hofft auf die „Verschleppung" des Verfahrens.', ["Verschleppung"]),  # half-typed
        ("Der Advokat antwortet „Nein“ und schweigt.", []),
    ],
)
def test_quoted_term_rule(sentence, expected):
    assert [term for term, _ in find_terms(sentence)] == expected


def test_is_term_wants_words_not_code():
    assert not is_term("x()", "<div onclick=", ">unclosed")
    assert not is_term("<b>", "it printed ", " in bold")
    assert not is_term("a = b", "the rule ", " holds")
    assert not is_term("42", "the answer ", " again")
    assert is_term("Newspeak", "the language called ", " replaces")
    assert is_term("o'clock", "the ", " rule")
    assert is_term("well-being", "their ", " matters")
    assert is_term("孙悟空", "the monkey ", " rebels")


def test_is_term_rejects_speech_after_the_quote():
    assert not is_term("run", "", " she whispered.")
    assert is_term("carer", "Kathy becomes a ", "—a clone who looks after others")


@needs_seed
def test_seed_glossary_lists_the_novels_terms_and_no_dialogue():
    terms = glossary_terms(SEED)
    assert {"donations", "complete", "carer", "deferrals"} <= set(terms)
    guide, _ = load_guide(SEED)
    glossary = guide.section("glossary")
    assert glossary is not None and glossary.kind == "glossary"
    by_term = {entry.term: entry for entry in glossary.entries}
    assert "deferrals" in by_term["deferrals"].context and by_term["deferrals"].context.endswith(".")


@pytest.mark.parametrize("manuscript", MANUSCRIPTS, ids=lambda p: p.stem)
def test_shipped_auto_terms_follow_the_rule(manuscript):
    guide, _ = load_guide(manuscript)
    auto = [e for s in guide.sections if s.kind == "glossary" for e in s.entries if e.context]
    for entry in auto:
        assert 1 <= len(entry.term.split()) <= 3 and not re.search(r"[!?,]", entry.term), entry.term
        assert entry.term in entry.context  # the sentence of first use really uses it


def test_the_sentence_of_first_use_does_not_stop_at_an_initial():
    assert find_terms("Er ist müde. Josef K. versteht das „Gericht“ nicht.") == [
        ("Gericht", "Josef K. versteht das „Gericht“ nicht.")
    ]


@needs_seed
def test_no_auto_glossary_turns_detection_off():
    assert glossary_terms(SEED, auto_glossary=False) == []


def test_manuscript_definition_wins(tmp_path):
    path = tmp_path / "book.md"
    path.write_text(
        "# Book\n\nby A. Writer\n\n## Summary\n\nShe becomes a “carer” and hears of “deferrals”.\n\n"
        "## Glossary\n\n- Carer: a clone who looks after donors\n",
        encoding="utf-8",
    )
    guide, _ = load_guide(path)
    entries = guide.section("glossary").entries
    assert [e.term for e in entries] == ["Carer", "deferrals"]
    assert "looks after donors" in "".join(getattr(i, "text", "") for i in entries[0].body)
    assert entries[0].context == "" and entries[1].context


# ---------------------------------------------------------------- cross-links


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
def seed_build(tmp_path_factory):
    if not SEED.is_file():
        pytest.skip(f"../shared is missing: no seed at {SEED}")
    out = tmp_path_factory.mktemp("seed")
    [outcome] = build_all([SEED], BuildOptions(formats=("epub", "pdf"), out_dir=out))
    assert not outcome.failed, outcome.reason
    return outcome.outputs


def epub_documents(epub: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(epub) as archive:
        return {
            n.removeprefix("EPUB/"): etree.fromstring(archive.read(n))
            for n in archive.namelist()
            if n.endswith(".xhtml")
        }


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


@needs_poppler
def test_pdf_glossary_quotes_the_first_use_with_inner_quotes(seed_build):
    text = " ".join(
        subprocess.run(["pdftotext", str(seed_build[1]), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "their ‘purpose.’”" in text and "“purpose.””" not in text


def test_pdf_cross_links_are_internal_link_annotations(seed_build):
    reader = PdfReader(seed_build[1])
    dests = [a.get_object().get("/Dest") for page in reader.pages[2:4] for a in page.get("/Annots", [])]
    assert "char-kathy-h" in [str(d) for d in dests if d is not None]


@needs_poppler
def test_pdf_index_page_numbers_are_right(seed_build):
    pdf = seed_build[1]
    pages = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    index_at = next(i for i, text in enumerate(pages) if re.search(r"^Index$", text, re.M))
    guide, _ = load_guide(SEED)
    entries = [e for s in guide.sections if s.kind in ("characters", "glossary") for e in s.entries]
    names = [e.term for s in guide.sections if s.kind == "characters" for e in s.entries]
    index_text = " ".join(pages[index_at:]).replace("\n", " ")
    checked = 0
    for entry in entries:
        match = re.search(rf"{re.escape(entry.term)}\s+((?:\d+,\s*)*\d+)", index_text)
        assert match, f"{entry.term} missing from the index"
        variants = name_variants(entry.term, names) + term_variants(entry.term)
        for number in map(int, match.group(1).split(",")):
            page_text = " ".join(pages[number - 1].split())
            assert any(v.casefold() in page_text.casefold() for v in variants), (entry.term, number)
            checked += 1
    assert checked >= len(entries)


@pytest.mark.pdf
@needs_poppler
def test_pdf_index_lists_every_character_and_term_even_without_mentions(tmp_path):
    path = tmp_path / "quiet.md"
    path.write_text(
        "# Quiet\n\nby A. Writer\n\n## Summary\n\nAda walks to the harbour.\n\n"
        "## Characters\n\n- Ada Quill: the walker\n- Bruno Vale: never mentioned in the story\n\n"
        "## Glossary\n\n- Shoaling: a word the summary never uses\n",
        encoding="utf-8",
    )
    [outcome] = build_all([path], BuildOptions(formats=("pdf",), out_dir=tmp_path / "out"))
    pages = subprocess.run(
        ["pdftotext", str(outcome.outputs[0]), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    index_text = " ".join(" ".join(pages[-2].split()).split("Index", 1)[-1:])
    for term in ("Ada Quill", "Bruno Vale", "Shoaling"):
        match = re.search(rf"{term} ((?:\d+, )*\d+)", index_text)
        assert match, f"{term} missing from the index"
        for number in map(int, match.group(1).split(", ")):
            assert term.split()[0] in pages[number - 1], (term, number)  # "Ada" names Ada Quill


# ---------------------------------------------------------------- extras and facts


def test_quotes_become_pull_quotes_with_speaker_and_explanation(tmp_path):
    [outcome] = build_all(
        [REPO / "manuscripts" / "frankenstein.txt"], BuildOptions(formats=("epub",), out_dir=tmp_path)
    )
    docs = epub_documents(outcome.outputs[0])
    figures = docs["quotes.xhtml"].findall(".//x:figure[@class='pullquote']", NS)
    assert len(figures) == 2
    assert figures[0].find("x:figcaption", NS).text == "— The Creature"
    assert "misery made me a fiend" in "".join(figures[0].find("x:blockquote", NS).itertext())
    assert docs["quotes.xhtml"].find(".//x:p[@class='quote-explanation']", NS) is not None


def test_questions_are_numbered(tmp_path):
    [outcome] = build_all(
        [REPO / "manuscripts" / "moby-dick.md"], BuildOptions(formats=("epub",), out_dir=tmp_path)
    )
    questions = epub_documents(outcome.outputs[0])["questions.xhtml"].find(".//x:ol[@class='questions']", NS)
    assert questions is not None and len(questions) >= 5


@pytest.mark.parametrize(
    "questions",
    [
        "- Why does Tom wait?\n- What does the harbour mean?",
        "Why does Tom wait?\n\nWhat does the harbour mean?",
    ],
    ids=["bulleted", "one-a-line"],
)
def test_questions_are_numbered_however_they_were_written(tmp_path, questions):
    path = tmp_path / "harbour.md"
    path.write_text(
        f"# Harbour\n\nby A. Writer\n\n## Summary\n\nTom waits.\n\n## Discussion Questions\n\n{questions}\n",
        encoding="utf-8",
    )
    [outcome] = build_all([path], BuildOptions(formats=("epub",), out_dir=tmp_path / "out"))
    questions_doc = epub_documents(outcome.outputs[0])["questions.xhtml"]
    numbered = questions_doc.find(".//x:ol[@class='questions']", NS)
    assert numbered is not None and len(numbered) == 2


def test_nothing_is_invented(tmp_path):
    path = tmp_path / "bare.md"
    path.write_text(
        "# Bare\n\nby A. Writer\n\n## Summary\n\nA plain story with no quoted terms.\n", encoding="utf-8"
    )
    guide, _ = load_guide(path)
    assert [s.kind for s in guide.sections] == ["info", "summary"]


@pytest.mark.parametrize(
    "manuscript", [*MANUSCRIPTS, REPO / "tests" / "corpus" / "minimal.txt"], ids=lambda p: p.stem
)
def test_facts_at_a_glance_show_only_what_is_given(manuscript, tmp_path):
    [outcome] = build_all([manuscript], BuildOptions(formats=("epub",), out_dir=tmp_path))
    info = epub_documents(outcome.outputs[0])["info.xhtml"]
    facts = {
        "".join(f.find("x:dt", NS).itertext()): "".join(f.find("x:dd", NS).itertext())
        for f in info.iterfind(".//x:div[@class='fact']", NS)
    }
    assert all(value.strip() and value.strip() not in ("None", "null") for value in facts.values()), facts
    guide, _ = load_guide(manuscript)
    assert bool(guide.meta.year_text) == any(k in facts for k in ("Published", "Publication"))
    assert any(re.search(r"\d+ (words|mots) · \d+ min", v) for v in facts.values())
