"""A lazily compiled pattern behaves as `re.compile` would, and compiles only when used."""

from __future__ import annotations

import re

import pytest

from pipeline.model.lazy_pattern import LazyPattern


def test_compiles_only_when_first_used():
    pattern = LazyPattern(r"(\d+)-(\d+)", re.I)
    assert "_compiled" not in vars(pattern)
    assert pattern.search("pages 12-40").groups() == ("12", "40")
    assert isinstance(vars(pattern)["_compiled"], re.Pattern)


def test_answers_as_the_compiled_pattern():
    source, text = r"\s*[;,]\s*", "Austen ; Brontë,Eliot"
    lazy, compiled = LazyPattern(source), re.compile(source)
    assert lazy.split(text) == compiled.split(text) == ["Austen", "Brontë", "Eliot"]
    assert lazy.sub("|", text) == compiled.sub("|", text)
    assert lazy.pattern == source
    assert lazy.flags == compiled.flags
    assert lazy.compiled is lazy.compiled


def test_bad_pattern_fails_when_used_not_when_made():
    pattern = LazyPattern("(unclosed")
    with pytest.raises(re.error):
        pattern.match("x")
