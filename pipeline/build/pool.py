"""Where a batch's guides are built: in this process, on a pool of worker processes (in chunks that
shrink towards the end), or on any concurrent.futures-style executor (a Dask cluster's included)."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.build.options import BuildOptions, Outcome, output_path
from pipeline.build.workers import WorkerPool, build_chunk, printing_collector, prints
from pipeline.model.diagnostics import Report

if TYPE_CHECKING:  # a one-guide build runs in this process and never imports concurrent.futures
    from concurrent.futures import Executor

Work = list[tuple[Path, BuildOptions]]


def run_work(work: Work, options: BuildOptions, executor: Executor | None) -> Generator[Outcome, None, None]:
    """Yield outcomes as they finish: in this process, on a process pool, or on `executor`."""
    if not work:
        return
    # Only with something to build, and here, before any worker forks: a batch whose guides are
    # all up to date never imports the readers, transforms and markdown-it (half its start-up).
    from pipeline.build.one_guide import build_one

    jobs = options.jobs or os.cpu_count() or 1
    if executor is None and (jobs <= 1 or len(work) == 1):
        for path, opts in work:
            with printing_collector(prints(opts)):
                outcome = build_one(path, opts)
            yield outcome
        return
    if executor is not None:
        from concurrent.futures import as_completed  # only for a pool or a cluster (4 ms to import)

        futures = [executor.submit(build_one, *w) for w in work]
        try:
            yield from (future.result() for future in as_completed(futures))
        finally:  # interrupted: what has not started never will (a running task cannot be stopped)
            for future in futures:
                future.cancel()
        return
    _import_writers(options.formats)  # once, before the workers fork, not once in every worker
    _prepare_css(options)
    yield from run_on_pool(work, jobs)


def run_on_pool(work: Work, jobs: int) -> Generator[Outcome, None, None]:
    """The batch on a process pool.

    A worker that dies (a crash in a C library, the kernel's OOM killer) breaks the whole pool; the
    guides not finished are then built one process each, so only the guide that kills its process
    fails, and the rest of the batch is still built. Interrupted (Ctrl-C, SIGTERM, or thrown in by
    the consumer), the workers are stopped (workers.py): what they finished is still yielded, then
    the KeyboardInterrupt goes on."""
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    chunks = guided_chunks(largest_first(work), jobs)
    finished: set[Path] = set()
    try:
        with WorkerPool(min(jobs, len(work))) as workers:
            # The workers fork at the first submit. What they inherit is frozen first: their
            # garbage collections then skip the imported modules and caches (0.3 ms a guide) and
            # leave those pages shared instead of copying them. This process unfreezes at once,
            # so a long-lived one (watch, serve) still collects its own garbage.
            gc.freeze()
            try:
                futures = [workers.executor.submit(build_chunk, chunk) for chunk in chunks]
            finally:
                gc.unfreeze()
            unread = list(futures)
            ready: list[Outcome] = []
            try:
                for future in as_completed(futures):
                    ready.extend(future.result())
                    unread.remove(future)
                    while ready:
                        outcome = ready.pop(0)
                        finished.add(outcome.source)
                        yield outcome
            except KeyboardInterrupt:
                for outcome in [*ready, *workers.stop(unread)]:
                    finished.add(outcome.source)
                    yield outcome
                raise
    except BrokenProcessPool:
        pass
    # After a broken pool, or a worker stopped on its own (a SIGINT sent to it alone).
    for path, opts in work:
        if path not in finished:
            yield build_isolated(path, opts)


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


def largest_first(work: Work) -> Work:
    """The batch with its largest manuscripts first (a guide's layout grows with its text), so the
    last guides, handed out one at a time, are the shortest: the workers finish close together
    instead of one core idling through another's long guide. Equal sizes keep their order."""

    def size(item: tuple[Path, BuildOptions]) -> int:
        try:
            return item[0].stat().st_size
        except OSError:  # gone since it was found: its worker reports it
            return 0

    return sorted(work, key=size, reverse=True)


def build_isolated(path: Path, options: BuildOptions) -> Outcome:
    """One guide in a process of its own: if that process dies, this guide alone fails. A broken
    pool kills every worker, so this guide's earlier attempt may have left half-written files."""
    from concurrent.futures.process import BrokenProcessPool

    from pipeline.build.one_guide import build_one  # imported by run_work already
    from pipeline.files.atomic import remove_leftovers

    targets = [output_path(options.out_dir, fmt, path.stem) for fmt in options.formats]
    for target in targets:
        remove_leftovers(target)
    try:
        with WorkerPool(1) as isolated:
            return isolated.executor.submit(build_one, path, options).result()
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


def _prepare_css(options: BuildOptions) -> None:
    """The EPUB stylesheet, resolved once here for the workers to inherit (theme.py caches it):
    this process needs the default theme's for the shelf's page after the batch anyway, and
    resolving it cost each worker and then the shelf's tail some 6 ms."""
    if "epub" not in options.formats:
        return
    from pipeline.writers.theme import load_theme

    for theme_dir in dict.fromkeys((options.theme_dir, None)):  # the batch's theme and the shelf's
        # A theme that cannot be read is left for each guide to report, as without this.
        with contextlib.suppress(Exception):
            load_theme(theme_dir).epub_css()


def _import_writers(formats: tuple[str, ...]) -> None:
    """Load the writer modules a batch needs (and only those: EPUB-only runs never load WeasyPrint)."""
    import importlib

    printed = ("pipeline.writers.pdf.book", "pipeline.writers.pdf.handout")
    modules = {
        "epub": ("pipeline.writers.epub.book", "pipeline.shelf.catalog", "PIL.ImageDraw"),
        "html": ("pipeline.writers.html.preview",),
    }
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
