"""File names that are not UTF-8 are shown with escapes and kept off the shelf, never encoded."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.files.names import shown_path, utf8_name, utf8_stem


def test_a_latin1_name_is_shown_escaped_and_is_not_utf8():
    name = Path(os.fsdecode(b"caf\xe9.epub"))
    assert shown_path(name) == "caf\\xe9.epub"
    assert not utf8_name(name)
    assert utf8_name(Path("café.epub")) and shown_path("café.epub") == "café.epub"


def test_a_stem_that_is_not_utf8_is_read_as_windows_1252():
    assert utf8_stem(os.fsdecode(b"caf\xe9")) == "café"
    assert utf8_stem(os.fsdecode(b"\x81x")) == "\ufffdx"  # a byte Windows-1252 leaves undefined
    assert utf8_stem("Ōkami 大神") == "Ōkami 大神"


def test_controls_separators_and_bidi_overrides_are_shown_escaped_on_one_line():
    assert shown_path("a\nb\r\tc") == "a\\nb\\r\\tc"
    assert shown_path("x\x1b]0;pwned\x07.md") == "x\\x1b]0;pwned\\x07.md"  # a terminal title command
    assert shown_path("evil\u202egpj.exe") == "evil\\u202egpj.exe"
    assert shown_path("p\u2028q\x85r") == "p\\u2028q\\x85r"
    # What scripts need stays: joiners, marks, accents, other scripts.
    assert shown_path("שלום\u200f ک\u200cه é 大神") == "שלום\u200f ک\u200cه é 大神"


def test_an_output_stem_has_no_bidi_override_and_no_control_character():
    assert utf8_stem("evil\u202egpj") == "evilgpj"  # else "evil\u202egpj.epub" shows as "evilbupe.jpg"
    assert utf8_stem("new\nline\ttab\x1b[31m") == "new_line_tab_[31m"
    assert utf8_stem(os.fsdecode(b"caf\xe9\n")) == "café_"
    assert utf8_stem("שלום\u200f ک\u200cه") == "שלום\u200f ک\u200cه"  # marks and joiners scripts need
