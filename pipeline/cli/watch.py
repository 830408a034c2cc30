"""`watch`: rebuild a manuscript's preview (and other formats on request) as soon as it changes."""

from __future__ import annotations

import contextlib
import sys
import time
from dataclasses import replace
from pathlib import Path

from pipeline.build.batch import CacheNotSaved, build_all
from pipeline.build.options import BuildOptions, output_path
from pipeline.files.names import shown_path
from pipeline.model.diagnostics import PipelineError
from pipeline.readers.sources import MANUSCRIPT_SUFFIXES, find_manuscripts
from pipeline.writers.theme import load_theme

# watchfiles hands over a batch of changes once `step` ms pass with no new one (its default, 50,
# was most of a save's latency: the rebuild itself takes about 30 ms). An editor's save is a
# burst of events microseconds apart (write a temporary file, rename it over the manuscript; or
# truncate and write in place), so 10 ms still sees one save as one batch, one rebuild. A
# burst that goes on (a `git checkout` of many files) is cut into batches at DEBOUNCE_MS. The
# price of looking 100 times a second: about 4 ms of CPU a second while idle (1.6 at 50 ms).
STEP_MS = 10
DEBOUNCE_MS = 200


def _report(outcomes) -> None:
    for outcome in outcomes:
        for diagnostic in outcome.diagnostics:
            print(shown_path(str(diagnostic)), file=sys.stderr)
        if not outcome.failed:
            for target in outcome.outputs:
                print(f"rebuilt {target.resolve().as_uri()}", flush=True)


def changed_manuscripts(changes: set[tuple[object, str]], folders: list[Path]) -> tuple[list[Path], bool]:
    """(manuscripts to rebuild, whether the theme changed) from a batch of watchfiles changes."""
    theme_changed = False
    manuscripts: list[Path] = []
    for _, raw in changes:
        path = Path(raw)
        if path.suffix == ".css":
            theme_changed = True
        elif path.suffix.lower() in MANUSCRIPT_SUFFIXES and path.is_file() and not path.name.startswith("."):
            manuscripts.append(path)
        elif path.is_file() and any(path.parent.resolve() == f.resolve() for f in folders):
            with contextlib.suppress(OSError):  # the folder may be gone again by now
                manuscripts.extend(
                    p for p in path.parent.iterdir() if p.suffix.lower() in MANUSCRIPT_SUFFIXES
                )
    return sorted(set(manuscripts)), theme_changed


def watch(paths: list[Path], options: BuildOptions, stop_event=None) -> int:
    """Build once, then rebuild on every change until Ctrl-C (or `stop_event`, for tests).

    A manuscript or folder that goes away is waited for, not a reason to stop: an editor that
    saves by replacing the file, a `git checkout`, a folder deleted and made again."""
    from watchfiles import watch as watch_changes

    options = replace(options, jobs=1)
    theme = load_theme(options.theme_dir)
    find_manuscripts(paths)  # a path that is not there is a usage error before watching starts
    _rebuild(paths, options)
    folders = [p if p.is_dir() else p.parent for p in paths]
    for path in paths:
        if path.is_file():
            print(
                f"preview: {output_path(options.out_dir, 'html', path.stem).resolve().as_uri()}", flush=True
            )
    print(f"watching {', '.join(str(f) for f in folders)} and the theme; Ctrl-C to stop", flush=True)
    roots = [*folders, theme.folder]
    try:
        while True:
            watched = _identities(roots)
            try:
                for changes in watch_changes(
                    *roots, stop_event=stop_event, debounce=DEBOUNCE_MS, step=STEP_MS
                ):
                    if _identities(roots) != watched:
                        break  # a folder was deleted (and perhaps made again): its watch went with it
                    manuscripts, theme_changed = changed_manuscripts(changes, folders)
                    targets = paths if theme_changed else manuscripts
                    if targets:
                        _rebuild(targets, options)
                else:
                    break  # stop_event
            except FileNotFoundError:
                pass  # a folder went away again just as its watch started
            gone = [str(root) for root in roots if not root.is_dir()]
            if gone:
                print(f"{', '.join(gone)} went away; waiting for it to come back", flush=True)
                if not _wait_for(roots, stop_event):
                    break
            _rebuild(paths, options)  # whatever came back with it
    except KeyboardInterrupt:
        print("stopped", flush=True)
    return 0


def _rebuild(targets: list[Path], options: BuildOptions) -> None:
    """Rebuild what is there (a file may be gone by now); a problem is a line, never the end of watch."""
    present = [path for path in targets if path.exists()]
    if not present:
        return
    try:
        _report(build_all(present, options))
    except CacheNotSaved as exc:
        _report(exc.outcomes)
        print(f"error: {exc}", file=sys.stderr, flush=True)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr, flush=True)
    except OSError as exc:  # a file gone between the change and the build
        print(f"error: {exc.filename or present[0]}: {exc.strerror or exc}", file=sys.stderr, flush=True)


def _identities(folders: list[Path]) -> list[tuple[int, int] | None]:
    """Which folder each path names now (device, inode): a folder made again is another one."""
    identities: list[tuple[int, int] | None] = []
    for folder in folders:
        try:
            stat = folder.stat()
        except OSError:
            identities.append(None)
        else:
            identities.append((stat.st_dev, stat.st_ino))
    return identities


def _wait_for(folders: list[Path], stop_event=None, interval: float = 0.2) -> bool:
    """Wait until every folder exists again; False if stopped first."""
    while not all(folder.is_dir() for folder in folders):
        if stop_event is not None and stop_event.wait(interval):
            return False
        if stop_event is None:
            time.sleep(interval)
    return True
