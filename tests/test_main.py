"""`python -m pipeline` (pipeline/__main__.py): importing it runs nothing; run, it is the command
line, with usage errors as one line and exit 2. (SIGTERM as exit 143: build/test_signals.py.)"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.helpers import REPO


def test_importing_the_entry_point_runs_nothing(capsys):
    import pipeline.__main__ as entry
    from pipeline.cli.main import main

    assert entry.main is main
    assert capsys.readouterr() == ("", "")  # the command line runs only as __main__


def test_run_as_a_module_it_is_the_command_line():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "inspect", "no-such-file.md"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr == "error: no-such-file.md: no such file\n" and run.stdout == ""
