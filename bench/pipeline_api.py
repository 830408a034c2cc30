"""Everything the benchmark takes from the pipeline, imported here and nowhere else in bench/.

The measured child processes (the peer loops, the bare loop) start from bench/run.py, and their
start-up is part of the peers' measured time. They have always imported `pipeline.i18n.section_names` and no
more, so only that is imported at the top; the rest is imported on first use, in the process that
uses it (the PDF modules bring WeasyPrint, which only the floor's process should load).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from pipeline.i18n.section_names import section_kind

__all__ = ["adapt", "floor_api", "parse_markdown", "section_kind", "split_byline"]


def adapt(text: str) -> Any:
    """The pipeline's dialect detection and loose-format adapter (`.text`, `.dialect`, `.source_line`)."""
    from pipeline.readers.dialects import adapt as pipeline_adapt

    return pipeline_adapt(text)


def split_byline(line: str, title: str) -> str | None:
    """The author a "Title by Author" line names, read as the pipeline reads it, else None."""
    from pipeline.readers.byline import split_byline as pipeline_split_byline

    return pipeline_split_byline(line, title)


def parse_markdown(text: str) -> list[Any]:
    """The pipeline's markdown-it tokens for `text` (with `.map`, the 0-based lines each block spans)."""
    from pipeline.readers.parse import parse_markdown as pipeline_parse

    return pipeline_parse(text)


def floor_api() -> tuple[ModuleType, ModuleType, ModuleType, Any, Any]:
    """The PDF writer's engine, book and index modules, `load_guide` and `load_theme`: what the
    WeasyPrint floor drives."""
    from pipeline.build.batch import load_guide
    from pipeline.writers.pdf import book, engine
    from pipeline.writers.pdf import index as pdf_index
    from pipeline.writers.theme import load_theme

    return engine, book, pdf_index, load_guide, load_theme


def collector_pace() -> tuple[int, int]:
    """How our build paces Python's cyclic collector while it prints: the youngest generation's
    threshold and the guides between full collections (build/workers.py)."""
    from pipeline.build.workers import FULL_COLLECTION_EVERY, LAYOUT_GC_THRESHOLD

    return LAYOUT_GC_THRESHOLD, FULL_COLLECTION_EVERY
