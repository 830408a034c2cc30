"""A batch: which manuscripts need building (the cache decides), building them (pool.py), and
recording what was built. The names the command line and tests use are importable from here."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path

from pipeline.build.cache import Manifest, build_key, code_fingerprint
from pipeline.build.collection import build_collection
from pipeline.build.one_guide import build_one, load_guide, source_moment
from pipeline.build.options import FORMATS, BuildOptions, Outcome, output_path
from pipeline.build.pool import guided_chunks, run_work
from pipeline.model.diagnostics import Report
from pipeline.readers.sources import find_manuscripts
from pipeline.writers.theme import load_theme

__all__ = [
    "FORMATS",
    "BuildOptions",
    "Outcome",
    "build_all",
    "build_collection",
    "build_one",
    "guided_chunks",
    "load_guide",
    "output_path",
    "source_moment",
]


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
    for outcome in run_work(work, options, executor):
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
