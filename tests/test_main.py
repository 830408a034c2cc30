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


def _run_program(code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, timeout=120
    )


def test_the_quick_exit_runs_exit_handlers_flushes_and_keeps_the_status():
    run = _run_program(
        "import atexit, sys\n"
        "from pipeline.__main__ import exit_now\n"
        "atexit.register(lambda: print('handler ran', file=sys.stderr))\n"
        "sys.stdout.write('unflushed output')\n"  # still in the buffer: a pipe is block-buffered
        "exit_now(3)\n"
        "print('never')\n"
    )
    assert (run.returncode, run.stdout, run.stderr) == (3, "unflushed output", "handler ran\n")


def test_the_quick_exit_waits_for_another_thread_as_sys_exit_does():
    run = _run_program(
        "import threading, time\n"
        "from pipeline.__main__ import exit_now\n"
        "def late():\n"
        "    time.sleep(0.2)\n"
        "    print('thread finished', flush=True)\n"
        "threading.Thread(target=late).start()\n"
        "exit_now(0)\n"
    )
    assert (run.returncode, run.stdout) == (0, "thread finished\n")


def test_the_quick_exit_into_a_closed_pipe_ends_as_the_interpreter_would():
    code = (
        "import sys\n"
        "from pipeline.__main__ import exit_now\n"
        "sys.stdout.write('x' * 100000)\n"
        "sys.stdout.close()\n"  # what a reader that went away leaves: writing fails
        "exit_now(0)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    expected = subprocess.run(
        [sys.executable, "-c", code.replace("exit_now(0)", "sys.exit(0)")], capture_output=True, env=env
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, cwd=REPO, timeout=120)
    assert run.returncode == expected.returncode
