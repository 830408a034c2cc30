"""A Word file (.docx) as a manuscript: mammoth turns it into HTML, and that HTML is read by the
same HTML reading as HTML inside a Markdown manuscript (html.py, html_blocks.py).

One reading path: the .docx becomes a text of HTML, one top-level element (paragraph, heading,
list, table) per line, and from there it is an ordinary manuscript. markdown-it takes the text for
one HTML block; html_blocks.py makes the same headings, lists, tables and "**Author:** …"
paragraphs the Markdown reader makes; split.py, metadata.py and entries.py then find the title,
the facts, the sections and the entries exactly as they do for Markdown. A diagnostic's line is the
element's line in that text: the n-th paragraph, heading, list or table of the document. The
text between tags is Word's text, not Markdown: an asterisk stays an asterisk (Converter.markup).

Images inside the file go through the image policy: only PNG, JPEG, GIF and WebP, no larger than
`MAX_IMAGE_BYTES` and `files.images.MAX_PIXELS`; each one kept is written once, named by its
SHA-256, to the user's cache folder (`docx-images`; with caching off, a private temporary folder),
and the guide names that file.

A file that is not a Word document (not a ZIP, a ZIP without word/document.xml, an encrypted
document, which Word stores as an OLE compound file, or one mammoth cannot read) is an E-DOCX
error naming the file: that guide is not built, and the batch goes on.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import zipfile
from html import escape
from pathlib import Path

from pipeline.files.images import raster_problem
from pipeline.files.user_cache import user_cache_folder
from pipeline.model.diagnostics import GuideError, Report

MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a ZIP that unpacks to more is a bomb, not a summary
MAX_IMAGE_BYTES = 20 * 1024 * 1024
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # encrypted .docx, and old binary .doc files
_BLOCK_TAGS = frozenset(
    ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "hr", "div")
)
# Added to mammoth's own map (headings, lists, bold, italics, strike-through, tables): Word's Title
# style is the guide's title, as "# Title" is in Markdown; underline and highlighting are kept
# (mammoth leaves both out by default).
_STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Definition Term'] => ul > li:fresh
u => u
highlight => mark
"""
# Word's paragraph styles for the book's facts (pandoc writes a Markdown file's author, subtitle
# and date in them): each paragraph is given the field name it stands for, as a bold label, so it is
# read as the "**Author:** …" paragraph of a Markdown file is. The names are the model's English
# ones, which every language's field names include.
_FIELD_STYLES = {"Author": "Author", "Subtitle": "Subtitle", "Date": "Date"}
_IMAGE_SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}


def docx_html(path: Path, data: bytes, report: Report) -> tuple[str, tuple[str, ...]]:
    """The document as HTML, one top-level element per line, and the image files it names;
    raises GuideError (E-DOCX) when the file is not a readable Word document."""
    if data.startswith(_OLE_MAGIC):
        raise report.error(
            "E-DOCX", "an encrypted Word file, or an old .doc one: save it as .docx without a password"
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise report.error("E-DOCX", "not a ZIP archive, so not a Word document (a .docx file is one)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            if "word/document.xml" not in names:
                raise report.error("E-DOCX", "a ZIP archive without word/document.xml: not a Word document")
            if unpacked > MAX_UNPACKED_BYTES:
                raise report.error(
                    "E-DOCX", f"unpacks to {unpacked:,} bytes; the limit is {MAX_UNPACKED_BYTES:,}"
                )
    except zipfile.BadZipFile as exc:
        raise report.error("E-DOCX", f"a damaged Word file ({exc})") from None
    images = ImageWriter(report)
    try:
        import mammoth

        # Nothing outside the file is read: an image linked from elsewhere is refused, not fetched.
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            convert_image=images,
            style_map=_STYLE_MAP,
            external_file_access=False,
            transform_document=word_styles,
        )
    except GuideError:
        raise
    except RecursionError:  # mammoth walks the document recursively: tables in tables 50 deep do it
        raise report.error(
            "E-DOCX", "nested too deeply to read (tables or lists inside each other dozens of levels deep)"
        ) from None
    except Exception as exc:  # mammoth raises many kinds for a damaged document's XML
        raise report.error("E-DOCX", f"a damaged Word file ({type(exc).__name__}: {exc})") from None
    return _one_element_a_line(result.value), tuple(images.written)


def word_styles(document):
    """mammoth's document with Word's field styles labelled (`_FIELD_STYLES`), and each
    "Definition Term" paragraph joined by the "Definition" ones under it as "**Term**: definition":
    the list item the style map makes of it is then an entry, as a Markdown definition list's is."""
    from mammoth import documents

    def bold(words: str):
        return documents.run([documents.Text(words)], is_bold=True)

    children: list = []
    term_open = False  # a term waits for its first definition; a second one stays a paragraph
    for element in document.children:
        style = getattr(element, "style_name", None) if isinstance(element, documents.Paragraph) else None
        if style in _FIELD_STYLES:
            element = element.copy(
                children=[bold(f"{_FIELD_STYLES[style]}:"), documents.Text(" "), *element.children]
            )
        elif style == "Definition Term":
            element = element.copy(children=[documents.run(element.children, is_bold=True)])
        elif style == "Definition" and term_open:
            term = children.pop()
            element = term.copy(children=[*term.children, documents.Text(": "), *element.children])
        term_open = style == "Definition Term" and not term_open
        children.append(element)
    return document.copy(children=children)


class ImageWriter:
    """mammoth's image callback: each image through the policy, kept ones written to the cache."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.written: list[str] = []
        self.count = 0

    def __call__(self, image) -> list:
        """The nodes mammoth writes for one image: an <img>, or its alt text when it is refused."""
        from mammoth import html

        self.count += 1
        alt = image.alt_text or ""
        reason = self._problem(image)
        if isinstance(reason, Path):
            self.written.append(str(reason))
            return [html.element("img", {"src": str(reason), "alt": alt})]
        self.report.warn(
            "W-IMAGE-REFUSED", f"image {self.count} of the document {reason}; its alt text is shown", 1
        )
        return [html.text(alt)] if alt else []

    def _problem(self, image) -> Path | str:
        """The file the image was written to, or why it is refused."""
        suffix = _IMAGE_SUFFIXES.get(image.content_type or "")
        if suffix is None:
            return f"is {image.content_type or 'of no known type'}, not a PNG, JPEG, GIF or WebP image"
        try:
            with image.open() as stream:
                data = stream.read(MAX_IMAGE_BYTES + 1)
        except Exception:  # a linked image (never fetched), or a member missing from the ZIP
            return "is not inside the file (linked images are never fetched) or cannot be read"
        if len(data) > MAX_IMAGE_BYTES:
            return f"is over {MAX_IMAGE_BYTES // (1024 * 1024)} MB"
        target = _image_folder() / (hashlib.sha256(data).hexdigest() + suffix)
        if not target.is_file():
            partial = target.with_name(f".{target.name}.{os.getpid()}")
            partial.write_bytes(data)
            os.replace(partial, target)  # whole or not at all, when two workers write one image
        return raster_problem(target) or target


_PRIVATE_FOLDER: list[Path] = []  # this process's folder when caching is off, made once


def _image_folder() -> Path:
    folder = user_cache_folder("docx-images")
    if folder is None:  # caching off: a folder only this user can open, new for this process
        if not _PRIVATE_FOLDER:
            _PRIVATE_FOLDER.append(Path(tempfile.mkdtemp(prefix="study-guide-docx-images-")))
        folder = _PRIVATE_FOLDER[0]
    return folder


def _one_element_a_line(html: str) -> str:
    """mammoth writes the document on one line; each top-level element on a line of its own gives
    every diagnostic a line to name. A newline inside an element becomes a character reference, so
    no line of the text is blank (a blank line would end markdown-it's HTML block)."""
    from lxml import html as lxml_html

    lines: list[str] = []
    for part in lxml_html.fragments_fromstring(html) if html.strip() else []:
        if isinstance(part, str):
            lines.append(f"<p>{escape(part)}</p>")
        elif part.tag == "a" and not part.text_content().strip() and not len(part):
            continue  # a bookmark (Word's headings carry one each): nothing to read
        else:
            line = lxml_html.tostring(part, encoding="unicode").replace("\n", "&#10;")
            # Each line must open an HTML block for markdown-it (CommonMark's block tags do).
            lines.append(line if part.tag in _BLOCK_TAGS else f"<p>{line}</p>")
    return "\n".join(line for line in lines if line.strip())
