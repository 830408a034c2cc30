"""The package document (content.opf) and the NCX as text: the very bytes ebooklib's writer makes
with lxml, without building and serialising a tree.

ebooklib builds both with lxml and pretty-prints them; per guide that cost more than writing every
XHTML document. These functions write the same elements, in ebooklib's order, with lxml's
escaping and indentation, for the books write_book makes. A book they were not written for (a
namespace, a field or a character lxml would treat otherwise) gets None, and the caller lets
ebooklib write it: tests/writers/epub/test_package_text.py checks the bytes are ebooklib's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ebooklib import epub

_DC = epub.NAMESPACES["DC"]
_OPF = epub.NAMESPACES["OPF"]
_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
# What lxml refuses in a text or attribute (ebooklib then leaves a metadata element out).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Unwritten(Exception):
    """Something these functions do not write as lxml would: ebooklib writes the book instead."""


# Anything a text or attribute value must be escaped or checked for: most values hold none of it.
_SPECIAL = re.compile('[&<>"\x00-\x1f\ud800-\udfff\ufffe\uffff]')


def _text(value: object) -> str:
    if type(value) is str and not _SPECIAL.search(value):
        return value
    if not isinstance(value, str) or _NOT_XML.search(value):
        raise Unwritten
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attributes(attributes: Iterable[tuple[str, object]]) -> str:
    out = []
    for name, value in attributes:
        if type(value) is str and not _SPECIAL.search(value):
            out.append(f' {name}="{value}"')
            continue
        if not isinstance(value, str) or _NOT_XML.search(value):
            raise Unwritten
        value = (
            value.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace('"', "&quot;")
            .replace("\n", "&#10;")
            .replace("\r", "&#13;")
            .replace("\t", "&#9;")
        )
        out.append(f' {name}="{value}"')
    return "".join(out)


def _element(indent: str, tag: str, attributes: Iterable[tuple[str, object]], text: object) -> str:
    """One element on its own line: no text is `<x/>`, an empty text `<x></x>` (as lxml writes)."""
    if text is None:
        return f"{indent}<{tag}{_attributes(attributes)}/>\n"
    return f"{indent}<{tag}{_attributes(attributes)}>{_text(text)}</{tag}>\n"


def package_text(writer: epub.EpubWriter, modified: str) -> str | None:
    """What EpubWriter._write_opf writes for writer.book (and PinnedWriter's xml:lang), or None."""
    try:
        return _package(writer.book, writer.options, modified)
    except Unwritten:
        return None


def _package(book: epub.EpubBook, options: dict, modified: str) -> str:
    if book.namespaces or book.bindings or not book.language:
        raise Unwritten
    attributes = [("xmlns", _OPF), ("unique-identifier", book.IDENTIFIER_ID), ("version", "3.0")]
    if book.direction and options["package_direction"]:
        attributes.append(("dir", book.direction))
    prefixes = ["rendition: http://www.idpf.org/vocab/rendition/#", *book.prefixes]
    attributes.append(("prefix", " ".join(prefixes)))
    attributes.append(("xml:lang", book.language))
    parts = [_DECLARATION, f"<package{_attributes(attributes)}>\n"]
    parts.append(f'  <metadata xmlns:dc="{_DC}" xmlns:opf="{_OPF}">\n')
    parts.append(_element("    ", "meta", [("property", "dcterms:modified")], modified))
    for namespace, groups in book.metadata.items():
        for name, values in groups.items():
            for value, others in values:
                pairs = list((others or {}).items())
                if namespace == _OPF:
                    if others and others.get("property") == "dcterms:modified":
                        continue
                    parts.append(_element("    ", "meta", pairs, value or None))
                elif namespace in (_DC, None):
                    tag = f"dc:{name}" if namespace else name
                    parts.append(_element("    ", tag, pairs, value))
                else:
                    raise Unwritten
    parts.append("  </metadata>\n")
    parts.append(_manifest(book))
    parts.append(_spine(book, options))
    parts.append(_guide(book, options))
    parts.append("</package>\n")
    return "".join(parts)


def _manifest(book: epub.EpubBook) -> str:
    items = []
    for item in book.get_items():
        if not item.manifest:
            continue
        attributes = [("href", item.file_name), ("id", item.id), ("media-type", item.media_type)]
        if isinstance(item, epub.EpubNav | epub.EpubCoverHtml):
            raise Unwritten  # write_book writes its own nav and cover pages
        if isinstance(item, epub.EpubCover):
            attributes.append(("properties", "cover-image"))
        elif not isinstance(item, epub.EpubNcx):
            if getattr(item, "properties", None):
                attributes.append(("properties", " ".join(item.properties)))
            if getattr(item, "media_overlay", None) is not None or getattr(item, "media_duration", None):
                raise Unwritten
        items.append(_element("    ", "item", attributes, None))
    return "  <manifest>\n" + "".join(items) + "  </manifest>\n" if items else "  <manifest/>\n"


def _spine(book: epub.EpubBook, options: dict) -> str:
    ncx = next((item.id for item in book.get_items() if isinstance(item, epub.EpubNcx)), None)
    attributes = [("toc", ncx or "ncx")]
    if book.direction and options["spine_direction"]:
        attributes.append(("page-progression-direction", book.direction))
    refs = []
    for item in book.spine:
        if not isinstance(item, epub.EpubItem) or not item.is_linear:
            raise Unwritten  # write_book's spine is its documents, all linear
        refs.append(_element("    ", "itemref", [("idref", item.get_id())], None))
    if not refs:
        return f"  <spine{_attributes(attributes)}/>\n"
    return f"  <spine{_attributes(attributes)}>\n" + "".join(refs) + "  </spine>\n"


def _guide(book: epub.EpubBook, options: dict) -> str:
    if not book.guide or not options.get("epub2_guide"):
        return ""
    references = []
    for entry in book.guide:
        if "item" in entry:
            raise Unwritten
        attributes = [
            ("type", entry.get("type", "")),
            ("title", entry.get("title", "") or ""),
            ("href", entry.get("href", "")),
        ]
        references.append(_element("    ", "reference", attributes, None))
    return "  <guide>\n" + "".join(references) + "  </guide>\n"


def ncx_text(book: epub.EpubBook, play_order: bool) -> str | None:
    """What EpubWriter._get_ncx gives for the book's toc of Links and (Link, children) pairs, or None."""
    if play_order:
        return None
    try:
        head = "".join(
            _element("    ", "meta", [("content", content), ("name", name)], None)
            for content, name in (
                (book.uid, "dtb:uid"),
                ("0", "dtb:depth"),
                ("0", "dtb:totalPageCount"),
                ("0", "dtb:maxPageNumber"),
            )
        )
        points: list[str] = []
        _nav_points(points, book.toc, 0, "    ")
    except Unwritten:
        return None
    nav_map = "  <navMap>\n" + "".join(points) + "  </navMap>\n" if points else "  <navMap/>\n"
    title = "    <text/>\n" if book.title is None else _element("    ", "text", [], book.title)
    return (
        f'{_DECLARATION}<ncx xmlns="{epub.NAMESPACES["DAISY"]}" version="2005-1">\n'
        f"  <head>\n{head}  </head>\n"
        f"  <docTitle>\n{title}  </docTitle>\n"
        f"{nav_map}</ncx>\n"
    )


def _nav_points(out: list[str], entries: list, uid: int, indent: str) -> int:
    """ebooklib's _create_section: a pair's navPoint is numbered `sep_<n>` by a running count."""
    for entry in entries:
        children: list | None = None
        if isinstance(entry, tuple | list):
            entry, children = entry[0], entry[1]
        if not isinstance(entry, epub.Link) or not entry.href:
            raise Unwritten  # an empty src would be filled from the next entry
        point_id = f"sep_{uid}" if children is not None else entry.uid
        out.append(f"{indent}<navPoint{_attributes([('id', point_id)])}>\n")
        out.append(f"{indent}  <navLabel>\n")
        out.append(_element(indent + "    ", "text", [], entry.title))
        out.append(f"{indent}  </navLabel>\n")
        out.append(_element(indent + "  ", "content", [("src", entry.href)], None))
        if children is not None:
            uid = _nav_points(out, children, uid + 1, indent + "  ")
        out.append(f"{indent}</navPoint>\n")
    return uid
