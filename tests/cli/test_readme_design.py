"""The README's design section is the map of the package: it names every folder and module."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "pipeline"


def _design_section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme.split("## Design\n", 1)[1].split("\n## ", 1)[0]


def test_the_design_section_names_every_module_and_folder():
    design = _design_section()
    named = set(re.findall(r"[\w.]+", design))
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        # a command module is named by its verb in the list of commands
        if path.parent.name == "commands":
            if path.stem not in named:
                missing.append(str(path.relative_to(REPO)))
        elif path.name not in named:
            missing.append(str(path.relative_to(REPO)))
    folders = {
        p.parent.relative_to(PACKAGE).parts[-1] + "/"
        for p in PACKAGE.rglob("__init__.py")
        if p.parent != PACKAGE
    }
    missing += [f for f in sorted(folders) if f not in design]
    assert not missing, f"the README's design section does not name: {', '.join(missing)}"
