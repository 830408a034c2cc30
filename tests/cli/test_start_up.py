"""Start-up pays only for what the run uses: a one-guide EPUB build imports no other command's
module, no PDF, Word, server or language-identification library, no process pool, no image
plugin but JPEG's (the cover), and plain front matter needs no PyYAML; `--help` imports no command
module at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from pipeline.cli.commands import SUMMARIES
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
