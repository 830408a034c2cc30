"""The section kinds stand apart from the Guide's classes: guide.py names the same kinds, and the
language data loads without building those classes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import get_args

from pipeline.i18n.language_data import LANGUAGES
from pipeline.model import guide
from pipeline.model.section_kinds import SectionKind
from tests.helpers import REPO


def test_the_guide_and_the_language_files_use_the_same_kinds():
    assert guide.SectionKind is SectionKind
    named = {kind for language in LANGUAGES for kind in language.tables.get("sections", {})}
    assert named and named <= set(get_args(SectionKind)) - {"other"}  # the files name these kinds


def test_the_language_data_loads_without_the_guide_classes():
    probe = "import json, sys, pipeline.i18n.language_data; print(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    modules = set(json.loads(done.stdout))
    assert "pipeline.model.section_kinds" in modules
    assert "pipeline.model.guide" not in modules
