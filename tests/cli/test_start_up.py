"""Start-up pays only for what the run uses: a one-guide EPUB build imports no other command's
module, no PDF, Word, server or language-identification library, no process pool, no image
plugin but JPEG's (the cover), and plain front matter needs no PyYAML; `--help` imports no command
module at all."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys

from pipeline.cli.commands import SUMMARIES
from pipeline.cli.start_up import import_start_up
from tests.helpers import MANUSCRIPTS, REPO

# Run the command line in a fresh interpreter, then print the modules it imported.
_RUN = """
import json, runpy, sys
sys.argv = ["pipeline", *sys.argv[1:]]
try:
    runpy.run_module("pipeline", run_name="__main__")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

NOT_FOR_ONE_EPUB = {
    *(f"pipeline.cli.commands.{name}" for name in SUMMARIES if name != "build"),
    "pipeline.writers.pdf",
    "pipeline.readers.docx",
    "pipeline.shelf.serve",
    "weasyprint",
    "babel",
    "py3langid",
    "mammoth",
    "starlette",
    "uvicorn",
    "distributed",
    "yaml",  # the shipped manuscripts' front matter is plain `key: value` lines
    "concurrent.futures",  # one guide is built in this process (build/pool.py)
    "multiprocessing",
    # The cover is a JPEG: format="JPEG" would load these too (writers/cover/jpeg_rows.py).
    "PIL.PngImagePlugin",
    "PIL.GifImagePlugin",
    "PIL.BmpImagePlugin",
    "PIL.PpmImagePlugin",
}


def imported(*argv: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *argv], capture_output=True, text=True, env=env, cwd=REPO, check=True
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_a_one_guide_epub_build_imports_only_what_it_uses(tmp_path):
    modules = imported(
        "build", str(MANUSCRIPTS / "dracula.md"), "--format", "epub", "--out", str(tmp_path), "--no-cache"
    )
    assert [path.name for path in tmp_path.rglob("*.epub")] == ["dracula.epub"]
    assert "pipeline.cli.commands.build" in modules  # the probe sees what the run imported
    assert "PIL.JpegImagePlugin" in modules  # the cover was encoded
    assert modules & NOT_FOR_ONE_EPUB == set()


def test_help_imports_no_command_module():
    modules = imported("--help")
    assert {name for name in modules if name.startswith("pipeline.cli.commands.")} == set()


# The program's collector, seen when start-up hands over to the work (cli/start_up.py).
_COLLECTOR = """
import gc, json, runpy, sys
from pipeline.cli import start_up

seen = []
handover = start_up.resume

def resume():
    seen.append({"paused": not gc.isenabled(), "batch": "pipeline.build.batch" in sys.modules})
    handover()
    seen.append({"paused": not gc.isenabled(), "frozen": gc.get_freeze_count()})

start_up.resume = resume
sys.argv = ["pipeline", *sys.argv[1:]]
try:
    runpy.run_module("pipeline", run_name="__main__")
except SystemExit:
    pass
print(json.dumps(seen), file=sys.stderr)
"""


def test_the_program_imports_with_the_collector_paused_then_freezes_and_collects(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    argv = [
        "build",
        str(MANUSCRIPTS / "dracula.md"),
        "--format",
        "epub",
        "--out",
        str(tmp_path),
        "--no-cache",
    ]
    done = subprocess.run(
        [sys.executable, "-c", _COLLECTOR, *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
    )
    before, after = json.loads(done.stderr.strip().splitlines()[-1])
    assert before == {"paused": True, "batch": True}  # the build's modules came in while paused
    assert after["paused"] is False and after["frozen"] > 10_000  # then frozen, and collecting again
    assert [path.name for path in tmp_path.rglob("*.epub")] == ["dracula.epub"]


def test_main_called_in_a_process_leaves_its_collector_alone(tmp_path):
    from pipeline.cli.main import main

    frozen = gc.get_freeze_count()
    assert main(["build", str(MANUSCRIPTS / "dracula.md"), "--format", "epub", "--out", str(tmp_path)]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_start_up_imports_without_a_pause_touch_no_collector():
    frozen = gc.get_freeze_count()
    sys.modules.pop("colorsys", None)
    import_start_up(["colorsys"])  # not paused by the program: imported, nothing frozen
    assert "colorsys" in sys.modules
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_an_up_to_date_build_imports_no_reader_transform_or_writer(tmp_path):
    argv = ("build", str(MANUSCRIPTS / "dracula.md"), "--format", "epub", "--out", str(tmp_path))
    building = {"markdown_it", "pipeline.readers.normalise", "pipeline.transforms.passes"}
    building |= {"pipeline.build.one_guide", "pipeline.writers.epub.book"}
    assert building <= imported(*argv)  # the first build reads, transforms and writes the guide
    again = imported(*argv)  # the second finds it up to date in the cache
    assert "pipeline.build.batch" in again
    assert again & building == set()


def test_lint_imports_no_shelf_template_engine_or_xml_library():
    modules = imported("lint", str(MANUSCRIPTS / "dracula.md"))
    assert "pipeline.checks.lint" in modules and "pipeline.readers.normalise" in modules
    assert modules & {"jinja2", "lxml", "pipeline.shelf.catalog", "ebooklib", "PIL"} == set()
