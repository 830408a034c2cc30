"""Chat-assistant answers as people paste them (ChatGPT, Claude, Gemini and Copilot styles, in
English, French, German and Spanish, in Markdown and as plain text): the right title, authors,
facts, sections and entries, the chatter left out with a warning on its line, and no separator left
between sections in any output."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.build.batch import BuildOptions, build_all, load_guide
from pipeline.checks.lint import lint_file
from pipeline.model import guide as m
from pipeline.model.text import plain_text
from pipeline.model.walk import iter_blocks
from pipeline.readers.heading_title import about_book, byline_title, opening_sentence_title

ANSWERS = Path(__file__).with_name("chat_answers")

# file: (title, authors, year, genres, pages, reading time, language, section kinds, entries, chatter lines)
EXPECTED = {
    "chatgpt-silas-marner.md": (
        "Silas Marner",
        ("George Eliot",),
        1861,
        ("Realist fiction", "Victorian novel"),
        240,
        "4–5 hours",
        "en",
        ["info", "summary", "characters", "themes", "takeaways"],
        ["Silas Marner", "Eppie"],
        [1, 45],
    ),
    "claude-middlemarch.md": (
        "Middlemarch",
        ("George Eliot",),
        1871,
        ("Realist novel",),
        880,
        "about 14 hours",
        "en",
        ["info", "summary", "characters", "themes"],
        ["Dorothea Brooke", "Tertius Lydgate"],
        [1, 29, 31],
    ),
    "gemini-gatsby.md": (
        "The Great Gatsby",
        ("F. Scott Fitzgerald",),
        1925,
        ("Modernist novel",),
        180,
        "3–4 hours",
        "en",
        ["info", "summary", "characters", "themes"],
        ["Jay Gatsby", "Daisy Buchanan"],
        [37],
    ),
    "copilot-frankenstein.md": (
        "Frankenstein",
        ("Mary Shelley",),
        1818,
        ("Gothic fiction", "science fiction"),  # the Genre item goes on on its next line
        280,
        "5 hours",
        "en",
        ["info", "summary", "characters", "questions"],
        ["Victor Frankenstein", "The Creature"],
        [1],
    ),
    "fr-madame-bovary.md": (
        "Madame Bovary",
        ("Gustave Flaubert",),
        1857,
        ("roman réaliste",),
        480,
        "8 heures",
        "fr",
        ["info", "summary", "characters", "themes"],
        ["Emma Bovary", "Charles Bovary"],
        [1, 37, 39],
    ),
    "de-der-process.md": (
        "Der Process",
        ("Franz Kafka",),
        1925,
        ("Roman",),
        288,
        "5 Stunden",
        "de",
        ["info", "summary", "characters", "themes"],
        ["Josef K.", "Fräulein Bürstner"],
        [1, 35],
    ),
    "copied-never-let-me-go.txt": (  # copied from a chat window as plain text: the loose dialect
        "Never Let Me Go",
        ("Kazuo Ishiguro",),
        2005,
        (),
        288,
        "4-5 hours",
        "en",
        ["info", "summary", "characters"],
        ["Kathy H.", "Tommy"],
        [1, 13],
    ),
    "es-cien-anos.md": (
        "Cien años de soledad",
        ("Gabriel García Márquez",),
        1967,
        ("Realismo mágico",),
        471,
        "12 horas",
        "es",
        ["info", "summary", "characters"],
        ["José Arcadio Buendía", "Úrsula Iguarán"],
        [1, 30],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_chat_answer_reads_to_the_right_guide(name: str):
    title, authors, year, genres, pages, reading, language, kinds, entries, chatter = EXPECTED[name]
    guide, report = load_guide(ANSWERS / name)
    meta = guide.meta
    assert (meta.title, meta.authors, meta.year, meta.genres) == (title, authors, year, genres)
    assert (meta.pages, meta.reading_time, meta.language) == (pages, reading, language)
    assert [section.kind for section in guide.sections] == kinds
    assert [entry.term for section in guide.sections for entry in section.entries] == entries
    assert [d.location.line for d in report.items if d.code == "W-CHATTER"] == chatter
    assert not [d for d in report.items if d.code in ("W-UNKNOWN-SECTION", "W-EMPTY-SECTION")]
    for section in guide.sections:
        # Shown titles carry no pictograph or numbering: "🧠 1. Summary:" is "Summary".
        assert section.title[:1].isalpha(), section.title
        # A `---` between sections is no block of either section.
        if section.blocks:
            assert not isinstance(section.blocks[0], m.Rule)
            assert not isinstance(section.blocks[-1], m.Rule)


def test_a_rule_between_two_paragraphs_stays_a_scene_break():
    guide, _ = load_guide(ANSWERS / "copilot-frankenstein.md")
    summary = guide.section("summary")
    assert [type(block).__name__ for block in summary.blocks] == ["Paragraph", "Rule", "Paragraph"]


def test_lint_lists_the_chatter_with_its_line():
    found = [d for d in lint_file(ANSWERS / "claude-middlemarch.md") if d.code == "W-CHATTER"]
    assert [d.location.line for d in found] == [1, 29, 31]
    assert "I hope this helps" in found[1].message
    assert str(found[0]).startswith(f"{ANSWERS / 'claude-middlemarch.md'}:1: warning[W-CHATTER]:")


def test_no_chatter_and_no_stray_rule_reaches_the_html(tmp_path: Path):
    source = ANSWERS / "chatgpt-silas-marner.md"
    outcomes = list(build_all([source], BuildOptions(formats=("html",), out_dir=tmp_path)))
    assert not outcomes[0].failed
    html = (tmp_path / "html" / "chatgpt-silas-marner.html").read_text(encoding="utf-8")
    assert "<hr" not in html
    assert "Would you like" not in html and "study guide for" not in html
    assert "🧠" not in html and "Book Summary" not in html


def _heading(markdown_inlines: tuple[m.Inline, ...]) -> m.Heading:
    from pipeline.model.location import SourceLocation

    return m.Heading(1, markdown_inlines, SourceLocation("x.md", 1))


@pytest.mark.parametrize(
    ("inlines", "title", "author"),
    [
        (
            (m.Text("Book Summary: "), m.Emph((m.Text("Silas Marner"),)), m.Text(" by George Eliot")),
            "Silas Marner",
            "George Eliot",
        ),
        ((m.Text("Here is a summary of “Silas Marner”"),), "Silas Marner", None),
        ((m.Text("Here’s a study guide for Silas Marner by George Eliot"),), "Silas Marner", "George Eliot"),
        ((m.Text("📚 Study Guide — Silas Marner"),), "Silas Marner", None),
        ((m.Text("Middlemarch: A Study Guide"),), "Middlemarch", None),
        ((m.Text("Fiche de lecture : "), m.Emph((m.Text("Madame Bovary"),))), "Madame Bovary", None),
        (
            (
                m.Text("Resumen de "),
                m.Strong((m.Text("Cien años de soledad"),)),
                m.Text(" por Gabriel García Márquez"),
            ),
            "Cien años de soledad",
            "Gabriel García Márquez",
        ),
        ((m.Text("『こころ』のあらすじ"),), "こころ", None),
    ],
)
def test_a_heading_that_is_a_sentence_about_the_book_names_it(inlines, title: str, author: str | None):
    language = {"Fiche": "fr", "Resumen": "es", "『こころ』のあらすじ": "ja"}
    first = plain_text(inlines).split()[0]
    said = about_book(_heading(inlines), language.get(first, "en"))
    assert said is not None
    assert (said.title, said.author) == (title, author)


@pytest.mark.parametrize(
    ("language", "heading", "title"),
    [
        ("ko", "『운수 좋은 날』 줄거리 요약", "운수 좋은 날"),
        ("tr", "Suç ve Ceza Kitap Özeti", "Suç ve Ceza"),
        ("uk", "Короткий зміст: Тіні забутих предків", "Тіні забутих предків"),
        ("vi", "Tóm tắt Chí Phèo", "Chí Phèo"),
        ("cs", "Babička – čtenářský deník", "Babička"),
        ("th", "สรุปหนังสือ: ลูกอีสาน", "ลูกอีสาน"),
        ("hi", "गोदान का सारांश", "गोदान"),
        ("da", "Resumé af Babettes gæstebud", "Babettes gæstebud"),
        ("ro", "Rezumatul romanului Ion", "Ion"),
        ("id", "Ringkasan Novel Laskar Pelangi", "Laskar Pelangi"),
    ],
)
def test_a_sentence_heading_in_a_newer_language_names_the_book(language: str, heading: str, title: str):
    said = about_book(_heading((m.Text(heading),)), language)
    assert said is not None and said.title == title
    # The book's own title, and a heading that only names the kind of text, are no such sentence.
    assert about_book(_heading((m.Text(title),)), language) is None


@pytest.mark.parametrize(("language", "heading"), [("vi", "Tóm tắt nội dung"), ("id", "Ringkasan Cerita")])
def test_a_heading_that_names_only_the_summary_names_no_book(language: str, heading: str):
    assert about_book(_heading((m.Text(heading),)), language) is None


@pytest.mark.parametrize(
    "text",
    ["Silas Marner", "A Christmas Story", "Summary", "The Story in Brief", "Guide", "Notes from Underground"],
)
def test_a_title_is_not_a_sentence_about_the_book(text: str):
    assert about_book(_heading((m.Text(text),))) is None


def test_a_byline_paragraph_names_the_book_under_a_sentence_heading(load):
    text = (
        "# Here is a summary of the novel you asked about\n\n"
        "*Silas Marner* by George Eliot\n\n## Summary\n\nSilas weaves.\n"
    )
    guide, _ = load("byline.md", text)
    assert (guide.meta.title, guide.meta.authors) == ("Silas Marner", ("George Eliot",))
    found = byline_title([m.Paragraph((m.Text("Silas Marner by George Eliot"),), _heading(()).loc)])
    assert found == ("Silas Marner", "George Eliot")


def test_a_title_field_wins_over_the_sentence_heading(load):
    text = (
        "# Book Summary: Silas Marner\n\n"
        "- **Book Title:** Silas Marner: The Weaver of Raveloe\n\n## Summary\n\nX.\n"
    )
    guide, _ = load("field.md", text)
    assert guide.meta.title == "Silas Marner: The Weaver of Raveloe"


def test_a_plain_title_heading_is_kept_whatever_the_fields_say(load):
    text = "# Silas Marner\n\n- **Title:** Something Else\n\n## Summary\n\nX.\n"
    guide, _ = load("plain.md", text)
    assert guide.meta.title == "Silas Marner"


def test_a_dashed_author_in_the_top_heading_goes_when_an_author_field_names_them(load):
    text = "# Die Verwandlung – Franz Kafka\n\n- **Autor:** Franz Kafka\n\n## Zusammenfassung\n\nX.\n"
    guide, _ = load("dashed.md", text)
    assert (guide.meta.title, guide.meta.authors) == ("Die Verwandlung", ("Franz Kafka",))


def test_a_dashed_subtitle_in_the_top_heading_stays(load):
    # The dash parts a title from its subtitle as often as from its author: only the author goes.
    text = "# Emma – A Novel\n\n- **Author:** Jane Austen\n\n## Summary\n\nX.\n"
    guide, _ = load("subtitle.md", text)
    assert guide.meta.title == "Emma – A Novel"


def test_rules_between_sections_make_no_empty_section(load):
    text = "# Silas Marner\n\n---\n\n## Summary\n\nOne.\n\n---\n\n---\n\n## Themes\n\n- Faith\n\n---\n"
    guide, report = load("rules.md", text)
    assert [s.kind for s in guide.sections] == ["info", "summary", "themes"]
    assert not any(isinstance(b, m.Rule) for s in guide.sections for b in iter_blocks(s.blocks))
    assert not [d for d in report.items if d.code == "W-EMPTY-SECTION"]


def test_a_title_field_names_the_book_when_only_chatter_was_above_the_book_info(load):
    text = (
        "Sure! Here is a summary of *Silas Marner*:\n\n**Book Info**\n- **Title:** Silas Marner\n"
        "- **Author:** George Eliot\n- **Published:** 1861\n\n## Summary\n\nSilas weaves.\n"
    )
    guide, report = load("no-heading.md", text)
    meta = guide.meta
    assert (meta.title, meta.authors, meta.year) == ("Silas Marner", ("George Eliot",), 1861)
    assert [d.code for d in report.items if d.code == "W-CHATTER"] == ["W-CHATTER"]


@pytest.mark.parametrize(
    ("inlines", "authors", "title"),
    [
        (
            (
                m.Text(
                    "Things Fall Apart is Chinua Achebe’s first novel, published in 1958. Below is a summary."
                ),
            ),
            "Chinua Achebe",
            "Things Fall Apart",
        ),
        (
            (m.Text("Silas Marner is George Eliot's third novel, published in 1861. Here is a guide."),),
            ["George Eliot"],
            "Silas Marner",
        ),
        (
            (
                m.Text("Here is what you need to know about "),
                m.Emph((m.Text("Middlemarch"),)),
                m.Text(", in brief."),
            ),
            None,
            "Middlemarch",
        ),
        ((m.Text("Below is a study guide to “Silas Marner”, the novel of 1861."),), None, "Silas Marner"),
    ],
)
def test_an_opening_sentence_as_the_first_line_names_the_book(inlines, authors, title: str):
    """An answer engine's first line, sentences about the book: the title is its emphasised or
    quoted words, else the words before one word and the Author field's name."""
    assert opening_sentence_title(_heading(inlines), authors) == title


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("Who Moved My Cheese?", "Spencer Johnson"),  # a title that is a question
        ("Are You There God? It's Me, Margaret.", "Judy Blume"),  # no author in it
        ("The novel by Chinua Achebe that everyone reads at school, in brief.", "Chinua Achebe"),
        ("Things Fall Apart is a great novel about Okonkwo and his village.", "Chinua Achebe"),
        ("The novel is Chinua Achebe's best known, and is read at school.", "Chinua Achebe"),
        ("It is Chinua Achebe's first novel, published in 1958 in London.", "Chinua Achebe"),
        ("Things Fall Apart", "Chinua Achebe"),  # no sentence at all
    ],
)
def test_a_title_or_a_sentence_naming_no_book_is_kept_whole(text: str, authors: str):
    assert opening_sentence_title(_heading((m.Text(text),)), authors) is None


def test_an_answer_engines_opening_line_gives_the_title_and_is_not_shown(load):
    text = (
        "Things Fall Apart is Chinua Achebe's first novel, published in 1958 [1]. Below is a summary.\n\n"
        "## Book Info\n\n- **Author:** Chinua Achebe\n\n## Summary\n\nOkonkwo is a famous wrestler.\n"
    )
    guide, _ = load("tfa.md", text)
    assert guide.meta.title == "Things Fall Apart" and guide.meta.authors == ("Chinua Achebe",)
