"""Inputs and disks that once ended in minutes of work, E-INTERNAL or a traceback; each test failed
before its fix.

- Deep nesting after footnote definitions: the mend of markdown-it's nesting limit took an
  unused definition for dropped text and parsed the same text again until Python's recursion
  limit (about 14 ms per level, then E-TOO-DEEP). Nesting is now capped before the parse
  (readers/nesting.py), whatever comes before it, and the mend makes progress.
- Cover text Pillow cannot lay out: a Book Info bullet continued on the next line put a line feed
  into the year, and raqm refuses paragraph separators ("raqm_layout() failed").
- An image whose file name is over 255 bytes: ENAMETOOLONG escaped the image policy.
- OS errors: `--out` naming a file, `new` over a dangling link or into a file, a non-UTF-8
  file name in output/epub (catalog, serve and every build ended in UnicodeEncodeError).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from pipeline.build.batch import BuildOptions, build_all, load_guide
from pipeline.cli import main as cli
from pipeline.cli.commands import command
from pipeline.cli.options import EXIT_FAILED
from pipeline.model.diagnostics import Report
from pipeline.model.guide import Guide, Metadata
from pipeline.model.text import plain_text
from pipeline.model.walk import block_inlines, iter_blocks
from pipeline.readers import parse
from pipeline.readers.nesting import cap_nesting
from pipeline.readers.parse import MAX_NESTING, parse_markdown, recover_deep_content
from pipeline.writers.cover.cover import cover_image
from pipeline.writers.epub.book import build_epub
from pipeline.writers.theme import load_theme

REPO = Path(__file__).resolve().parents[2]
THEME = load_theme()
MOMENT = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
NOTES = "[^1]: one\n[^2]: two\n\n"  # two footnote definitions nothing cites


def manuscript(folder: Path, body: str, name: str = "deep.md", info: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    text = f"# Deep Book\n\nBy Eve Attacker\n\n{info}## Summary\n\n{body}\n\n## Themes\n\n- courage\n"
    path.write_text(text, encoding="utf-8")
    return path


def guide_text(guide: Guide) -> str:
    """Every line of text in the guide's sections and notes, lists and quotes included."""
    parts = [section.blocks for section in guide.sections] + [note.blocks for note in guide.notes]
    return "\n".join(
        plain_text(inlines) for blocks in parts for b in iter_blocks(blocks) for inlines in block_inlines(b)
    )


def run_cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def one_error_line(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


# ================================================================ 3. deep nesting after footnotes


def test_footnotes_before_a_ten_thousand_level_list_build_with_w_too_deep(tmp_path):
    """A 30 KB file: 137 s, then refused, before the cap; now flattened in well under a second.

    Run in a subprocess with a timeout, so a regression fails instead of holding the suite.
    """
    path = manuscript(tmp_path / "book", NOTES + "1. " * 10_000 + "the bottom")
    assert path.stat().st_size < 31_000
    result = run_cli(
        "build", str(path), "--format", "epub", "--out", "out", "--no-cache", cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "W-TOO-DEEP" in result.stderr and "E-TOO-DEEP" not in result.stderr
    with zipfile.ZipFile(tmp_path / "out" / "epub" / "deep.epub") as archive:
        text = " ".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml"))
    assert "the bottom" in text and "courage" in text


@pytest.mark.parametrize(("marker", "levels"), [("- ", 60), ("1. ", 60), ("> ", 120), ("[^n]: ", 120)])
def test_sixty_levels_after_footnotes_are_flattened_not_refused(tmp_path, marker, levels):
    """60 list levels: 1.7 s, then E-TOO-DEEP, before the cap."""
    cited = "Cited[^n].\n\n"  # an uncited note is dropped, deep or not
    path = manuscript(tmp_path / "book", cited + NOTES + marker * levels + "the bottom")
    guide, report = load_guide(path)
    [warning] = [d for d in report.items if d.code == "W-TOO-DEEP"]
    assert warning.location.line == 12  # the deep line itself
    assert [s.kind for s in guide.sections if s.kind in ("summary", "themes")] == ["summary", "themes"]
    assert "the bottom" in guide_text(guide)


def test_an_indented_list_two_hundred_deep_after_footnotes_keeps_every_item(tmp_path):
    body = NOTES + "\n".join("  " * level + f"- item {level}" for level in range(200))
    guide, report = load_guide(manuscript(tmp_path / "book", body))
    assert [d.code for d in report.items if d.code == "W-TOO-DEEP"] == ["W-TOO-DEEP"]
    text = guide_text(guide)
    assert all(f"item {level}" in text.split("\n") for level in (0, 44, 45, 199)), text
    assert guide.section("themes") is not None


def test_the_mend_of_the_nesting_limit_never_restarts_where_it_began():
    """Straight from markdown-it, uncapped: the unused definitions are no dropped text."""
    text = "# T\n\n" + NOTES + "- " * 60 + "x\n\n## After\n\nend\n"
    tokens = parse_markdown(text)
    assert max(token.level for token in tokens) >= MAX_NESTING - 2
    mended, lines = recover_deep_content(tokens, text)  # was RecursionError after ~900 parses
    assert lines == [5]
    assert [t.content for t in mended if t.type == "inline"][-2:] == ["After", "end"]


MISSED = "-    [^a]: x\n        10)     - y\n|---|---|\n     " + ">" * 200 + "- the bottom\n\n"


def test_the_mend_gives_each_block_after_a_restart_once():
    """Restarting only past the deep block, the mend once kept the text of later blocks the first
    parse had made (it dropped their opening tokens only): "Next" came 5 times for 3."""
    text = ("# T\n\n" + MISSED + "## Next\n\ntext\n\n") * 3
    mended, _ = recover_deep_content(parse_markdown(text), text)
    inline = [t.content for t in mended if t.type == "inline"]
    assert inline.count("Next") == inline.count("text") == 3


def test_what_the_cap_misses_is_given_back_once_in_at_most_five_parses(monkeypatch):
    """markdown-it takes "10)" indented 4 past its list for text, which the cap reads as a list, so
    the 200 quotes after it reach markdown-it's limit: the mend after the parse still gives them back."""
    text = ("# T\n\n" + MISSED + "## Next\n\ntext\n\n") * 20
    parses = []
    monkeypatch.setattr(parse, "parse_markdown", lambda *args: parses.append(1) or parse_markdown(*args))
    tokens, flattened = parse.read_blocks(text)
    inline = [t.content for t in tokens if t.type == "inline"]
    assert len(parses) <= 5 and flattened
    assert sum("the bottom" in c for c in inline) == inline.count("Next") == inline.count("text") == 20


def test_a_thousand_deep_lists_each_before_a_heading_keep_every_section(tmp_path):
    """One re-parse per deep list made this quadratic, then RecursionError; the cap reads it once."""
    body = "".join(f"{'- ' * 55}deep {n}\n\n## Part {n}\n\ntext {n}\n\n" for n in range(1_100))
    path = manuscript(tmp_path / "book", body)
    script = (
        "import sys; from pathlib import Path; from pipeline.build.batch import load_guide;"
        "guide, report = load_guide(Path(sys.argv[1]));"
        "print(len(guide.sections), sum(d.code == 'W-TOO-DEEP' for d in report.items))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    sections, warnings = map(int, result.stdout.split())
    assert sections >= 1_100 + 2 and warnings == 1


_CONTAINER_LINES = st.lists(
    st.tuples(
        st.integers(0, 12),  # indentation
        st.lists(
            st.sampled_from([">", "> ", "- ", "* ", "1. ", "10) ", "[^a]: ", "-    ", "   "]), max_size=12
        ),
        st.sampled_from(["x", "", "- - -", "```", "text *em*", "    code", "# h"]),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=_CONTAINER_LINES, limit=st.integers(1, 8))
def test_capped_text_never_nests_past_the_limit(lines, limit):
    text = "\n".join(" " * indent + "".join(markers) + rest for indent, markers, rest in lines)
    capped, changed = cap_nesting(text, limit)
    assert capped.count("\n") == text.count("\n")  # line numbers stay true
    assert all(capped.split("\n")[n] != text.split("\n")[n] for n in changed)
    leaves = {"paragraph_open", "heading_open", "table_open"}
    depth = max(
        (t.level + 1 for t in parse_markdown(capped) if t.nesting == 1 and t.type not in leaves), default=0
    )
    assert depth <= limit, (text, capped)


# ================================================================ 6. cover text and image names


def test_a_book_info_field_continued_on_the_next_line_still_gets_a_cover(tmp_path):
    info = "## Book Info\n\n- Year: 1861\nand more\n\n"
    path = manuscript(tmp_path / "book", "A story.", name="info.md", info=info)
    [outcome] = build_all([path], BuildOptions(formats=("epub",), out_dir=tmp_path / "out"))
    assert not outcome.failed, [str(d) for d in outcome.diagnostics]
    with zipfile.ZipFile(outcome.outputs[0]) as archive:
        cover = Image.open(io.BytesIO(archive.read("EPUB/images/cover.jpg")))
        cover.load()
    assert cover.size == (1000, 1500)


@pytest.mark.parametrize("separator", ["\n", "\r", "\x1c", "\x1d", "\x1e", "\x85", "\u2029", "\u2028"])
def test_cover_texts_with_any_paragraph_separator_are_drawn_on_one_line(separator):
    meta = Metadata(
        f"Great{separator}Expectations", (f"Charles{separator}Dickens",), 1861, f"1861{separator}x"
    )
    report = Report("guide.md")
    with_separator = cover_image(meta, THEME, f"Study{separator}guide", report)
    plain = cover_image(
        Metadata("Great Expectations", ("Charles Dickens",), 1861, "1861 x"), THEME, "Study guide"
    )
    assert with_separator == plain and report.items == []


_UNLAYABLE = "Unlayable"


@pytest.fixture
def raqm_refuses(monkeypatch):
    """Pillow failing as raqm does, for one word only (every other text is laid out as usual)."""
    getbbox, getlength = ImageFont.FreeTypeFont.getbbox, ImageFont.FreeTypeFont.getlength

    def refuse(original):
        def method(self, text, *args, **kwargs):
            if _UNLAYABLE.lower() in str(text).lower():
                raise RuntimeError("raqm_layout() failed.")
            return original(self, text, *args, **kwargs)

        return method

    monkeypatch.setattr(ImageFont.FreeTypeFont, "getbbox", refuse(getbbox))
    monkeypatch.setattr(ImageFont.FreeTypeFont, "getlength", refuse(getlength))


def test_a_cover_text_pillow_cannot_lay_out_is_left_off_with_a_warning(tmp_path, raqm_refuses):
    path = manuscript(tmp_path / "book", "A story.", name="odd.md")
    path.write_text(path.read_text().replace("# Deep Book", f"# {_UNLAYABLE} Book"), encoding="utf-8")
    guide, report = load_guide(path)
    target = tmp_path / "odd.epub"
    build_epub(guide, target, THEME, MOMENT, report=report)  # was RuntimeError: no EPUB at all
    [warning] = [d for d in report.items if d.code == "W-COVER-TEXT"]
    assert warning.severity == "warning" and "title" in warning.message
    with zipfile.ZipFile(target) as archive:
        Image.open(io.BytesIO(archive.read("EPUB/images/cover.jpg"))).load()


def test_a_cover_that_cannot_be_drawn_keeps_its_frame_and_warns(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OSError("execution context too long (issue 1)")

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", refuse)
    report = Report("guide.md")
    jpeg = cover_image(
        Metadata("Framed Only Book", ("Nobody At All",), 1999, "1999"), THEME, "Study guide", report
    )
    Image.open(io.BytesIO(jpeg)).load()
    assert [d.code for d in report.items] == ["W-COVER-TEXT"]


def test_an_image_name_over_255_bytes_is_refused_with_a_warning(tmp_path):
    long_name = "a" * 300 + ".png"
    path = manuscript(tmp_path / "book", f"![the map]({long_name})", name="map.md")
    inspected = run_cli("inspect", str(path), cwd=tmp_path)
    assert inspected.returncode == 0 and "Traceback" not in inspected.stderr, inspected.stderr
    [refused] = [d for d in json.loads(inspected.stdout)["diagnostics"] if "W-IMAGE-REFUSED" in d]
    assert "File name too long" in refused
    [outcome] = build_all([path], BuildOptions(formats=("epub",), out_dir=tmp_path / "out"))
    assert not outcome.failed and [d.code for d in outcome.diagnostics] == ["W-IMAGE-REFUSED"]


# ================================================================ 7. OS errors


@pytest.fixture
def book(tmp_path) -> Path:
    return manuscript(tmp_path / "manuscripts", "A story.", name="plain.md")


@pytest.mark.parametrize("out", ["a-file", "a-file/inside"])
def test_out_naming_a_file_is_a_usage_error(tmp_path, book, out):
    (tmp_path / "a-file").write_text("not a folder")
    result = run_cli("build", str(book), "--format", "epub", "--out", out, cwd=tmp_path)
    assert result.returncode == 2
    assert one_error_line(result) in (
        "error: --out a-file is a file, not a folder",
        "error: --out a-file/inside lies in a-file, which is a file, not a folder",
    )
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_a_name_with_a_newline_or_a_terminal_escape_is_one_line_in_every_message(tmp_path):
    folder = tmp_path / "manuscripts"
    folder.mkdir()
    (folder / "empty\nfile.md").write_text("")
    (folder / "red\x1b[31m.md").write_text("# Red\n\nBy A\n\n## Summary\n\n![x](gone.png)\n")
    result = run_cli("build", "manuscripts", "--format", "html", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr
    lines = result.stderr.splitlines()
    assert "manuscripts/empty\\nfile.md:1: error[E-EMPTY]: manuscript is empty" in lines
    assert "  FAILED manuscripts/empty\\nfile.md: manuscript is empty" in lines
    assert any(line.startswith("manuscripts/red\\x1b[31m.md:7: warning[W-IMAGE-REFUSED]") for line in lines)
    usage = run_cli("build", "no\nsuch.md", cwd=tmp_path)
    assert usage.returncode == 2
    assert one_error_line(usage) == "error: no\\nsuch.md: no such file or folder"


def test_an_output_the_system_refuses_is_e_write_naming_it_and_the_batch_summary_prints(tmp_path, book):
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "epub").write_text("a file where the EPUB folder goes")
    result = run_cli("build", "manuscripts", "--format", "epub", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error[E-WRITE]: could not build: output/epub: File exists" in result.stderr
    assert "0 built, 0 up to date, 1 failed" in result.stderr


@pytest.mark.parametrize("command", ["catalog", "serve"])
def test_a_shelf_command_told_to_read_a_file_says_so(tmp_path, command):
    (tmp_path / "a-file").write_text("not a folder")
    result = run_cli(command, "--out", "a-file", cwd=tmp_path)
    assert result.returncode == 2
    assert one_error_line(result) == "error: --out a-file is a file, not a folder"


def test_new_over_a_dangling_link_is_refused_and_makes_nothing(tmp_path):
    (tmp_path / "manuscripts").mkdir()
    (tmp_path / "manuscripts" / "my-book.md").symlink_to(tmp_path / "missing" / "target.md")
    result = run_cli("new", "My Book", cwd=tmp_path)
    assert result.returncode == 2
    line = one_error_line(result)
    assert "manuscripts/my-book.md" in line and "link to a missing file" in line
    assert not (tmp_path / "missing").exists()


def test_new_into_a_folder_that_is_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "notes").write_text("a file")
    result = run_cli("new", "My Book", "--folder", "notes", cwd=tmp_path)
    assert result.returncode == 2 and "notes is not a folder" in one_error_line(result)


@pytest.fixture
def latin1_manuscript(tmp_path) -> Path:
    """A manuscript copied in from a system that names files in Latin-1: "café.md" as b"caf\\xe9.md"."""
    folder = tmp_path / "manuscripts"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/caf\xe9.md", "w", encoding="utf-8") as handle:
        handle.write("# Caf\u00e9 Society\n\nby A. Writer\n\n## Summary\n\nA story told in a caf\u00e9.\n")
    return folder


@pytest.mark.parametrize("command", ["lint", "inspect"])
def test_a_manuscript_named_in_latin1_is_read_without_a_traceback(tmp_path, latin1_manuscript, command):
    target = (
        "manuscripts" if command == "lint" else os.fsdecode(os.fsencode(latin1_manuscript) + b"/caf\xe9.md")
    )
    result = run_cli(command, target, cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    if command == "inspect":
        assert "Café Society" in result.stdout


def test_a_manuscript_named_in_latin1_builds_outputs_named_in_utf8_and_is_shelved(
    tmp_path, latin1_manuscript
):
    result = run_cli("build", "manuscripts", "--format", "epub,html", cwd=tmp_path)
    assert result.returncode == 0 and "1 built" in result.stdout + result.stderr, result.stderr
    assert sorted(p.name for p in (tmp_path / "output" / "epub").iterdir()) == ["café.epub"]
    assert "epub/caf%C3%A9.epub" in (tmp_path / "output" / "opds.xml").read_text(encoding="utf-8")
    rerun = run_cli("build", "manuscripts", "--format", "epub,html", cwd=tmp_path)
    assert "0 built, 1 up to date" in rerun.stdout + rerun.stderr, rerun.stderr


def test_two_names_for_one_output_are_refused_not_overwritten(tmp_path, latin1_manuscript):
    (latin1_manuscript / "café.md").write_text("# Another\n\n## Summary\n\nText.\n", encoding="utf-8")
    result = run_cli("build", "manuscripts", "--format", "epub", cwd=tmp_path)
    assert "E-DUPLICATE-STEM" in result.stdout + result.stderr
    assert "1 built" in result.stdout + result.stderr


@pytest.fixture
def shelf_with_a_latin1_name(tmp_path, book) -> Path:
    out = tmp_path / "output"
    [outcome] = build_all([book], BuildOptions(formats=("epub",), out_dir=out))
    odd = os.fsencode(out / "epub") + b"/caf\xe9.epub"
    with open(odd, "wb") as handle:
        handle.write(outcome.outputs[0].read_bytes())
    return out


def test_a_non_utf8_name_in_output_is_left_off_the_shelf_with_a_warning(tmp_path, shelf_with_a_latin1_name):
    result = run_cli("catalog", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == (
        "warning: output/epub/caf\\xe9.epub: the file name is not UTF-8; the guide is left off the shelf"
    )
    assert "catalogued 1 guides" in result.stdout
    assert "plain.epub" in (shelf_with_a_latin1_name / "opds.xml").read_text(encoding="utf-8")


def test_a_build_beside_a_non_utf8_name_prints_its_summary(tmp_path, shelf_with_a_latin1_name):
    result = run_cli("build", "manuscripts", "--format", "epub", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "1 built, 0 up to date, 0 failed" in result.stdout + result.stderr


def test_serve_beside_a_non_utf8_name_starts(tmp_path, shelf_with_a_latin1_name):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--port", "0"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = server.stdout.readline()
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert first.startswith("Serving output at http://"), errors
    assert "Traceback" not in errors


def test_a_shelf_that_cannot_be_written_is_one_line_and_exit_1(tmp_path, book):
    build_all([book], BuildOptions(formats=("epub",), out_dir=tmp_path / "output"))
    shutil.rmtree(tmp_path / "output" / "covers", ignore_errors=True)
    (tmp_path / "output" / "covers").write_text("in the way")
    result = run_cli("catalog", cwd=tmp_path)
    assert result.returncode == 1
    assert one_error_line(result) == (
        "error: cannot write the shelf: output/covers: a file stands where a folder must be"
    )


def test_an_os_error_no_command_handles_is_one_line_naming_the_file(monkeypatch, capsys):
    def refuse(args):
        raise PermissionError(13, "Permission denied", "output/opds.xml")

    monkeypatch.setattr(command("catalog"), "run", refuse)
    assert cli.main(["catalog"]) == EXIT_FAILED
    assert capsys.readouterr().err == "error: output/opds.xml: Permission denied\n"


def test_outputs_of_names_with_a_newline_or_a_bidi_override_are_named_plainly(tmp_path):
    folder = tmp_path / "manuscripts"
    for name in ("new\nline.md", "evil\u202egpj.md"):
        manuscript(folder, "A story.", name=name)
    outcomes = build_all([folder], BuildOptions(formats=("epub", "html"), out_dir=tmp_path / "out"))
    assert not [o for o in outcomes if o.failed]
    names = sorted(p.name for o in outcomes for p in o.outputs)
    assert names == ["evilgpj.epub", "evilgpj.html", "new_line.epub", "new_line.html"]
