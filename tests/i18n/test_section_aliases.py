"""Section-name aliases per kind and language (pipeline.i18n.section_aliases): every kind a heading
can name has patterns, narrower kinds are tried before the broad ones that contain them."""

from __future__ import annotations

import re
from typing import get_args

from pipeline.i18n.section_aliases import ALIAS_TAGS, ALIASES, KIND_ORDER
from pipeline.model.guide import SectionKind


def test_every_kind_a_heading_can_name_is_tried_once():
    assert sorted(KIND_ORDER) == sorted(k for k in get_args(SectionKind) if k != "other")
    assert [kind for kind, _ in ALIASES] == list(KIND_ORDER)


def test_narrow_kinds_come_before_the_broad_ones_they_contain():
    order = list(KIND_ORDER)
    assert order.index("chapters") < order.index("summary")  # "Chapter Summaries"
    assert order.index("symbols") < order.index("themes")  # "Symbols and Motifs"


def test_every_kind_has_an_english_pattern_and_every_pattern_compiles():
    for kind, patterns in ALIASES:
        assert "en" in patterns, kind
        for language, pattern in patterns.items():
            re.compile(pattern)  # raises, naming the pattern, if one is broken
            assert pattern, (kind, language)
    summary = dict(ALIASES)["summary"]["en"]
    assert re.search(summary, "plot overview") and not re.search(summary, "characters")


def test_patterns_keyed_by_a_shorter_tag_name_the_full_one():
    assert ALIAS_TAGS["zh"] == "zh-Hans"
    assert all("-" in tag and tag.startswith(primary) for primary, tag in ALIAS_TAGS.items())
