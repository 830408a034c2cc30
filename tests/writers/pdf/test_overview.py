"""The handout's overview (pipeline.writers.pdf.overview): sentences end at full stops in any script,
never after an initial."""

from __future__ import annotations


def test_overview_sentences_end_at_full_stops_in_any_script():
    from pipeline.model import guide as m
    from pipeline.model.location import SourceLocation
    from pipeline.writers.pdf.overview import first_sentences, sentence_count

    def paragraph(*inlines):
        return m.Paragraph(tuple(inlines), SourceLocation("x", 1))

    chinese = paragraph(m.Text("石猴出世。他拜师学艺！后来大闹天宫。"))
    english = paragraph(
        m.Text("Kathy H. meets “Ruth.” Then "), m.Emph((m.Text("Tommy. Rages."),)), m.Text(" End.")
    )
    assert sentence_count((chinese, english)) == 5
    assert first_sentences((chinese, english), 2)[0].inlines == (m.Text("石猴出世。他拜师学艺！"),)
    cut = first_sentences((chinese, english), 4)
    assert cut[1].inlines == (m.Text("Kathy H. meets “Ruth.”"),)  # not after the initial "H."
