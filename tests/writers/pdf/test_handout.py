"""The one-sheet handout: every character and theme on it, the overview shrunk then cut between
sentences with a note when it does not fit."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from pipeline.build.batch import BuildOptions, build_all, load_guide
from pipeline.writers.inspect_json import guide_to_json
from tests import needs
from tests.writers.pdf.pages import CHINESE, MANUSCRIPTS, letters, page_texts, squash

needs_poppler = needs.poppler
pytestmark = pytest.mark.pdf  # every test here lays out a PDF


@needs_poppler
@pytest.mark.parametrize("manuscript", [*MANUSCRIPTS, CHINESE], ids=lambda p: p.stem)
def test_handout_fits_one_sheet_and_names_every_character_and_theme(printed, manuscript):
    guide, report = load_guide(manuscript)
    data = guide_to_json(guide, report)
    pdf = printed / "handouts" / f"{manuscript.stem}.pdf"
    assert len(PdfReader(pdf).pages) <= 2
    text = letters(" ".join(page_texts(pdf, layout=False)))
    for character in data["characters"]:
        assert letters(character["name"]) in text, character["name"]
    for theme in data["themes"]:
        assert letters(theme)[:30] in text, theme


@pytest.mark.slow
def test_handout_shrinks_then_cuts_the_overview_with_a_note(tmp_path):
    summary = "\n\n".join(
        f"Paragraph {n} of a very long overview. " + "The story goes on and on. " * 40 for n in range(30)
    )
    characters = "\n".join(
        f"- Person {n}: someone who matters to the plot in way number {n}" for n in range(20)
    )
    (tmp_path / "long.md").write_text(
        f"# Long\n\nby A. Writer\n\n## Summary\n\n{summary}\n\n## Characters\n\n{characters}\n",
        encoding="utf-8",
    )
    [outcome] = build_all(
        [tmp_path / "long.md"], BuildOptions(formats=("handout",), out_dir=tmp_path / "out")
    )
    assert not outcome.failed
    assert any(d.code == "W-HANDOUT-CUT" for d in outcome.diagnostics)
    reader = PdfReader(outcome.outputs[0])
    assert len(reader.pages) <= 2
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    assert "Overview shortened to fit one sheet" in text
    assert all(f"Person {n}" in text for n in range(20))


@pytest.mark.slow
def test_a_one_paragraph_overview_is_cut_between_sentences(tmp_path):
    # One paragraph gives no paragraph to drop: the cut has to fall between sentences.
    summary = " ".join(f"In scene {n} Mr. Quill walks through the old town at dusk." for n in range(600))
    characters = "\n".join(f"- Person {n}: someone who matters in way number {n}" for n in range(30))
    themes = "\n".join(f"- Theme {n}: memory and the price of loyalty" for n in range(12))
    (tmp_path / "one.md").write_text(
        f"# One\n\nby A. Writer\n\n## Summary\n\n{summary}\n\n## Characters\n\n{characters}\n\n"
        f"## Themes\n\n{themes}\n",
        encoding="utf-8",
    )
    [outcome] = build_all([tmp_path / "one.md"], BuildOptions(formats=("handout",), out_dir=tmp_path / "out"))
    assert [d.code for d in outcome.diagnostics if d.code.startswith("W-HANDOUT")] == ["W-HANDOUT-CUT"]
    reader = PdfReader(outcome.outputs[0])
    assert len(reader.pages) <= 2
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    assert "scene 0 Mr. Quill" in text and "Overview shortened to fit one sheet" in text
    kept = text.split("Overview shortened")[0]
    assert kept.rstrip().endswith("at dusk.")  # whole sentences only, never "Mr." alone
    assert all(f"Person {n}:" in text for n in range(30))
    assert all(f"Theme {n}:" in text for n in range(12))
