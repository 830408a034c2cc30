"""One manuscript: read and normalise it (load_guide), then write it in each format asked
(build_one, which worker processes run)."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from pipeline.build.cache import file_digest
from pipeline.build.options import BuildOptions, Outcome, output_path
from pipeline.files.names import os_error_line
from pipeline.model import guide as m
from pipeline.model.diagnostics import GuideError, Report
from pipeline.readers.normalise import normalise
from pipeline.readers.sources import read_source
from pipeline.transforms.passes import apply_transforms
from pipeline.writers.theme import load_theme


def load_guide(
    path: Path, *, auto_glossary: bool = True, default_language: str = "en"
) -> tuple[m.Guide, Report]:
    """Read and normalise one manuscript; raises GuideError with the report filled in."""
    guide, report, _ = read_guide(path, auto_glossary=auto_glossary, default_language=default_language)
    return guide, report


def read_guide(
    path: Path, *, auto_glossary: bool = True, default_language: str = "en"
) -> tuple[m.Guide, Report, str]:
    """load_guide, and the SHA-256 of the very bytes the guide was made from (the file may change
    while a batch runs: the cache must record the text that was built, not the text found later)."""
    report = Report(str(path))
    skip = frozenset() if auto_glossary else frozenset({"glossary"})
    source = read_source(path, report)
    try:
        guide = apply_transforms(normalise(source, report, default_language), skip)
    except RecursionError:
        raise report.error("E-TOO-DEEP", "the manuscript nests too deeply to be read") from None
    return guide, report, source.digest


def source_moment(path: Path) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the manuscript's own mtime."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else int(path.stat().st_mtime)
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def build_one(path: Path, options: BuildOptions) -> Outcome:
    """Build one manuscript in the formats asked; a module-level function so workers can run it."""
    started = time.perf_counter()
    outcome = Outcome(path)
    report = Report(str(path))
    theme = load_theme(options.theme_dir)
    try:
        guide, report, outcome.source_digest = read_guide(
            path, auto_glossary=options.auto_glossary, default_language=options.default_language
        )
        # Before the writers read the images: one changed while they write then differs from
        # what is recorded, and the next build rebuilds. A build without the cache records
        # nothing, so it hashes nothing (hashing an EPUB cost as much as writing its XHTML).
        if options.use_cache:
            outcome.deps = {dep: file_digest(dep) for dep in (path.parent / src for src in guide.images)}
        if "epub" in options.formats:
            from pipeline.writers.epub.book import build_epub

            target = output_path(options.out_dir, "epub", path.stem)
            moment = source_moment(path)
            info = build_epub(guide, target, theme, moment, options.publisher, report)
            outcome.outputs.append(target)
            if options.shelf:
                from pipeline.shelf.catalog import written_record
                from pipeline.writers.epub.package import package_metadata

                record = written_record(options.out_dir, target, package_metadata(info, moment), info.cover)
                outcome.shelf = [record] if record else []
        if "html" in options.formats:
            from pipeline.writers.html.preview import build_html

            target = output_path(options.out_dir, "html", path.stem)
            build_html(guide, target, theme)
            outcome.outputs.append(target)
        if "pdf" in options.formats or "handout" in options.formats:
            # Imported only here: EPUB-only runs never load WeasyPrint (0.3 s and 40 MB).
            from pipeline.writers.pdf.book import build_pdf
            from pipeline.writers.pdf.engine import PrintOptions
            from pipeline.writers.pdf.handout import build_handout

            print_options = PrintOptions(options.paper, options.print_marks, options.pdf_variant)
            if "pdf" in options.formats:
                target = output_path(options.out_dir, "pdf", path.stem)
                build_pdf(guide, target, theme, report, print_options)
                outcome.outputs.append(target)
            if "handout" in options.formats:
                target = output_path(options.out_dir, "handout", path.stem)
                build_handout(guide, target, theme, report, print_options)
                outcome.outputs.append(target)
    except GuideError as exc:
        outcome.failed = True
        report.items = [*exc.diagnostics, *(d for d in report.items if d not in exc.diagnostics)]
    except Exception as exc:  # a writer's failure is this manuscript's failure, never the batch's
        outcome.failed = True
        if isinstance(exc, OSError) and exc.filename is not None:  # the system refused a file
            report.error("E-WRITE", f"could not build: {os_error_line(exc)}")
        else:
            report.error("E-INTERNAL", f"could not build: {type(exc).__name__}: {exc}")
    if not outcome.failed and options.use_cache:
        outcome.written = {target: file_digest(target) for target in outcome.outputs}
    outcome.diagnostics = list(report.items)
    outcome.seconds = time.perf_counter() - started
    return outcome
