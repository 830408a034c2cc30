"""The plain front matter reader gives what PyYAML gives, or leaves the document to PyYAML."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.readers.plain_yaml import plain_mapping

READ_PLAINLY = [
    "title: Dracula\nauthor: Bram Stoker\nyear: 1897",
    'genre: "Gothic Horror / Epistolary Novel"\nreading_time: "7-9 hours"\nlanguage: en',
    "genre: [Roman d'aventures, Roman historique]\npages: 1276",
    'year: "c. 725 BCE"\ngenre: [Epic Poetry,Mythology, "Myth"]',
    "title: Le Comte de Monte-Cristo\nauthor: Tom & Jerry (ed.)",
    "title: Война и мир\nauthor: Лев Толстой\npages: 0",
    'title: 紅樓夢\nquoted: ""',
]

LEFT_TO_PYYAML = [
    "language: no",  # a boolean to YAML 1.1
    "draft: True",
    "notes: null",
    "on: x",  # a key YAML reads as True
    "year: 1897.5",
    "date: 2001-12-14",
    "pages: 0123",  # octal to YAML 1.1
    "pages: 1_000",
    "title: Dracula  # the classic",
    "title: Dracula\n\nauthor: Bram Stoker",
    "title: 'Dracula'",
    'title: "say \\"hi\\""',
    "title: Dracula\ntitle: Carmilla",
    "authors:\n  - Homer",
    "title:\tDracula",
    "title: Dracula ",
    "genre: []",
    "genre: [a, b,]",
    'genre: ["a, b"]',
    "title: *anchor",
    "title: &a Dracula",
    "title: a: b",
    "",
]


@pytest.mark.parametrize("text", READ_PLAINLY)
def test_reads_as_pyyaml_does(text):
    expected = yaml.safe_load(text)
    found = plain_mapping(text)
    assert found == expected
    assert [type(v) for v in found.values()] == [type(v) for v in expected.values()]


@pytest.mark.parametrize("text", LEFT_TO_PYYAML)
def test_anything_less_plain_is_left_to_pyyaml(text):
    assert plain_mapping(text) is None


_KEYS = st.sampled_from(["title", "author", "year", "genre", "on", "y", "No", "reading_time", "x_1"])
# Values built from what trips YAML: booleans, numbers, dates, punctuation, quotes, brackets, spaces.
_PIECES = st.sampled_from(
    [
        "Dracula", "yes", "No", "null", "~", "1897", "0123", "1_0", "1.5", "2001-12-14", "1:20", "-", "+1",
        " ", ",", ":", "#", "'", '"', "[", "]", "{", "}", "&", "*", "!", "%", "@", "`", "|", ">", "?",
        "é", "Война", "紅", ".", "(", ")", "/", "\\", "inf", ".nan", "=", "<<", "\t", "Sci-Fi", "d'avent",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    st.lists(st.tuples(_KEYS, st.lists(_PIECES, min_size=1, max_size=5).map("".join)), min_size=1, max_size=4)
)
def test_what_the_plain_reader_reads_pyyaml_reads_the_same(pairs):
    text = "\n".join(f"{key}: {value}" for key, value in pairs)
    plain = plain_mapping(text)
    if plain is not None:
        assert plain == yaml.safe_load(text), text
