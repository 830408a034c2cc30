"""The guide's length and description (pipeline.model.excerpt, wide_text): words counted alike
with or without CJK text; the description read from the summary's opening sentences only."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "wide"),
    [
        ("", False),
        ("“Kathy” — Hailsham’s guardians… ½ «quoi» Ærø ß İstanbul שלום مرحبا हिन्दी", False),
        ("Kathy 红楼梦", True),
        ("\u2e7f just before the CJK blocks", False),
        ("\u2e80 the first CJK radical", True),
        ("かな", True),
        ("한국어", True),
        ("emoji 📚", True),  # past the CJK blocks: the patterns run, and find nothing
    ],
)
def test_text_without_cjk_characters_skips_the_cjk_patterns_and_counts_the_same(text, wide):
    import re

    from pipeline.model import excerpt
    from pipeline.model import guide as m
    from pipeline.model.location import SourceLocation
    from pipeline.model.wide_text import may_hold_wide

    assert may_hold_wide(text) is wide
    where = SourceLocation("x.md", 1)
    summary = m.Section("summary", "Summary", (m.Paragraph((m.Text(text),), where),), where)
    guide = m.Guide("x.md", "markdown", m.Metadata(title="T"), (summary,))
    words, _ = excerpt.guide_length(guide)
    whole = text + " "  # guide_length joins the pieces of text, then appends the entries' terms
    ideographs = len(re.findall(excerpt._CJK_CHAR, whole))
    assert words == len(re.sub(excerpt._CJK_CHAR, " ", whole).split()) + ideographs


@pytest.mark.parametrize("seed", range(12))
def test_the_description_reads_only_the_opening_and_says_what_the_whole_summary_would(seed):
    import random

    from pipeline.model import excerpt
    from pipeline.model import guide as m
    from pipeline.model.location import SourceLocation

    rng = random.Random(seed)
    words = ["Mr.", "Darcy", "St.", "Kathy", "said", "no.", "Why?", "M.", "the", "end.", "Yes!", "a" * 90]
    paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 60))) for _ in range(12)]
    where = SourceLocation("x.md", 1)
    blocks = tuple(m.Paragraph((m.Text(text),), where) for text in paragraphs)
    summary = m.Section("summary", "Summary", blocks, where)
    guide = m.Guide("x.md", "markdown", m.Metadata(title="T"), (summary,))
    whole = " ".join(paragraphs).strip()
    expected = ""
    for sentence in excerpt.sentences(whole):  # the rule, applied to the whole summary
        if expected and len(expected) + len(sentence) > 320:
            break
        expected = f"{expected} {sentence}".strip()
    assert excerpt.description(guide) == (expected[:640] or "T")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # 21 words, by a Khmer reader's count, in 4 space-parted phrases.
        ("ទុំទាវ គឺជារឿងស្នេហាសោកនាដកម្មដ៏ល្បីបំផុតនៃអក្សរសិល្ប៍ខ្មែរ ដែលគេតែងប្រៀបធៀបទៅនឹងរឿងរ៉ូមេអូ និងហ្ស៊ុយលីយេត។", 21),
        # 13 words in 2 phrases (Thai).
        ("แม่พลอยเป็นลูกสาวของพระยาพิพิธ ขุนนางในสมัยรัชกาลที่ห้า", 13),
    ],
)
def test_scripts_written_without_spaces_count_their_words_by_mean_length(text, words):
    """Khmer and Thai part phrases, not words, with spaces: "N words · min read" was a count of phrases."""
    from pipeline.model import excerpt
    from pipeline.model import guide as m
    from pipeline.model.location import SourceLocation

    where = SourceLocation("x.md", 1)
    summary = m.Section("summary", "Summary", (m.Paragraph((m.Text(text),), where),), where)
    guide = m.Guide("x.md", "markdown", m.Metadata(title="T"), (summary,))
    counted, _ = excerpt.guide_length(guide)
    assert len(text.split()) < words / 3  # the old count
    assert 0.75 * words <= counted <= 1.25 * words, counted
