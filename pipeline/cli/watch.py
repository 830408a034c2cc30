"""`watch`: rebuild a manuscript's preview (and other formats on request) as soon as it changes."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from pipeline.build.batch import build_all
from pipeline.build.options import BuildOptions, output_path
from pipeline.readers.sources import MANUSCRIPT_SUFFIXES
from pipeline.writers.theme import load_theme


def _report(outcomes) -> None:
    for outcome in outcomes:
        for diagnostic in outcome.diagnostics:
            print(diagnostic, file=sys.stderr)
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
            manuscripts.extend(p for p in path.parent.iterdir() if p.suffix.lower() in MANUSCRIPT_SUFFIXES)
    return sorted(set(manuscripts)), theme_changed


def watch(paths: list[Path], options: BuildOptions, stop_event=None) -> int:
    """Build once, then rebuild on every change until Ctrl-C (or `stop_event`, for tests)."""
    from watchfiles import watch as watch_changes

    options = replace(options, jobs=1)
    theme = load_theme(options.theme_dir)
    _report(build_all(paths, options))
    folders = [p if p.is_dir() else p.parent for p in paths]
    for path in paths:
        if path.is_file():
            print(
                f"preview: {output_path(options.out_dir, 'html', path.stem).resolve().as_uri()}", flush=True
            )
    print(f"watching {', '.join(str(f) for f in folders)} and the theme; Ctrl-C to stop", flush=True)
    try:
        for changes in watch_changes(*folders, theme.folder, stop_event=stop_event, debounce=200):
            manuscripts, theme_changed = changed_manuscripts(changes, folders)
            targets = paths if theme_changed else manuscripts
            if targets:
                _report(build_all(targets, options))
    except KeyboardInterrupt:
        print("stopped", flush=True)
    return 0
