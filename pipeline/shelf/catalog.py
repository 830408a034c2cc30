"""The shelf: an OPDS 1.2 acquisition feed and a library page, made from what is in output/."""

from __future__ import annotations

import datetime as dt
import json
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from urllib.parse import quote, unquote

from lxml import etree
from markupsafe import Markup

from pipeline.files.atomic import write_bytes_atomic
from pipeline.files.listing import Listing
from pipeline.files.names import shown_path, utf8_name
from pipeline.files.typed_json import DoesNotFit, parse
from pipeline.model.diagnostics import PipelineError
from pipeline.writers.render import render

OPF_NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
ACQUISITION_FEED = "application/atom+xml;profile=opds-catalog;kind=acquisition"
Warn = Callable[[str], None]


class ShelfError(PipelineError):
    """The catalogue's own files cannot be written; the message names the file and the cause."""


def print_warning(message: str) -> None:
    print(shown_path(f"warning: {message}"), file=sys.stderr)


@dataclass(frozen=True, slots=True)
class ShelfEntry:
    """One guide on the shelf: what its feed entry and library card show."""

    stem: str
    identifier: str
    title: str
    authors: tuple[str, ...]
    language: str
    summary: str
    subjects: tuple[str, ...]
    updated: str
    reading_time: str
    epub: str
    pdf: str | None
    handout: str | None
    cover: str | None
    cover_type: str | None


# A record's entry as a plain dict: asdict() would deep-copy each field, and every field is
# immutable already (strings, tuples of strings, None).
_ENTRY_FIELDS = tuple(field.name for field in fields(ShelfEntry))


# What the shelf reads back out of an EPUB in epub/, at most: ours are a few KB and a cover of a few
# hundred. Anything else put there is read no further (a 300 KB ZIP bomb's "cover" unpacked to
# 300 MB in memory and in covers/, on every build).
MAX_PACKAGE_BYTES = 4 * 1024 * 1024
MAX_COVER_BYTES = 20 * 1024 * 1024


def _read_epub(path: Path) -> tuple[etree._Element, bytes | None, str]:
    """The package document, the cover's bytes and the cover's media type."""
    with zipfile.ZipFile(path) as archive:
        container = etree.fromstring(_member(archive, "META-INF/container.xml", MAX_PACKAGE_BYTES))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(_member(archive, opf_path, MAX_PACKAGE_BYTES))
        cover_item = opf.find(".//opf:item[@properties='cover-image']", OPF_NS)
        cover, media_type = None, ""
        if cover_item is not None:
            base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
            cover = _member(archive, base + cover_item.get("href"), MAX_COVER_BYTES)
            media_type = cover_item.get("media-type", "")
    return opf, cover, media_type


def _member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """One member's bytes; BadZipFile past `limit`. zipfile reads no further than the size the
    archive declares (a member that unpacks to more fails its CRC), so the declared size is the bound."""
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise zipfile.BadZipFile(f"{name} unpacks to {info.file_size:,} bytes, over {limit:,}")
    return archive.read(info)


def _href(path: Path, root: Path) -> str:
    return quote(path.relative_to(root).as_posix())


# Entries read from each EPUB, keyed by its size and mtime: a rebuild that changed nothing, or
# changed one guide, reads one EPUB back or none instead of the whole shelf.
_CACHE = Path(".cache") / "shelf.json"


def _stamp(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def shelf_record(out_dir: Path, epub: Path) -> dict | None:
    """One EPUB's shelf entry, read from its package document, with the stamp of the file it was
    read from (None: unreadable)."""
    try:
        stamp = _stamp(epub)
        opf, cover, cover_type = _read_epub(epub)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError):
        return None  # not one of ours, or half-copied: the shelf lists only what readers can open
    meta = opf.find("opf:metadata", OPF_NS)

    def texts(tag: str) -> tuple[str, ...]:
        return tuple(e.text for e in meta.iterfind(tag, OPF_NS) if e.text)

    modified = meta.find("opf:meta[@property='dcterms:modified']", OPF_NS)
    reading = meta.find("opf:meta[@name='study-guide:reading-time']", OPF_NS)
    return _record(
        out_dir,
        epub,
        stamp,
        identifiers=texts("dc:identifier"),
        titles=texts("dc:title"),
        authors=texts("dc:creator"),
        languages=texts("dc:language"),
        descriptions=texts("dc:description"),
        subjects=texts("dc:subject"),
        modified=modified.text if modified is not None and modified.text else "",
        reading_time=reading.get("content", "") if reading is not None else "",
        cover=cover,
        cover_type=cover_type,
    )


def written_record(out_dir: Path, epub: Path, metadata: dict[str, object], cover: bytes) -> dict | None:
    """The shelf entry of an EPUB this process has just written, from the metadata it wrote into
    it (`epub.package_metadata`): workers hand these over, so a batch's shelf reads nothing back.
    tests/shelf/test_shelf.py checks it equals what reading the EPUB gives."""
    try:
        stamp = _stamp(epub)
    except OSError:
        return None
    return _record(out_dir, epub, stamp, cover=cover, cover_type="image/jpeg", **metadata)  # type: ignore[arg-type]


def _record(
    out_dir: Path,
    epub: Path,
    stamp: list[int],
    *,
    identifiers: tuple[str, ...],
    titles: tuple[str, ...],
    authors: tuple[str, ...],
    languages: tuple[str, ...],
    descriptions: tuple[str, ...],
    subjects: tuple[str, ...],
    modified: str,
    reading_time: str,
    cover: bytes | None,
    cover_type: str,
) -> dict:
    def kept(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip() for v in values if v and v.strip())

    stem = epub.stem
    entry = ShelfEntry(
        stem=stem,
        identifier=(kept(identifiers) or (f"urn:study-guide:{stem}",))[0],
        title=(kept(titles) or (stem,))[0],
        authors=kept(authors),
        language=(kept(languages) or ("en",))[0],
        summary=(kept(descriptions) or ("",))[0],
        subjects=kept(subjects),
        updated=modified.strip() or _mtime(epub),
        reading_time=reading_time,
        epub=_href(epub, out_dir),
        pdf=None,
        handout=None,
        cover=_write_cover(out_dir, stem, cover, cover_type) if cover else None,
        cover_type=cover_type or None,
    )
    fields_of_entry = {name: getattr(entry, name) for name in _ENTRY_FIELDS}
    return {"name": epub.name, "stamp": stamp, "entry": fields_of_entry}


@dataclass(frozen=True, slots=True)
class CachedRecord:
    """The schema of one record of out_dir/.cache/shelf.json (as _record makes them)."""

    name: str
    stamp: tuple[int, int]  # the EPUB's size and mtime_ns when it was read
    entry: ShelfEntry


def _load_cache(out_dir: Path) -> dict[str, dict]:
    """The records of the shelf's cache that fit its schema; one that does not (a field missing,
    added or of another type) is left out, and its EPUB read again."""
    try:
        records = json.loads((out_dir / _CACHE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(records, list):
        return {}
    kept = {}
    for record in records:
        try:
            kept[parse(CachedRecord, record).name] = record
        except DoesNotFit:
            continue
    return kept


def _entry(record: dict) -> ShelfEntry:
    fields = dict(record["entry"])
    for name in ("authors", "subjects"):
        fields[name] = tuple(fields[name])
    return ShelfEntry(**fields)


def shelf(
    out_dir: Path, fresh: list[dict] | tuple[dict, ...] = (), warn: Warn = print_warning
) -> list[ShelfEntry]:
    """One entry per EPUB in out_dir/epub, with the PDF and handout beside it when they exist.

    Covers are copied out of the EPUBs into out_dir/covers so readers can show them. `fresh`
    holds records the workers made of the EPUBs they wrote (written_record); other EPUBs come
    from the cache when their size and mtime are unchanged (and their cover copy is still
    there), else are read. An EPUB whose name is not UTF-8 is left off, with a warning.
    """
    known = _load_cache(out_dir) | {record["name"]: record for record in fresh}
    present = Listing()  # a stat less for each cover, PDF and handout asked about
    records = []
    for epub in sorted((out_dir / "epub").glob("*.epub")):
        if not utf8_name(epub):
            warn(f"{shown_path(epub)}: the file name is not UTF-8; the guide is left off the shelf")
            continue
        record = known.get(epub.name)
        try:
            usable = record is not None and record["stamp"] == _stamp(epub)
            cover = record["entry"]["cover"] if usable else None
            usable = usable and (cover is None or present.is_file(out_dir / unquote(cover)))
            record = record if usable else shelf_record(out_dir, epub)
        except (OSError, KeyError, TypeError):
            record = shelf_record(out_dir, epub)
        if record is not None:
            records.append(record)
        else:  # put there by hand: damaged, not an EPUB, or a part unpacking past its limit
            warn(f"{shown_path(epub)}: not an EPUB the shelf can read; the guide is left off the shelf")
    _write_if_changed(out_dir / _CACHE, json.dumps(records, ensure_ascii=False).encode())
    entries = []
    for record in records:
        entry = _entry(record)
        pdf = out_dir / "pdf" / f"{entry.stem}.pdf"
        handout = out_dir / "handouts" / f"{entry.stem}.pdf"
        entries.append(
            replace(
                entry,
                pdf=_href(pdf, out_dir) if present.is_file(pdf) else None,
                handout=_href(handout, out_dir) if present.is_file(handout) else None,
            )
        )
    return entries


def _mtime(path: Path) -> str:
    return dt.datetime.fromtimestamp(int(path.stat().st_mtime), tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


COVER_SUFFIXES = {"image/jpeg": ".jpg", "image/png": ".png", "image/svg+xml": ".svg"}


def cover_paths(out_dir: Path, stem: str) -> list[Path]:
    """Every name a guide's shelf cover may have (a batch stopped mid-write clears them all)."""
    return [out_dir / COVERS / name for name in cover_names(stem)]


COVERS = "covers"  # the folder in out_dir


def cover_names(stem: str) -> list[str]:
    """The file names of cover_paths, without making a path of each."""
    return [f"{stem}{suffix}" for suffix in (*COVER_SUFFIXES.values(), ".img")]


def _write_cover(out_dir: Path, stem: str, cover: bytes, media_type: str) -> str:
    """Copy the EPUB's cover to out_dir/covers (only when it changed); it is the thumbnail too."""
    target = out_dir / "covers" / f"{stem}{COVER_SUFFIXES.get(media_type, '.img')}"
    _write_if_changed(target, cover)
    return _href(target, out_dir)


def write_catalog(
    out_dir: Path,
    title: str = "Study Guides",
    fresh: list[dict] | tuple[dict, ...] = (),
    warn: Warn = print_warning,
) -> tuple[Path, Path, int]:
    """Write out_dir/opds.xml and out_dir/index.html; returns their paths and the entry count.

    Raises ShelfError, naming the file and the cause, when the disk refuses them.
    """
    try:
        return _write_catalog(out_dir, title, fresh, warn)
    except OSError as exc:
        where = shown_path(exc.filename) if isinstance(exc.filename, str) else shown_path(out_dir)
        in_the_way = isinstance(exc, FileExistsError | NotADirectoryError)
        cause = "a file stands where a folder must be" if in_the_way else exc.strerror or type(exc).__name__
        raise ShelfError(f"cannot write the shelf: {where}: {cause}") from None


def _write_catalog(
    out_dir: Path, title: str, fresh: list[dict] | tuple[dict, ...], warn: Warn
) -> tuple[Path, Path, int]:
    entries = shelf(out_dir, fresh, warn)
    updated = max((e.updated for e in entries), default="1970-01-01T00:00:00Z")
    feed_id = "urn:study-guide:catalog:" + quote(title)
    opds = render(
        "opds.xml.jinja",
        entries=entries,
        title=title,
        updated=updated,
        feed_id=feed_id,
        feed_type=ACQUISITION_FEED,
    )
    page = render("library.html.jinja", entries=entries, title=title, css=_library_css())
    feed_path, page_path = out_dir / "opds.xml", out_dir / "index.html"
    _write_if_changed(feed_path, opds.encode("utf-8"))
    _write_if_changed(page_path, page.encode("utf-8"))
    return feed_path, page_path, len(entries)


def _write_if_changed(target: Path, data: bytes) -> None:
    """A rebuild that changed nothing leaves the shelf's files and covers (and their mtimes) alone."""
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return
    except OSError:
        pass
    write_bytes_atomic(target, data)


def _library_css() -> Markup:
    from pipeline.writers.theme import load_theme

    # The theme is ours, not the manuscripts'; autoescaped, its quoted font names would reach the
    # <style> element as &#34; (which CSS never decodes) and every font-family rule would be lost.
    return Markup(load_theme().epub_css())
