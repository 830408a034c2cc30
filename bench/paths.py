"""Where the benchmark finds the project, its Python, the shipped manuscripts and its own entry point."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_SCRIPT = ROOT / "bench" / "run.py"  # the measured child processes start from it too
SHIPPED = ROOT / "manuscripts"
VENV_PY = ROOT / ".venv" / "bin" / "python"
PY = str(VENV_PY if VENV_PY.exists() else Path(sys.executable))
RESULTS = ROOT / "bench" / "results.md"
SUFFIXES = (".md", ".markdown", ".txt")
