"""A batch: which manuscripts need building (the cache decides), building them (pool.py), recording
what was built, and stopping cleanly when interrupted. The names the command line and tests use are
importable from here."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.build.cache import Manifest, build_key, code_fingerprint, file_digest
from pipeline.build.options import FORMATS, BuildOptions, Outcome, output_folder, output_name, output_path
from pipeline.build.pool import guided_chunks, run_work
from pipeline.files.atomic import remove_leftovers, remove_stale_parts
from pipeline.files.names import utf8_stem
from pipeline.model.diagnostics import PipelineError, Report
from pipeline.readers.sources import find_manuscripts
from pipeline.writers.theme import load_theme

if TYPE_CHECKING:  # only a pool or a cluster needs concurrent.futures (pool.py imports it then)
    from concurrent.futures import Executor

    from pipeline.build.one_guide import build_one, load_guide, source_moment

__all__ = [
    "FORMATS",
    "BatchStopped",
    "BuildOptions",
    "CacheNotSaved",
    "Outcome",
    "build_all",
    "build_one",
    "guided_chunks",
    "load_guide",
    "output_path",
    "source_moment",
]


def __getattr__(name: str) -> object:
    """build_one, load_guide and source_moment, from one_guide.py when first asked for: a batch
    whose guides are all up to date reads no manuscript, and never imports the readers."""
    if name in ("build_one", "load_guide", "source_moment"):
        from pipeline.build import one_guide

        return getattr(one_guide, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class BatchStopped(KeyboardInterrupt):
    """Ctrl-C or SIGTERM stopped the batch. What was finished is kept and recorded in the cache;
    what was in flight left nothing behind."""

    def __init__(self, outcomes: list[Outcome], total: int, problems: list[str]) -> None:
        super().__init__()
        self.outcomes = outcomes  # the finished manuscripts, in the batch's order
        self.total = total
        self.problems = problems  # one line each: the cache could not be saved

    def __str__(self) -> str:
        failed = sum(o.failed for o in self.outcomes)
        done = len(self.outcomes) - failed
        failures = f", {failed} failed" if failed else ""
        return (
            f"stopped: {done} of {self.total} guides built{failures}; "
            f"building again builds the other {self.total - len(self.outcomes)}"
        )


class CacheNotSaved(PipelineError):
    """Every guide was built (or failed on its own), but the cache's manifest could not be written."""

    def __init__(self, message: str, outcomes: list[Outcome]) -> None:
        super().__init__(message)
        self.outcomes = outcomes


@dataclass(slots=True)
class _Plan:
    """What a batch does: every manuscript, the ones already done, and the ones to build."""

    order: list[Path] = field(default_factory=list)  # every manuscript, in the batch's order
    done: dict[Path, Outcome] = field(default_factory=dict)  # up to date, or refused
    work: list[tuple[Path, BuildOptions]] = field(default_factory=list)  # to build, in which formats
    # The outputs to write, as they were before the batch (inode, mtime; None: absent), to tell
    # what an interrupted guide wrote from what was there already.
    before: dict[Path, tuple[int, int] | None] = field(default_factory=dict)


def build_all(
    paths: list[Path],
    options: BuildOptions,
    executor: Executor | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Build every manuscript under `paths`; one failure never stops the rest.

    Outputs whose inputs (text, images, options, code, theme) are unchanged and whose bytes are
    still the ones written are not rebuilt. The rest run on `executor` (any concurrent.futures-style
    executor, a Dask cluster's included), or on a process pool of `options.jobs` workers.

    Raises BatchStopped on Ctrl-C or SIGTERM (the finished guides recorded, the workers stopped,
    the guides in flight cleared away), and CacheNotSaved when the manifest cannot be written.
    """
    theme = load_theme(options.theme_dir)
    manifest = Manifest.load(options.out_dir) if options.use_cache else None
    # Once per batch, and only when there is a cache to key: hashing the code costs a --no-cache
    # build some 6 ms for nothing.
    fingerprint = code_fingerprint(theme.folder) if manifest is not None else ""
    settings = options.settings()
    plan = _plan(paths, options, manifest, fingerprint, settings, resolve=executor is not None)
    _clear_leftovers(plan, options)
    outcomes = dict(plan.done)
    if on_done is not None:
        for outcome in plan.done.values():
            on_done(outcome)
    formats = {path: opts.formats for path, opts in plan.work}

    def finished(outcome: Outcome) -> None:
        if manifest is not None:
            _record(manifest, outcome, formats[outcome.source], options.out_dir, settings, fingerprint)
        outcomes[outcome.source] = outcome

    running = run_work(plan.work, options, executor)
    try:
        for outcome in running:
            finished(outcome)
            if on_done is not None:
                on_done(outcome)
    except KeyboardInterrupt:
        for outcome in _handed_back(running):  # what the workers finished, when stopped
            finished(outcome)
        _clear_unfinished(plan, outcomes)
        problems = _save(manifest) if manifest is not None else []
        done = [outcomes[path] for path in plan.order if path in outcomes]
        raise BatchStopped(done, len(plan.order), problems) from None
    finally:
        running.close()
    problems = _save(manifest) if manifest is not None and plan.work else []
    result = [outcomes[path] for path in plan.order]
    if problems:
        raise CacheNotSaved(problems[0], result)
    return result


def _handed_back(running: Generator[Outcome, None, None]) -> Iterator[Outcome]:
    """The outcomes `running` still yields once interrupted. An interrupt that came here, between
    two outcomes, is thrown into it, so it stops its workers the same way (pool.py)."""
    try:
        outcome = running.throw(KeyboardInterrupt())
        while True:
            yield outcome
            outcome = next(running)
    except (KeyboardInterrupt, StopIteration):
        return


def _plan(
    paths: list[Path],
    options: BuildOptions,
    manifest: Manifest | None,
    fingerprint: str,
    settings: str,
    resolve: bool,
) -> _Plan:
    plan = _Plan()
    seen: dict[str, Path] = {}
    for path in find_manuscripts(paths):
        path = path.resolve() if resolve else path
        plan.order.append(path)
        # Compared as the outputs will be named: "café.md" in UTF-8 and in Latin-1 both build café.epub.
        stem = utf8_stem(path.stem)
        if stem in seen:
            outcome = Outcome(path, failed=True)
            outcome.diagnostics.append(
                Report(str(path))
                .error("E-DUPLICATE-STEM", f"{seen[stem].name} already builds output named {stem!r}")
                .diagnostic
            )
            plan.done[path] = outcome
            continue
        seen[stem] = path
        targets = {fmt: output_path(options.out_dir, fmt, path.stem) for fmt in options.formats}
        digest = file_digest(path) if manifest is not None else ""
        stale = tuple(
            fmt
            for fmt, target in targets.items()
            if manifest is None
            or not manifest.is_fresh(target, build_key(digest, fmt, settings, fingerprint))
        )
        if stale:
            # The batch's own options when every format is to build (immutable, so shared: one
            # object for every guide, and one in each chunk's pickle).
            plan.work.append((path, options if stale == options.formats else replace(options, formats=stale)))
            plan.before.update((targets[fmt], _identity(targets[fmt])) for fmt in stale)
        else:
            replayed = (
                [d for target in targets.values() for d in manifest.diagnostics(target)] if manifest else []
            )
            plan.done[path] = Outcome(
                path, outputs=list(targets.values()), cached=True, diagnostics=list(dict.fromkeys(replayed))
            )
    return plan


def _record(
    manifest: Manifest,
    outcome: Outcome,
    formats: tuple[str, ...],
    out_dir: Path,
    settings: str,
    fingerprint: str,
) -> None:
    """Record each output under the key of the text it was built from (the bytes its worker read,
    which may differ from what the plan hashed if the manuscript was edited meanwhile)."""
    for fmt in formats:
        target = output_path(out_dir, fmt, outcome.source.stem)
        digest = outcome.written.get(target)
        if outcome.failed or digest is None or not outcome.source_digest:
            manifest.forget(target)
        else:
            key = build_key(outcome.source_digest, fmt, settings, fingerprint)
            manifest.record(target, key, digest, outcome.deps, outcome.diagnostics)


def _clear_leftovers(plan: _Plan, options: BuildOptions) -> None:
    """The temporary files a killed build (SIGKILL, a crash) left beside this batch's outputs and
    the manifest: one listing per folder."""
    from pipeline.shelf.catalog import COVERS, cover_names  # the shelf (Jinja, lxml): not for lint or inspect

    # Names by folder, as strings: paths made for every output of every guide cost more than the
    # listings, in the batch's serial start.
    names: dict[Path, set[str]] = {options.out_dir / ".cache": {"manifest.json"}}
    stems = [path.stem for path in plan.order]
    for fmt in options.formats:
        folder = names.setdefault(output_folder(options.out_dir, fmt), set())
        folder.update(output_name(fmt, stem) for stem in stems)
    if options.shelf:  # the shelf cover a worker copies out of the EPUB
        covers = names.setdefault(options.out_dir / COVERS, set())
        covers.update(name for stem in stems for name in cover_names(utf8_stem(stem)))
    for folder, wanted in names.items():
        remove_stale_parts(folder, wanted)


def _clear_unfinished(plan: _Plan, outcomes: dict[Path, Outcome]) -> None:
    """After an interrupt (the workers are dead by now): the guides in flight leave nothing, neither
    half-written files nor the outputs they had finished before their last. Outputs from before
    the batch are kept."""
    from pipeline.shelf.catalog import cover_paths  # as in _clear_leftovers

    for path, opts in plan.work:
        if path in outcomes:
            continue
        if opts.shelf:  # a worker stopped while copying the shelf cover leaves its temporary file
            for cover in cover_paths(opts.out_dir, utf8_stem(path.stem)):
                remove_leftovers(cover)
        for fmt in opts.formats:
            target = output_path(opts.out_dir, fmt, path.stem)
            remove_leftovers(target)
            if _identity(target) not in (None, plan.before.get(target)):
                with contextlib.suppress(OSError):
                    target.unlink()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def _save(manifest: Manifest) -> list[str]:
    """Save the manifest; a read-only or full disk is one line naming the file, never a traceback."""
    try:
        manifest.save()
    except OSError as exc:
        return [f"{manifest.path}: cannot save the build cache: {exc.strerror or exc}"]
    return []
