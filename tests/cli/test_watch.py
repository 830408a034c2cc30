"""`watch` (pipeline/cli/watch.py) run in a thread: each save, as editors make it, is one rebuild."""

from __future__ import annotations

import os
import threading
import time

import pytest

import pipeline.cli.watch
from pipeline.build.batch import BuildOptions
from pipeline.cli.watch import watch
from tests.helpers import MANUSCRIPTS


def _wait(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


@pytest.mark.slow  # about 2 s: five builds and the pauses between saves
def test_every_save_by_rename_or_in_place_is_one_rebuild_with_the_saved_text(tmp_path, monkeypatch):
    folder = tmp_path / "manuscripts"
    folder.mkdir()
    manuscript = folder / "dracula.md"
    original = (MANUSCRIPTS / "dracula.md").read_text(encoding="utf-8")
    manuscript.write_text(original, encoding="utf-8")
    builds: list[list] = []
    real_build_all = pipeline.cli.watch.build_all

    def counting(paths, options, *args, **kwargs):
        builds.append(list(paths))
        return real_build_all(paths, options, *args, **kwargs)

    monkeypatch.setattr(pipeline.cli.watch, "build_all", counting)
    options = BuildOptions(formats=("html", "epub"), out_dir=tmp_path / "out", jobs=1)
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=([manuscript], options, stop), daemon=True)
    thread.start()
    preview = tmp_path / "out" / "html" / "dracula.html"
    try:
        assert _wait(preview.exists)
        time.sleep(0.5)  # the file watch starts just after the first build
        for k in range(4):
            text = original.replace("Bram Stoker", f"Bram Stoker {k}th")
            if k % 2 == 0:  # a temporary file renamed over the manuscript, as vim does
                temporary = folder / ".dracula.md.tmp"
                temporary.write_text(text, encoding="utf-8")
                os.replace(temporary, manuscript)
            else:  # truncated and written in place
                with open(manuscript, "w", encoding="utf-8") as handle:
                    handle.write(text)
            assert _wait(lambda k=k: f"Bram Stoker {k}th" in preview.read_text(encoding="utf-8"))
            time.sleep(0.3)  # past the debounce: a late second batch for this save would show
    finally:
        stop.set()
        thread.join(timeout=10)
    assert len(builds) == 1 + 4, builds  # the first build, then one per save
    assert all(paths == [manuscript] for paths in builds[1:])
    assert (tmp_path / "out" / "epub" / "dracula.epub").exists()
