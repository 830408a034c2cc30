"""Dialect detection and the loose adapter that turns bare-line headings into Markdown headings."""

from __future__ import annotations

import pytest

from pipeline.readers.byline import split_byline
from pipeline.readers.dialects import adapt, detect_dialect, is_bare_heading
from pipeline.readers.parse import parse_markdown

LOOSE = """Lighthouse Keeper
Lighthouse Keeper by Ada Byron
Book Info
- Author: Ada Byron
- Year: 1999
The Story in Brief
Mara keeps the light on a rock far out at sea, and has done so for twenty years without missing a night.
One winter a stranger is washed ashore, and he will not say where he came from or why he was at sea.
It ended badly.
Key Characters
- Mara: The keeper, patient and proud
- The Stranger: A man with no past
Main Themes
- Solitude and duty
- Trust
"""


# ---------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("text", "dialect"),
    [
        ("---\ntitle: Dracula\nauthor: Bram Stoker\n---\n\n## Summary\n\nText.\n", "frontmatter"),
        ("# Great Expectations\n\n## Book Info\n\n- Author: Charles Dickens\n", "labelled"),
        ("\n\n# Title After Blank Lines\n\nText.\n", "labelled"),
        ("Moby-Dick\n=========\n\nText.\n", "labelled"),
        (LOOSE, "loose"),
        ("Never Let Me Go\nNever Let Me Go by Kazuo Ishiguro\nBook Info\n", "loose"),
        ("- a list first\n---\n", "loose"),  # a list item over a line of dashes is not a setext title
    ],
    ids=["frontmatter", "atx", "atx-after-blanks", "setext", "loose", "loose-seed-head", "list-not-setext"],
)
def test_detect_dialect(text, dialect):
    assert detect_dialect(text) == dialect


def test_seed_is_loose(seed_path):
    assert detect_dialect(seed_path.read_text(encoding="utf-8")) == "loose"


@pytest.mark.parametrize("text", ["---\ntitle: X\n---\n", "# X\n"])
def test_adapt_leaves_markdown_dialects_untouched(text):
    adapted = adapt(text)
    assert adapted.text == text
    assert adapted.dialect == detect_dialect(text)
    assert adapted.source_line(0) == 1 and adapted.source_line(3) == 4  # identity mapping


# ---------------------------------------------------------------- the loose adapter


def test_loose_adapter_marks_title_and_bare_headings():
    adapted = adapt(LOOSE)
    assert adapted.dialect == "loose"
    lines = adapted.text.split("\n")
    assert lines[0] == "# Lighthouse Keeper"
    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        "# Lighthouse Keeper",
        "## Book Info",
        "## The Story in Brief",
        "## Key Characters",
        "## Main Themes",
    ]


def test_loose_adapter_keeps_byline_list_and_paragraph_lines_as_they_are():
    adapted = adapt(LOOSE)
    lines = adapted.text.split("\n")
    source = LOOSE.split("\n")
    # the byline (line 2) is not a heading even though it is short and unpunctuated
    assert "Lighthouse Keeper by Ada Byron" in lines
    # long paragraph lines and list items pass through unchanged
    for original in [*source[6:8], "- Mara: The keeper, patient and proud", "- Trust"]:
        assert original in lines
    # a short line ending with a period is a sentence, not a heading
    assert "It ended badly." in lines
    assert "## It ended badly." not in lines


def test_loose_adapter_makes_each_line_its_own_block():
    tokens = parse_markdown(adapt(LOOSE).text)
    paragraphs = [
        tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "paragraph_open" and t.level == 0
    ]
    # the three summary lines and the byline are four separate paragraphs, none glued to a heading
    assert paragraphs == [
        "Lighthouse Keeper by Ada Byron",
        LOOSE.split("\n")[6],
        LOOSE.split("\n")[7],
        "It ended badly.",
    ]
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [
        "Lighthouse Keeper",
        "Book Info",
        "The Story in Brief",
        "Key Characters",
        "Main Themes",
    ]
    # consecutive bullets stay one list: three lists (info, characters, themes), not one per line
    assert sum(t.type == "bullet_list_open" for t in tokens) == 3
    assert sum(t.type == "list_item_open" for t in tokens) == 6


def test_loose_adapter_maps_every_line_back_to_its_source_line():
    adapted = adapt(LOOSE)
    source = LOOSE.split("\n")
    lines = adapted.text.split("\n")
    assert len(adapted.line_map) == len(lines)
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        number = adapted.source_line(index)
        assert 1 <= number <= len(source)
        assert source[number - 1].strip() in line, (index, line, number)
    assert list(adapted.line_map) == sorted(adapted.line_map)  # order is preserved
    # past the end it clamps to the last line instead of failing
    assert adapted.source_line(10_000) == adapted.line_map[-1]


def test_loose_adapter_maps_seed_headings_to_their_lines(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    source = text.split("\n")
    adapted = adapt(text)
    for index, line in enumerate(adapted.text.split("\n")):
        if line.startswith("## "):
            assert source[adapted.source_line(index) - 1] == line[3:]


def test_loose_adapter_leaves_fenced_code_alone():
    text = (
        "A Title\nA Title by Someone\nSummary\n```\nShort Line\nAnother Short Line\n```\nAfter the fence.\n"
    )
    lines = adapt(text).text.split("\n")
    assert "Short Line" in lines and "## Short Line" not in lines
    assert "## Summary" in lines


@pytest.mark.parametrize(
    ("line", "next_line", "heading"),
    [
        ("Main Themes", "- one", True),
        ("Why It Matters", None, True),  # a known section name is a heading even at the end
        ("A Quiet Ending", "More text.", True),
        ("It ended badly.", "More text.", False),
        ("Was it love?", "More text.", False),
        ("Author: Someone", "More text.", False),
        ("lowercase words here", "More text.", False),
        ("A Quiet Ending", None, False),  # an unknown short last line is not a heading
        ("  Indented Line", "More text.", False),
        ("- List Item", "More text.", False),
        ("> Quoted Line", "More text.", False),
        ("A line that is far too long to be any kind of heading at all, clearly", "x", False),
    ],
)
def test_is_bare_heading(line, next_line, heading):
    assert is_bare_heading(line, next_line) is heading


@pytest.mark.parametrize(
    ("text", "title", "author"),
    [
        ("Never Let Me Go by Kazuo Ishiguro", "Never Let Me Go", "Kazuo Ishiguro"),
        ("by Mary Shelley", "Frankenstein", "Mary Shelley"),
        ("Le Comte de Monte-Cristo par Alexandre Dumas", "Le Comte de Monte-Cristo", "Alexandre Dumas"),
        ("Another Book by Someone Else", "Frankenstein", None),
        ("No byline here", "Frankenstein", None),
        ("Stand by Me by Stephen King", "Stand by Me", "Stephen King"),  # "by" inside the title
        ("Gone with the Wind, by Margaret Mitchell", "Gone with the Wind", "Margaret Mitchell"),
    ],
)
def test_split_byline(text, title, author):
    assert split_byline(text, title) == author


def test_loose_variants_seen_in_the_wild(load):
    # A "Title:" field on line 1, headings written as labels ("Summary:"), bullets with "*".
    guide, report = load(
        "silas.txt",
        "Title: Silas Marner\nAuthor: George Eliot\nYear: 1861\n\nSummary:\nSilas weaves alone.\n\n"
        "Characters:\n* Silas Marner - a linen weaver\n* Eppie - the child he raises\n",
    )
    assert guide.meta.title == "Silas Marner" and guide.meta.authors == ("George Eliot",)
    assert [(s.kind, s.title) for s in guide.sections[1:]] == [
        ("summary", "Summary"),
        ("characters", "Characters"),
    ]
    # A byline that carries the year, and themes written one a line under a shouted heading.
    guide, report = load(
        "time.txt",
        "THE TIME MACHINE\nby H. G. Wells (1895)\n\nSUMMARY\nA traveller goes to 802,701.\n\n"
        "THEMES\nClass division\nEntropy\nProgress\n\nWHY IT MATTERS\nIt began a genre.\n",
    )
    assert (guide.meta.authors, guide.meta.year) == (("H. G. Wells",), 1895)
    assert [s.kind for s in guide.sections] == ["info", "summary", "themes", "significance"]
    assert not [d for d in report.items if d.code in ("W-UNKNOWN-SECTION", "W-EMPTY-SECTION")]
    from pipeline.writers.inspect_json import guide_to_json

    assert guide_to_json(guide, report)["themes"] == ["Class division", "Entropy", "Progress"]


def test_bold_lines_that_name_sections_are_headings(load):
    # Word processors export headings as bold paragraphs; a bold line that names no section stays.
    guide, report = load(
        "emma.md",
        "# Emma\n\n**Author:** Jane Austen\n\n**Summary**\n\nEmma plays matchmaker.\n\n**Not a heading**\n\n"
        "**Characters:**\n\n- Emma Woodhouse: the heroine\n- Mr. Knightley: her friend\n",
    )
    assert [(s.kind, s.title) for s in guide.sections] == [
        ("info", "At a Glance"),
        ("summary", "Summary"),
        ("characters", "Characters"),
    ]
    summary = guide.section("summary")
    assert [type(b).__name__ for b in summary.blocks] == ["Paragraph", "Paragraph"]
    assert [e.term for e in guide.section("characters").entries] == ["Emma Woodhouse", "Mr. Knightley"]
    assert not [d for d in report.items if d.code == "W-NO-SUMMARY"]


def test_a_spanish_loose_summary(load):
    guide, report = load(
        "quijote.txt",
        "Don Quijote de la Mancha\nDon Quijote de la Mancha por Miguel de Cervantes\n"
        "Información del libro\n- Año: 1605\n- Género: Novela | 1200 páginas\n- Idioma: español\n"
        "Resumen\nUn hidalgo pierde el juicio leyendo libros de caballerías.\n"
        "Personajes\n- Don Quijote: el hidalgo soñador\n- Sancho Panza: su escudero\n",
    )
    meta = guide.meta
    assert (meta.authors, meta.year, meta.pages, meta.language) == (
        ("Miguel de Cervantes",),
        1605,
        1200,
        "es",
    )
    assert [s.kind for s in guide.sections] == ["info", "summary", "characters"]
    assert not [d for d in report.items if d.code == "W-UNKNOWN-SECTION"]


@pytest.mark.parametrize(
    ("first_line", "title", "authors"),
    [
        ("# Middlemarch by George Eliot", "Middlemarch", ("George Eliot",)),
        ("Middlemarch by George Eliot", "Middlemarch", ("George Eliot",)),
        ("# Stand by Me by Stephen King", "Stand by Me", ("Stephen King",)),
        ("# Le Rouge et le Noir par Stendhal Beyle", "Le Rouge et le Noir", ("Stendhal Beyle",)),
        ("# Stand by Me", "Stand by Me", ()),  # "Me" is not a name
        ("# Killed by lightning", "Killed by lightning", ()),
    ],
)
def test_an_author_named_in_the_title_line(load, first_line, title, authors):
    guide, _ = load("t.md", f"{first_line}\n\n## Summary\n\nText.\n")
    assert (guide.meta.title, guide.meta.authors) == (title, authors)


def test_a_pandoc_title_block(load):
    guide, report = load(
        "walden.md",
        "% Walden\n  or, Life in the Woods\n% Henry David Thoreau; Ralph Waldo Emerson\n% 1854\n\n"
        "# Summary\n\nA cabin by the pond. <script>x</script>\n",
    )
    meta = guide.meta
    assert meta.title == "Walden or, Life in the Woods"
    assert meta.authors == ("Henry David Thoreau", "Ralph Waldo Emerson") and meta.year == 1854
    assert [s.kind for s in guide.sections] == ["info", "summary"]
    [raw_html] = [d for d in report.items if d.code == "W-RAW-HTML"]
    assert raw_html.location.line == 8  # the manuscript's own line, past the rewritten block


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the war everyone had changed",
        "By then, the house stood empty",
        "by which time it was dark",
    ],
)
def test_a_sentence_that_starts_with_by_is_not_a_byline(line):
    assert split_byline(line, "The Book") is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("by Honoré de Balzac", "Honoré de Balzac"),
        ("by bell hooks", "bell hooks"),
        ("by Mary Shelley and Percy Bysshe Shelley", "Mary Shelley and Percy Bysshe Shelley"),
        ("The Book by H. G. Wells, 1895", "H. G. Wells, 1895"),
    ],
)
def test_names_with_particles_and_lower_case_names_are_still_bylines(line, author):
    assert split_byline(line, "The Book") == author


NUMBERED_LOOSE = """Animal Farm
Animal Farm by George Orwell
1. Summary
The animals of Manor Farm overthrow their human owner and run the farm themselves.
2) Characters
- Napoleon: a boar who seizes power
- Snowball: a rival pig who is driven out
3. Themes
- Power corrupts
4. Discussion Questions
1. Why do the animals accept the changes to the commandments?
2. Summary or satire?
"""


def test_numbered_bare_headings_are_headings_and_numbered_questions_are_not():
    """ "1. Summary" was read as an ordered list's first item: every section fell into the facts."""
    headings = [line for line in adapt(NUMBERED_LOOSE).text.split("\n") if line.startswith("#")]
    assert headings == [
        "# Animal Farm",
        "## 1. Summary",
        "## 2) Characters",
        "## 3. Themes",
        "## 4. Discussion Questions",
    ]


def test_numbered_loose_guide_keeps_its_sections(load):
    guide, _ = load("animal-farm.txt", NUMBERED_LOOSE)
    assert [s.kind for s in guide.sections] == ["info", "summary", "characters", "themes", "questions"]
    assert [e.term for e in guide.section("characters").entries] == ["Napoleon", "Snowball"]


DASH_ENTRIES = """Brave New World
Brave New World by Aldous Huxley
Summary
In a future World State, people are engineered in hatcheries and kept content with a drug.
Key Characters
Bernard Marx - An Alpha who feels like an outsider
Lenina Crowne - A popular Beta worker
John the Savage - Raised on a reservation, he quotes Shakespeare and cannot accept the new world
Mustapha Mond – One of the ten World Controllers
Themes
- Stability against freedom
"""


def test_a_run_of_name_dash_text_lines_is_entries_not_headings(load):
    """Any of them short, and followed by a long one, read as a heading over it."""
    headings = [line for line in adapt(DASH_ENTRIES).text.split("\n") if line.startswith("#")]
    assert headings == ["# Brave New World", "## Summary", "## Key Characters", "## Themes"]
    guide, report = load("brave-new-world.txt", DASH_ENTRIES)
    assert [e.term for e in guide.section("characters").entries] == [
        "Bernard Marx",
        "Lenina Crowne",
        "John the Savage",
        "Mustapha Mond",
    ]
    assert "W-UNKNOWN-SECTION" not in {d.code for d in report.items}


def test_a_dashed_heading_over_prose_is_still_a_heading():
    text = (
        "Moby-Dick\nMoby-Dick by Herman Melville\nPart One - The Voyage\n"
        "Ishmael signs on to the Pequod, a whaler out of Nantucket.\n"
    )
    headings = [line for line in adapt(text).text.split("\n") if line.startswith("#")]
    assert headings == ["# Moby-Dick", "## Part One - The Voyage"]
