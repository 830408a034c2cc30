"""The input edge: bytes become clean text, or the manuscript is refused with a clear diagnostic."""

from __future__ import annotations

import codecs
import os
import random

import pytest

from pipeline.model.diagnostics import GuideError, Report
from pipeline.readers.sources import clean_text, decode, find_manuscripts, read_source

WESTERN = (
    "Café naïve résumé — a story told over coffee. The narrator’s façade cracks when déjà vu "
    "strikes at the crème brûlée stall. “Naïveté,” she says, “is not a crime.” Zoë smiles; "
    "the café closes at noon.\n"
)


def _noise(seed: int, size: int) -> bytes:
    """Deterministic random bytes without NUL: not text in any encoding."""
    rng = random.Random(seed)
    return bytes(rng.randrange(1, 256) for _ in range(size))


def read(path):
    report = Report(str(path))
    return read_source(path, report), report


def codes(report: Report) -> list[str]:
    return [d.code for d in report.items]


# ---------------------------------------------------------------- BOMs and line endings


def test_utf8_bom_is_stripped(write_manuscript):
    path = write_manuscript("bom.md", codecs.BOM_UTF8 + "# Title\n\nText é.\n".encode())
    source, report = read(path)
    assert source.text == "# Title\n\nText é.\n"
    assert not source.text.startswith("\ufeff")
    assert source.encoding == "utf-8"
    assert report.items == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"one\r\ntwo\r\nthree\r\n", "one\ntwo\nthree\n"),
        (b"one\rtwo\rthree\r", "one\ntwo\nthree\n"),
        (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n"),
    ],
    ids=["crlf", "cr", "mixed"],
)
def test_line_endings_become_lf_without_a_warning(write_manuscript, raw, expected):
    source, report = read(write_manuscript("endings.md", raw))
    assert source.text == expected
    assert "\r" not in source.text
    assert report.items == []  # a carriage return is a line ending, not a stray control character


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom_decodes(write_manuscript, codec):
    text = "Title\r\nLine two — café\rLine three\n"
    data = text.encode(codec) if codec == "utf-16" else codecs.BOM_UTF16_BE + text.encode(codec)
    source, report = read(write_manuscript("wide.md", data))
    assert source.text == "Title\nLine two — café\nLine three\n"
    assert source.encoding.startswith("utf-16")
    assert "\ufeff" not in source.text
    assert report.items == []


# ---------------------------------------------------------------- legacy encodings


def test_cp1252_is_decoded_with_a_warning_naming_the_encoding(write_manuscript):
    path = write_manuscript("western.md", WESTERN.encode("cp1252"))
    source, report = read(path)
    warnings = [d for d in report.items if d.code == "W-ENCODING"]
    assert len(warnings) == 1, report.items
    assert warnings[0].severity == "warning"
    assert source.encoding in warnings[0].message  # it says which encoding it chose
    assert "\ufffd" not in source.text
    assert source.text.startswith("Caf")
    assert "coffee" in source.text and "closes at noon" in source.text


def test_cp1252_is_decoded_faithfully(write_manuscript):
    source, _ = read(write_manuscript("western.md", WESTERN.encode("cp1252")))
    assert source.text == WESTERN


def test_a_few_windows_lines_are_named_windows_1252():
    # A short file gives the detector little to go on; when Windows-1252 reads the same characters
    # as its pick, the warning should name the encoding the file almost surely came in.
    data = "Café au lait\nIl était une fois € un “café”.\n".encode("cp1252")
    report = Report("short.txt")
    text, encoding = decode(data, report)
    assert text == data.decode("cp1252")
    assert encoding == "cp1252"
    assert "cp1252" in report.items[0].message


def test_windows_1252_does_not_swallow_other_scripts():
    # The preference for Windows-1252 must not turn Cyrillic or Polish bytes into accented Latin.
    for text, encoding in [
        ("Это короткий рассказ о книге и её героях. Привет, как дела?\n", "cp1251"),
        ("Zażółć gęślą jaźń, powiedział Łukasz. Książka jest świetna.\n", "cp1250"),
    ]:
        decoded, _ = decode(text.encode(encoding), Report("other.txt"))
        assert decoded == text, encoding


def test_latin1_bytes_decode_without_replacement_characters():
    data = "Résumé of a naïve café owner in Montréal; the façade is déjà vu.\n".encode("latin-1")
    report = Report("latin1.md")
    text, encoding = decode(data, report)
    assert "\ufffd" not in text
    assert [d.code for d in report.items] == ["W-ENCODING"]
    assert encoding in report.items[0].message


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("png.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(64), "E-BINARY"),
        ("mixed.md", b"\xff\xd8\xff\xe0 JFIF \x00\x10 binary \x00 tail", "E-BINARY"),
        ("noise.md", bytes(range(0x80, 0x100)) * 4, "E-ENCODING"),
        ("random.md", _noise(seed=7, size=600), "E-ENCODING"),
    ],
    ids=["png", "nul-bytes", "high-bytes", "random-no-nul"],
)
def test_binary_or_undecodable_input_is_refused(write_manuscript, name, data, code):
    path = write_manuscript(name, data)
    report = Report(str(path))
    with pytest.raises(GuideError) as caught:
        read_source(path, report)
    diagnostic = caught.value.diagnostic
    assert diagnostic.code == code
    assert diagnostic.severity == "error"
    assert diagnostic in report.items  # recorded, not only raised
    message = str(caught.value)
    assert "byte offset" in message or "not a text file" in message, message
    assert str(path) in message


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n"], ids=["zero-bytes", "whitespace"])
def test_empty_manuscript_is_refused(write_manuscript, data):
    path = write_manuscript("empty.md", data)
    report = Report(str(path))
    with pytest.raises(GuideError) as caught:
        read_source(path, report)
    assert caught.value.diagnostic.code == "E-EMPTY"
    assert "empty" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n \n", codecs.BOM_UTF16_LE],
    ids=["utf8", "utf8-blank", "utf16"],
)
def test_bom_only_manuscript_is_refused_as_empty(write_manuscript, data):
    path = write_manuscript("bom-only.md", data)
    with pytest.raises(GuideError) as caught:
        read_source(path, Report(str(path)))
    assert caught.value.diagnostic.code == "E-EMPTY"


def test_missing_file_is_refused_with_a_read_error(tmp_path):
    path = tmp_path / "absent.md"
    with pytest.raises(GuideError) as caught:
        read_source(path, Report(str(path)))
    assert caught.value.diagnostic.code == "E-READ"


def test_manuscript_symlinked_to_a_file_outside_its_folder_is_refused(tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n\nprivate words\n", encoding="utf-8")
    folder = tmp_path / "manuscripts"
    folder.mkdir()
    (folder / "innocent.md").symlink_to(outside / "secret.md")
    report = Report(str(folder / "innocent.md"))
    with pytest.raises(GuideError) as caught:
        read_source(folder / "innocent.md", report)
    assert caught.value.diagnostic.code == "E-READ"
    assert "outside the manuscript's folder" in caught.value.diagnostic.message


def test_symlinks_that_stay_inside_are_read(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "guide.md").write_text("# Guide\n\ntext\n", encoding="utf-8")
    (real / "alias.md").symlink_to(real / "guide.md")  # a link within the folder
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)  # a linked manuscripts folder
    for path in (real / "alias.md", tmp_path / "linked" / "guide.md"):
        assert read_source(path, Report(str(path))).text.startswith("# Guide")


# ---------------------------------------------------------------- control characters


def test_control_characters_are_removed_with_one_warning(write_manuscript):
    text = (
        "# Title\n"
        "\n"
        "A NUL\x00 here and \x1b[31mred\x1b[0m text.\n"
        "A non-character \ufffe and a bell \x07 and DEL \x7f and C1 \x85.\n"
        "Tabs\tstay.\n"
    )
    source, report = read(write_manuscript("controls.md", text))
    assert source.text == (
        "# Title\n\nA NUL here and red text.\nA non-character  and a bell  and DEL  and C1 .\nTabs\tstay.\n"
    )
    assert not any(ch in source.text for ch in "\x00\x1b\ufffe\x07\x7f\x85")
    assert "[31m" not in source.text and "[0m" not in source.text  # the whole ANSI sequence goes
    warnings = [d for d in report.items if d.code == "W-CONTROL-CHARS"]
    assert len(report.items) == 1 and len(warnings) == 1, report.items
    assert warnings[0].location.line == 3  # where the first one was
    assert str(len(text) - len(source.text)) in warnings[0].message


def test_terminal_titles_and_hyperlinks_go_with_their_payload():
    text = (
        "Title \x1b]0;window title\x07here, a \x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\ "
        "and \x1b]unterminated text.\nNext line.\n"
    )
    report = Report("osc.md")
    assert clean_text(text, report) == "Title here, a link and unterminated text.\nNext line.\n"
    assert [d.code for d in report.items] == ["W-CONTROL-CHARS"]


def test_clean_text_leaves_clean_text_alone():
    report = Report("clean.md")
    text = "Plain “text”, with\ttabs — and ünïcödé 中文.\n"
    assert clean_text(text, report) == text
    assert report.items == []


def test_each_manuscript_gets_its_own_single_warning(write_manuscript):
    first = write_manuscript("a.md", "x\x00y\n\x01\n\x02\n")
    second = write_manuscript("b.md", "fine\n\nthen \x1b[1mbold\x1b[0m\n")
    for path, line in ((first, 1), (second, 3)):
        _, report = read(path)
        assert [d.code for d in report.items] == ["W-CONTROL-CHARS"]
        assert report.items[0].location.line == line
        assert report.items[0].location.path == str(path)


# ---------------------------------------------------------------- finding manuscripts


def test_find_manuscripts_takes_known_suffixes_sorted_and_skips_hidden(tmp_path):
    for name in ("b.md", "a.txt", "c.markdown", ".hidden.md", "notes.docx", "notes.doc", "image.png"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.md").mkdir()  # a folder with a manuscript-like name is not a manuscript
    found = find_manuscripts([tmp_path, tmp_path / "b.md"])
    assert [p.name for p in found] == ["a.txt", "b.md", "c.markdown", "notes.docx"]


def test_folders_are_searched_to_any_depth_but_not_hidden_or_linked_ones(tmp_path):
    shelf = tmp_path / "shelf"
    for name in ("top.md", "term-1/a.md", "term-1/deep/b.txt", ".drafts/c.md", "term-2/.d.md"):
        (shelf / name).parent.mkdir(parents=True, exist_ok=True)
        (shelf / name).write_text("# X\n", encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n", encoding="utf-8")
    (shelf / "linked").symlink_to(outside, target_is_directory=True)
    os.mkfifo(shelf / "term-1" / "pipe.md")  # reading a FIFO would block the whole batch
    found = [p.relative_to(shelf).as_posix() for p in find_manuscripts([shelf])]
    assert found == ["top.md", "term-1/a.md", "term-1/deep/b.txt"]
