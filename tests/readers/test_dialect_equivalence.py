"""One small book written in each dialect must normalise to the same guide."""

from __future__ import annotations

import pytest

from pipeline.writers.inspect_json import guide_to_json

SUMMARY = (
    "Mara keeps the light on a rock far out at sea, and has done so for twenty years.",
    "One winter a stranger is washed ashore - and he will not say where he came from.",
)
CHARACTERS = (("Mara", "The keeper, patient and proud"), ("The Stranger", "A man with no past"))
THEMES = ("Solitude and duty", "Trust between strangers", "The sea as fate")
SIGNIFICANCE = "A quiet book about what we owe to people we do not know."

LOOSE = (
    "\n".join(
        [
            "The Lighthouse Keeper",
            "The Lighthouse Keeper by Ada Byron",
            "Book Info",
            "- Title: The Lighthouse Keeper",
            "- Author: Ada Byron",
            "- Year: 1999",
            "- Language: English",
            "- Genre: Literary Fiction / Mystery | 212 Pages | Reading Time: 3-4 hours",
            "The Story in Brief",
            *SUMMARY,
            "Key Characters",
            *(f"- {name}: {text}" for name, text in CHARACTERS),
            "Main Themes",
            *(f"- {theme}" for theme in THEMES),
            "Why It Matters",
            SIGNIFICANCE,
        ]
    )
    + "\n"
)

FRONTMATTER = (
    "\n".join(
        [
            "---",
            "title: The Lighthouse Keeper",
            "author: Ada Byron",
            "year: 1999",
            "genre: [Literary Fiction, Mystery]",
            "pages: 212",
            'reading_time: "3-4 hours"',
            "language: en",
            "---",
            "",
            "## Summary",
            "",
            "\n\n".join(SUMMARY),
            "",
            "Characters",
            "----------",
            "",
            *(f"- **{name}** — {text}" for name, text in CHARACTERS),
            "",
            "## Themes",
            "",
            *(f"* {theme}" for theme in THEMES),
            "",
            "## Why It Matters",
            "",
            SIGNIFICANCE,
        ]
    )
    + "\n"
)

LABELLED = (
    "\n".join(
        [
            "# The Lighthouse Keeper",
            "",
            "**Author:** Ada Byron",
            "**Year:** 1999",
            "**Genre:** Literary Fiction / Mystery",
            "**Pages:** 212",
            "**Reading Time:** 3-4 hours",
            "**Language:** English",
            "",
            "## The Story in Brief",
            "",
            "\n\n".join(SUMMARY),
            "",
            "## Key Characters",
            "",
            *(f"- **{name}**: {text}" for name, text in CHARACTERS),
            "",
            "## Main Themes",
            "",
            *(f"1. {theme}" for theme in THEMES),
            "",
            "## Why It Matters",
            "",
            SIGNIFICANCE,
        ]
    )
    + "\n"
)

DIALECTS = {
    "loose": ("book.txt", LOOSE),
    "frontmatter": ("book.md", FRONTMATTER),
    "labelled": ("book.md", LABELLED),
}
COMPARED = (
    "title",
    "authors",
    "year",
    "year_text",
    "genres",
    "pages",
    "reading_time",
    "language",
    "characters",
    "themes",
    "identifier",
)


@pytest.fixture
def as_json(tmp_path):
    from pipeline.build.batch import load_guide

    def run(dialect: str) -> dict:
        name, text = DIALECTS[dialect]
        folder = tmp_path / dialect
        folder.mkdir()
        path = folder / name
        path.write_text(text, encoding="utf-8")
        guide, report = load_guide(path)
        return guide_to_json(guide, report)

    return run


def test_each_dialect_is_detected_as_itself(as_json):
    for dialect in DIALECTS:
        assert as_json(dialect)["dialect"] == dialect


def test_three_dialects_give_the_same_guide(as_json):
    results = {dialect: as_json(dialect) for dialect in DIALECTS}
    reference = results["loose"]
    assert reference["title"] == "The Lighthouse Keeper"
    assert reference["authors"] == ["Ada Byron"]
    assert reference["genres"] == ["Literary Fiction", "Mystery"]
    assert reference["pages"] == 212
    assert reference["reading_time"] == "3-4 hours"
    assert reference["characters"] == [{"name": n, "description": d} for n, d in CHARACTERS]
    assert reference["themes"] == list(THEMES)
    for dialect, data in results.items():
        for key in COMPARED:
            assert data[key] == reference[key], (dialect, key)
        kinds = [s["kind"] for s in data["sections"]]
        assert kinds == ["info", "summary", "characters", "themes", "significance"], dialect


def test_no_dialect_leaves_a_diagnostic_or_an_unread_field(as_json):
    for dialect in DIALECTS:
        data = as_json(dialect)
        assert data["diagnostics"] == [], dialect
        assert data["extra"] == {}, dialect


TRICKY_TITLES = ["The Importance of Being Earnest", "The Plot Against America", "Lessons in Chemistry"]


def _title_variants(title: str) -> dict[str, tuple[str, str]]:
    return {
        "loose": ("t.txt", f"{title}\n{title} by Some Author\nSummary\nWhat happens.\n"),
        "frontmatter": (
            "t.md",
            f"---\ntitle: {title}\nauthor: Some Author\n---\n\n## Summary\n\nWhat happens.\n",
        ),
        "labelled": ("t.md", f"# {title}\n\n**Author:** Some Author\n\n## Summary\n\nWhat happens.\n"),
    }


@pytest.mark.parametrize("title", TRICKY_TITLES)
@pytest.mark.parametrize("dialect", ["frontmatter", "loose", "labelled"])
def test_titles_containing_section_words_are_titles(load, dialect, title):
    # regression: the first heading used to be refused as a title when it contained a section
    # alias ('importance' -> significance, 'plot' -> summary, 'lesson' -> takeaways): E-NO-TITLE
    name, text = _title_variants(title)[dialect]
    guide, _ = load(name, text)
    assert guide.meta.title == title
    assert guide.meta.authors == ("Some Author",)
    assert [s.kind for s in guide.sections] == ["info", "summary"]
