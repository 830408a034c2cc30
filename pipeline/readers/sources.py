"""The input edge: find manuscripts and turn their bytes into clean text, or refuse them clearly."""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pipeline.model.diagnostics import Report, UsageError
from pipeline.readers.unsafe_chars import ANSI_ESCAPE, BIDI_CONTROLS, FORBIDDEN

MANUSCRIPT_SUFFIXES = (".md", ".markdown", ".txt", ".docx")
# The longest real study guides are a few hundred KB; past this size input is a mistake (a
# pasted book, a binary), and refusing it keeps time and memory bounded (see README, limits).
MAX_BYTES = 5 * 1024 * 1024
# Word files carry their images: the limit is theirs and the text's (readers/docx.py reads them).
MAX_DOCX_BYTES = 50 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class SourceText:
    """A manuscript's text as decoded, with its encoding and the digest of its bytes."""

    path: Path
    text: str
    encoding: str
    digest: str = ""  # SHA-256 of the bytes read: the build cache keys outputs by the text built
    markup: str = "markdown"  # "html" for a Word file, read as HTML (docx.py)
    images: tuple[str, ...] = ()  # the image files a Word file's HTML names, written by docx.py


def find_manuscripts(paths: list[Path]) -> list[Path]:
    """Expand files and folders into a sorted, de-duplicated list of manuscript files.

    Folders are searched to any depth (a shelf kept as manuscripts/term-1/, term-2/ builds whole),
    skipping hidden folders and never following a linked folder, which could loop or lead out.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_manuscripts_under(path))
        elif path.is_file():
            found.append(path)
        elif path.exists():
            raise UsageError(f"{path}: not a regular file or folder")
        else:
            raise UsageError(f"{path}: no such file or folder")
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path, None)
    return list(unique)


def _manuscripts_under(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(root) / name
            for name in sorted(files)
            if Path(name).suffix.lower() in MANUSCRIPT_SUFFIXES
            and not name.startswith((".", "~$"))  # hidden files; Word's owner file of an open document
            and (Path(root) / name).is_file()  # a FIFO or device named *.md would block a read
        )
    return found


def read_source(path: Path, report: Report) -> SourceText:
    """Read one manuscript; raises GuideError (recorded in `report`) when it cannot be text."""
    if not path.resolve().is_relative_to(path.parent.resolve()):
        # The rule images follow holds for the manuscript too: a symlink dropped into manuscripts/
        # (git keeps them) must not publish ~/.ssh or /etc into a guide and onto the shelf.
        raise report.error("E-READ", "refused: a symlink to a file outside the manuscript's folder")
    word = path.suffix.lower() == ".docx"
    data = _read_bounded(path, MAX_DOCX_BYTES if word else MAX_BYTES, report)
    if word:
        from pipeline.readers.docx import docx_html  # zipfile and mammoth only for Word files

        html, images = docx_html(path, data, report)
        if not html.strip():
            raise report.error("E-EMPTY", "manuscript is empty")
        return SourceText(path, html, "docx", hashlib.sha256(data).hexdigest(), "html", images)
    text, encoding = decode(data, report)
    return SourceText(path, clean_text(text, report), encoding, hashlib.sha256(data).hexdigest())


def _read_bounded(path: Path, limit: int, report: Report) -> bytes:
    """The file's bytes, never more than `limit`: E-TOO-LARGE past it, E-READ when it cannot be read.

    The size is taken from the open file, and the read stops one byte past the limit: a file that
    grows after its size was taken (still being written or copied in, or a /proc file, which says
    it has 0 bytes) cannot make the read unbounded. Opened without blocking, so a FIFO or device
    put where a manuscript was found is refused rather than waited on.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as handle:
            found = os.fstat(handle.fileno())
            if not stat.S_ISREG(found.st_mode):
                raise report.error("E-READ", "refused: not a regular file")
            if found.st_size > limit:
                raise report.error(
                    "E-TOO-LARGE", f"manuscript is {found.st_size:,} bytes; the limit is {limit:,} bytes"
                )
            data = handle.read(limit + 1)
    except OSError as exc:
        raise report.error("E-READ", f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise report.error(
            "E-TOO-LARGE", f"manuscript grew past the limit of {limit:,} bytes while it was read"
        )
    return data


def decode(data: bytes, report: Report) -> tuple[str, str]:
    """Bytes to text: BOMs honoured, UTF-8 preferred, a detector as the last resort, never U+FFFD."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                offset = exc.start + len(bom)
                raise report.error(
                    "E-ENCODING", f"invalid {encoding} at byte offset {offset}", _line_of(data, offset)
                ) from None
            if not text.strip():
                raise report.error("E-EMPTY", "manuscript is empty")
            return text, encoding
    if not data.strip():
        raise report.error("E-EMPTY", "manuscript is empty")
    # Before UTF-8: NUL bytes are valid UTF-8, so UTF-16 saved without a BOM (Windows' "Unicode"
    # without its signature) decoded "cleanly" into a guide of garbage with its NULs removed.
    unmarked = _utf16_without_bom(data)
    if unmarked is not None:
        report.warn("W-ENCODING", f"no byte order mark; decoded as {unmarked[1]} by its zero bytes", 1)
        return unmarked
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        offset = exc.start
    if b"\x00" in data[:8192]:
        nul = data.index(0)
        raise report.error("E-BINARY", f"not a text file (NUL byte at offset {nul})", _line_of(data, nul))
    mixed = _utf8_with_other_lines(data)
    if mixed is not None:
        text, encoding, lines = mixed
        report.warn(
            "W-ENCODING",
            f"mixed encodings: {len(lines)} line(s) not UTF-8 (first: line {lines[0]}) decoded as "
            f"{encoding}, the rest as UTF-8",
            lines[0],
        )
        return text, f"utf-8+{encoding}"
    guess = _detect(data)
    if guess is None:
        raise report.error(
            "E-ENCODING",
            f"not valid UTF-8 at byte offset {offset}, and no encoding fits",
            _line_of(data, offset),
        )
    text, encoding = guess
    report.warn(
        "W-ENCODING",
        f"not UTF-8 (invalid byte at offset {offset}); decoded as {encoding}",
        _line_of(data, offset),
    )
    return text, encoding


def _utf8_with_other_lines(data: bytes) -> tuple[str, str, list[int]] | None:
    """A UTF-8 text with some lines in another encoding (a paragraph pasted from an old file), each
    line decoded in its own: (text, the other encoding, its line numbers), or None.

    Decoding it all in the other encoding made every UTF-8 line mojibake ("café" → "cafÃ©"). Only
    when some line with non-ASCII letters is valid UTF-8: otherwise the file is in one encoding.
    """
    lines = data.split(b"\n")
    texts: list[str | None] = [_decodes_as(line, "utf-8") for line in lines]
    if not any(text is not None and not text.isascii() for text in texts):
        return None
    others = [line for line, text in zip(lines, texts, strict=True) if text is None]
    guess = _detect(b"\n".join(others))
    encoding = guess[1] if guess is not None else "cp1252"
    decoded = [
        text if text is not None else _decodes_as(line, encoding)
        for line, text in zip(lines, texts, strict=True)
    ]
    if any(text is None or "\ufffd" in text for text in decoded):
        return None
    numbers = [number for number, text in enumerate(texts, 1) if text is None]
    return "\n".join(text for text in decoded if text is not None), encoding, numbers


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text with no BOM, found by its zero bytes, or None.

    Every ASCII character (spaces, newlines, '#', digits) of UTF-16 text has a zero byte, on the
    odd offsets for little-endian and the even ones for big-endian; other characters give few
    zeros (U+0100, U+4E00 ...). Text in UTF-8 has none, and binary noise has them on both sides.
    """
    sample = data[:8192]
    if len(data) % 2 or len(sample) < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for zeros, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= max(4, 8 * others) and zeros * 20 >= len(sample) // 2:  # one char in 20 is ASCII
            text = _decodes_as(data, encoding)
            if text is not None and "\x00" not in text:
                return text, encoding
    return None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _detect(data: bytes) -> tuple[str, str] | None:
    # Imported lazily: only non-UTF-8 input pays for it.
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    results = from_bytes(data)
    best = results.best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    # Short Western text fits several single-byte code pages about equally well, and for a few
    # lines the detector may not even list Windows-1252 (it ranked Baltic cp775 first for
    # "Il était une fois", giving "ķtait"). Windows-1252 is by far the likeliest source (Word,
    # Notepad), so it wins whenever its reading is no messier than the detector's pick.
    text, encoding = str(best), best.encoding
    western = _decodes_as(data, "cp1252")
    if encoding != "cp1252" and western is not None and mess_ratio(western, 1.0) <= best.chaos + 0.05:
        text, encoding = western, "cp1252"
    # A detector that has to invent characters, or finds binary noise, is not to be trusted.
    if "\ufffd" in text or best.chaos > 0.3:
        return None
    return text, encoding


def _decodes_as(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def clean_text(text: str, report: Report) -> str:
    """Normalise line endings and remove what XML cannot carry, warning once per manuscript."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = FORBIDDEN.sub("", ANSI_ESCAPE.sub("", text))
    if len(cleaned) != len(text):
        first = min(m.start() for m in (ANSI_ESCAPE.search(text), FORBIDDEN.search(text)) if m)
        line = text.count("\n", 0, first) + 1
        report.warn(
            "W-CONTROL-CHARS",
            f"removed {len(text) - len(cleaned)} control or non-character code points (first on line {line})",
            line,
        )
    without_bidi = BIDI_CONTROLS.sub("", cleaned)
    if len(without_bidi) != len(cleaned):
        first = BIDI_CONTROLS.search(cleaned)
        line = cleaned.count("\n", 0, first.start() if first else 0) + 1
        report.warn(
            "W-BIDI-CONTROLS",
            f"removed {len(cleaned) - len(without_bidi)} bidirectional override or embedding characters",
            line,
        )
    return without_bidi
