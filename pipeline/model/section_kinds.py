"""The kinds of section a guide has, apart from the Guide's classes: the language files are checked
against these names, and the shelf and a build with nothing to do read languages without building
the 24 classes of guide.py (11 ms at start-up)."""

from __future__ import annotations

from typing import Literal

SectionKind = Literal[
    "info",
    "summary",
    "characters",
    "themes",
    "takeaways",
    "significance",
    "questions",
    "glossary",
    "quotes",
    "symbols",
    "chapters",
    "reading",
    "other",
]
