"""Orchestration: the one module that wires sources -> normalise -> transforms -> writers, per batch."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import time
from collections.abc import Callable
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.model import guide as m
from pipeline.build.cache import Manifest, build_key, code_fingerprint
from pipeline.model.diagnostics import Diagnostic, GuideError, Report
from pipeline.readers.normalise import normalise
from pipeline.readers.sources import find_manuscripts, read_source
from pipeline.writers.theme import load_theme
from pipeline.transforms.passes import apply_transforms

FORMATS = ("epub", "pdf", "handout", "html")
_FOLDERS = {
    "epub": ("epub", ".epub"),
    "pdf": ("pdf", ".pdf"),
    "handout": ("handouts", ".pdf"),
    "html": ("html", ".html"),
}


@dataclass(frozen=True, slots=True)
class BuildOptions:
    formats: tuple[str, ...] = ("epub", "pdf")
    out_dir: Path = Path("output")
    paper: str = "a4"
    theme_dir: Path | None = None
    print_marks: bool = False
    pdf_variant: str | None = "pdf/ua-1"
    auto_glossary: bool = True
    jobs: int | None = None  # worker processes; None means one per core
    use_cache: bool = True
    default_language: str = "en"  # for manuscripts that do not say
    publisher: str = "Study Guide Pipeline"
    # Workers hand back the shelf's entry for each EPUB they write (and copy its cover to
    # out_dir/covers), so the catalogue written after the batch reads nothing back. The command
    # line asks for it.
    shelf: bool = False

    def settings(self) -> str:
        """The options an output's bytes depend on, for the cache key."""
        return json.dumps(
            [
                self.paper,
                self.print_marks,
                self.pdf_variant,
                self.auto_glossary,
                self.default_language,
                self.publisher,
            ]
        )


@dataclass(slots=True)
class Outcome:
    """What happened to one manuscript."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: bool = False
    seconds: float = 0.0
    cached: bool = False  # nothing changed since the last build: nothing was rebuilt
    deps: list[Path] = field(default_factory=list)  # files beside the manuscript the outputs embed
    shelf: list[dict] = field(default_factory=list)  # the shelf's record of a new EPUB (catalog.py)

    @property
    def reason(self) -> str:
        errors = [d.message for d in self.diagnostics if d.severity == "error"]
        return errors[0] if errors else ""


def load_guide(
    path: Path, *, auto_glossary: bool = True, default_language: str = "en"
) -> tuple[m.Guide, Report]:
    """Read and normalise one manuscript; raises GuideError with the report filled in."""
    report = Report(str(path))
    skip = frozenset() if auto_glossary else frozenset({"glossary"})
    try:
        guide = apply_transforms(normalise(read_source(path, report), report, default_language), skip)
    except RecursionError:
        raise report.error("E-TOO-DEEP", "the manuscript nests too deeply to be read") from None
    return guide, report


def source_moment(path: Path) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the manuscript's own mtime."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else int(path.stat().st_mtime)
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def output_path(out_dir: Path, fmt: str, stem: str) -> Path:
    folder, suffix = _FOLDERS[fmt]
    return out_dir / folder / f"{stem}{suffix}"


def build_one(path: Path, options: BuildOptions) -> Outcome:
    """Build one manuscript in the formats asked; a module-level function so workers can run it."""
    started = time.perf_counter()
    outcome = Outcome(path)
    report = Report(str(path))
    theme = load_theme(options.theme_dir)
    try:
        guide, report = load_guide(
            path, auto_glossary=options.auto_glossary, default_language=options.default_language
        )
        outcome.deps = [path.parent / src for src in guide.images]
        if "epub" in options.formats:
            from pipeline.writers.epub.book import build_epub

            target = output_path(options.out_dir, "epub", path.stem)
            moment = source_moment(path)
            info = build_epub(guide, target, theme, moment, options.publisher, report)
            outcome.outputs.append(target)
            if options.shelf:
                from pipeline.shelf.catalog import written_record
                from pipeline.writers.epub.book import package_metadata

                record = written_record(options.out_dir, target, package_metadata(info, moment), info.cover)
                outcome.shelf = [record] if record else []
        if "html" in options.formats:
            from pipeline.writers.html.preview import build_html

            target = output_path(options.out_dir, "html", path.stem)
            build_html(guide, target, theme)
            outcome.outputs.append(target)
        if "pdf" in options.formats or "handout" in options.formats:
            # Imported only here: EPUB-only runs never load WeasyPrint (0.3 s and 40 MB).
            from pipeline.writers.pdf.handout import build_handout
            from pipeline.writers.pdf.book import PrintOptions, build_pdf

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
        report.error("E-INTERNAL", f"could not build: {type(exc).__name__}: {exc}")
    outcome.diagnostics = list(report.items)
    outcome.seconds = time.perf_counter() - started
    return outcome


def build_all(
    paths: list[Path],
    options: BuildOptions,
    executor: Executor | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Build every manuscript under `paths`; one failure never stops the rest.

    Outputs whose inputs (text, images, options, code, theme) are unchanged are not rebuilt. The
    rest run on `executor` (any concurrent.futures-style executor, a Dask cluster's included), or
    on a process pool of `options.jobs` workers.
    """
    theme = load_theme(options.theme_dir)
    manifest = Manifest.load(options.out_dir) if options.use_cache else None
    outcomes: dict[Path, Outcome] = {}
    work: list[tuple[Path, BuildOptions]] = []
    keys: dict[Path, dict[str, str]] = {}
    seen: dict[str, Path] = {}
    order: list[Path] = []
    fingerprint, settings = code_fingerprint(theme.folder), options.settings()  # once per batch
    for path in find_manuscripts(paths):
        path = path.resolve() if executor is not None else path
        order.append(path)
        if path.stem in seen:
            outcome = Outcome(path, failed=True)
            outcome.diagnostics.append(
                Report(str(path))
                .error(
                    "E-DUPLICATE-STEM", f"{seen[path.stem].name} already builds output named {path.stem!r}"
                )
                .diagnostic
            )
            outcomes[path] = outcome
            continue
        seen[path.stem] = path
        keys[path] = {fmt: build_key(path, fmt, settings, fingerprint) for fmt in options.formats}
        stale = tuple(
            fmt
            for fmt in options.formats
            if manifest is None
            or not manifest.is_fresh(output_path(options.out_dir, fmt, path.stem), keys[path][fmt])
        )
        if stale:
            work.append((path, replace(options, formats=stale)))
        else:
            targets = [output_path(options.out_dir, fmt, path.stem) for fmt in options.formats]
            replayed = [d for target in targets for d in manifest.diagnostics(target)] if manifest else []
            outcomes[path] = Outcome(
                path, outputs=targets, cached=True, diagnostics=list(dict.fromkeys(replayed))
            )
    for outcome in outcomes.values():
        if on_done is not None:
            on_done(outcome)
    for outcome in _run(work, options, executor):
        if on_done is not None:
            on_done(outcome)
        outcomes[outcome.source] = outcome
        if manifest is not None:
            for fmt in _formats_of(work, outcome.source):
                target = output_path(options.out_dir, fmt, outcome.source.stem)
                if outcome.failed or target not in outcome.outputs:
                    manifest.forget(target)
                else:
                    manifest.record(target, keys[outcome.source][fmt], outcome.deps, outcome.diagnostics)
    if manifest is not None and work:
        manifest.save()
    return [outcomes[path] for path in order]


def _formats_of(work: list[tuple[Path, BuildOptions]], source: Path) -> tuple[str, ...]:
    return next(opts.formats for path, opts in work if path == source)


def _run(work: list[tuple[Path, BuildOptions]], options: BuildOptions, executor: Executor | None):
    """Yield outcomes as they finish: in this process, on a process pool, or on `executor`."""
    if not work:
        return
    jobs = options.jobs or os.cpu_count() or 1
    if executor is None and (jobs <= 1 or len(work) == 1):
        for path, opts in work:
            yield build_one(path, opts)
        return
    if executor is not None:
        yield from (
            future.result() for future in as_completed([executor.submit(build_one, *w) for w in work])
        )
        return
    _import_writers(options.formats)  # once, before the workers fork, not once in every worker
    yield from _run_on_pool(work, jobs)


def _run_on_pool(work: list[tuple[Path, BuildOptions]], jobs: int):
    """The batch on a process pool. A worker that dies (a crash in a C library, the kernel's OOM
    killer) breaks the whole pool; the guides it had not finished are then built one process each,
    so only the guide that kills its process fails, and the rest of the batch is still built."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunks = guided_chunks(work, jobs)
    finished: set[Path] = set()
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
            # The workers fork at the first submit. What they inherit is frozen first: their
            # garbage collections then skip the imported modules and caches (0.3 ms a guide) and
            # leave those pages shared instead of copying them. This process unfreezes at once,
            # so a long-lived one (watch, serve) still collects its own garbage.
            gc.freeze()
            try:
                futures = [pool.submit(_build_chunk, chunk) for chunk in chunks]
            finally:
                gc.unfreeze()
            for future in as_completed(futures):
                for outcome in future.result():
                    finished.add(outcome.source)
                    yield outcome
    except BrokenProcessPool:
        for path, opts in work:
            if path not in finished:
                yield _build_isolated(path, opts)


def guided_chunks(work: list, jobs: int, largest: int = 8) -> list[list]:
    """The batch cut into chunks that shrink towards its end.

    One round trip to a worker per guide costs about a millisecond of pickling and queueing, a
    tenth of an EPUB, so guides go out in chunks of up to `largest`. Each chunk is a quarter of an
    even share of what is left, so the last ones hold a single guide: the workers finish together
    instead of one waiting out another's last large chunk, and the progress bar keeps moving.
    """
    chunks = []
    start = 0
    while start < len(work):
        size = max(1, min(largest, (len(work) - start) // (jobs * 4)))
        chunks.append(work[start : start + size])
        start += size
    return chunks


def _build_isolated(path: Path, options: BuildOptions) -> Outcome:
    """One guide in a process of its own: if that process dies, this guide alone fails. A broken
    pool kills every worker, so this guide's earlier attempt may have left half-written files."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from pipeline.files.atomic import remove_leftovers

    targets = [output_path(options.out_dir, fmt, path.stem) for fmt in options.formats]
    for target in targets:
        remove_leftovers(target)
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(build_one, path, options).result()
    except BrokenProcessPool:
        for target in targets:
            remove_leftovers(target)
        outcome = Outcome(path, failed=True)
        outcome.diagnostics.append(
            Report(str(path))
            .error(
                "E-CRASH", "the process building this guide died (a crash or out of memory); nothing written"
            )
            .diagnostic
        )
        return outcome


def _build_chunk(chunk: list[tuple[Path, BuildOptions]]) -> list[Outcome]:
    return [build_one(path, options) for path, options in chunk]


def _import_writers(formats: tuple[str, ...]) -> None:
    """Load the writer modules a batch needs (and only those: EPUB-only runs never load WeasyPrint)."""
    import importlib

    printed = ("pipeline.writers.pdf.book", "pipeline.writers.pdf.handout")
    modules = {"epub": ("pipeline.writers.epub.book", "pipeline.shelf.catalog", "PIL.ImageDraw"), "html": ("pipeline.writers.html.preview",)}
    modules |= {"pdf": printed, "handout": printed}
    for fmt in formats:
        for name in modules.get(fmt, ()):
            importlib.import_module(name)
    if set(formats) & {"pdf", "handout"}:
        from pipeline.writers.pdf.weasyprint_loader import load_weasyprint

        # Here, so the workers inherit it rather than each importing it (0.3 s). A WeasyPrint that
        # cannot load is left for each guide to report as its own failure, as without this.
        with contextlib.suppress(Exception):
            load_weasyprint()


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
        from pipeline.writers.pdf.book import PrintOptions
        from pipeline.volumes.pdf import build_volume_pdf

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
