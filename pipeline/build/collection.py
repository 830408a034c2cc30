"""Several manuscripts built as one volume (a collection) in out_dir/collections/."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.build.one_guide import load_guide
from pipeline.build.options import BuildOptions, Outcome
from pipeline.model import guide as m
from pipeline.model.diagnostics import GuideError, Report
from pipeline.readers.sources import find_manuscripts
from pipeline.writers.theme import load_theme


def build_collection(name: str, paths: list[Path], options: BuildOptions) -> tuple[list[Outcome], list[Path]]:
    """Several manuscripts as one volume (EPUB and/or PDF) in out_dir/collections/.

    Manuscripts that fail are reported and left out; the volume is built from the rest.
    """
    from pipeline.volumes.collection import collection_moment, collection_stem, make_volume

    theme = load_theme(options.theme_dir)
    outcomes: list[Outcome] = []
    guides: list[m.Guide] = []
    sources: list[Path] = []
    for path in find_manuscripts(paths):
        outcome = Outcome(path)
        try:
            guide, report = load_guide(path, auto_glossary=options.auto_glossary)
            guides.append(guide)
            sources.append(path)
            outcome.diagnostics = list(report.items)
        except GuideError as exc:
            outcome.failed = True
            outcome.diagnostics = exc.diagnostics
        outcomes.append(outcome)
    if not guides:
        return outcomes, []
    volume = make_volume(name, guides)
    stem = collection_stem(name)
    folder = options.out_dir / "collections"
    written: list[Path] = []
    report = Report(str(folder / stem))
    if "epub" in options.formats:
        from pipeline.volumes.epub import build_volume_epub

        target = folder / f"{stem}.epub"
        build_volume_epub(
            volume, target, theme, collection_moment(sources, os.environ.get("SOURCE_DATE_EPOCH"))
        )
        written.append(target)
    if "pdf" in options.formats:
        from pipeline.volumes.pdf import build_volume_pdf
        from pipeline.writers.pdf.engine import PrintOptions

        target = folder / f"{stem}.pdf"
        build_volume_pdf(
            volume,
            target,
            theme,
            report,
            PrintOptions(options.paper, options.print_marks, options.pdf_variant),
        )
        written.append(target)
    if report.items:
        outcomes.append(Outcome(folder / stem, diagnostics=list(report.items)))
    return outcomes, written
