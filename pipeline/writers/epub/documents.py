"""ebooklib's document and writer classes, made to keep our bytes and to give equal bytes for equal input.

ebooklib rebuilds every XHTML document's `<head>` from its own template and drops
the `<body>` attributes, so `TemplateDocument` returns our templates' bytes as they are. Its writer
leaves the package element without `xml:lang`, which accessibility checkers want, and zips through
zipfile with the time of writing on each entry; `PinnedWriter` adds the language, writes the
package document and NCX as text (package_text) and the container with ocf_zip at one fixed
timestamp.
"""

from __future__ import annotations

import datetime as dt

from ebooklib import epub

from pipeline.writers.epub.ocf_zip import OcfZip
from pipeline.writers.epub.package_text import ncx_text, package_text


class TemplateDocument(epub.EpubHtml):
    """An XHTML document written exactly as our templates made it (ebooklib would rebuild <head>)."""

    def __init__(self, uid: str, file_name: str, title: str, content: str, language: str, properties=()):
        super().__init__(uid=uid, file_name=file_name, title=title, lang=language)
        self.media_type = "application/xhtml+xml"  # given, so ebooklib need not guess (see write_book)
        self.content = content.encode("utf-8")
        self.properties = list(properties)

    def get_content(self, default=None) -> bytes:
        return self.content


class PinnedWriter(epub.EpubWriter):
    """ebooklib's writer with the package's language and one fixed timestamp on every ZIP entry."""

    def __init__(self, name: str, book: epub.EpubBook, moment: dt.datetime) -> None:
        super().__init__(
            name,
            book,
            {"mtime": moment, "epub3_landmark": False, "epub3_pages": False, "package_direction": True},
        )
        self.moment = moment

    def _write_opf(self) -> None:
        # Written as text (package_text); ebooklib's lxml tree only for a book that needs it.
        text = package_text(self, self.moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
        if text is None:
            super()._write_opf()
        else:
            self.out.writestr(f"{self.book.FOLDER_NAME}/content.opf", text)

    def _write_opf_file(self, root) -> None:
        # ebooklib leaves the package element without xml:lang; accessibility checkers want it.
        root.set("{http://www.w3.org/XML/1998/namespace}lang", self.book.language)
        super()._write_opf_file(root)

    def _get_ncx(self) -> bytes | str:
        text = ncx_text(self.book, self._play_order["enabled"])
        return super()._get_ncx() if text is None else text

    def write(self) -> None:
        # One fixed timestamp on every entry, so equal input gives equal bytes.
        self.out = OcfZip(self.file_name, self.moment.timetuple()[:6])
        try:
            self.out.writestr("mimetype", "application/epub+zip")
            self._write_container()
            self._write_opf()
            self._write_items()
        except BaseException:
            self.out.abandon()
            raise
        self.out.close()
