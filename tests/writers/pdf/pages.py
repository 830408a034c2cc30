"""Reading printed guides back: each page's text through pdftotext, the outline's page numbers, and
text compared without spaces or hyphens; the guides the print tests lay out."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

from tests.helpers import REPO

MANUSCRIPTS = sorted(p for p in (REPO / "manuscripts").iterdir() if p.suffix in (".md", ".txt"))
CHINESE = REPO / "tests" / "corpus" / "journey-to-the-west.md"
GERMAN = REPO / "tests" / "corpus" / "der-process.md"


def page_texts(pdf: Path, layout: bool = True) -> list[str]:
    """Each page's text as pdftotext gives it (form feed separates pages); -layout keeps lines whole,
    reading order (no -layout) keeps columns apart."""
    command = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split("\f")


def letters(text: str) -> str:
    """Text without spaces and hyphens, so words hyphenated across lines still match."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def squash(text: str) -> str:
    return " ".join(text.split())


def outline_pages(reader: PdfReader) -> dict[str, int]:
    pages = {}
    for item in reader.outline:
        if isinstance(item, list):
            continue
        pages[item.title] = reader.get_destination_page_number(item) + 1
    return pages
