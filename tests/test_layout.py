"""The package's shape, enforced: imports run one way between the stages, and no module reaches
into another's private names. Read from the source with `ast`, so nothing is imported or run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import PACKAGE

# What each stage may import besides itself: the rule each folder's __init__ docstring states.
# The order is the pipeline's: model at the bottom, the command line on top.
MAY_IMPORT: dict[str, set[str]] = {
    "model": set(),
    "i18n": {"model", "files"},
    "files": {"model"},
    "readers": {"model", "i18n", "files"},
    "transforms": {"model", "i18n"},
    "writers": {"model", "i18n", "files"},
    "volumes": {"model", "i18n", "files", "transforms", "writers"},
    "shelf": {"model", "i18n", "files", "writers"},
    "build": {"model", "i18n", "files", "readers", "transforms", "writers", "volumes", "shelf"},
    "checks": {"model", "i18n", "files", "readers", "transforms", "writers", "volumes", "shelf", "build"},
}
MAY_IMPORT["cli"] = set(MAY_IMPORT)  # the top: it may import every stage, and nothing imports it
TOP_LEVEL = {"__init__", "__main__"}  # the package itself and `python -m pipeline`


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> str:
    """'pipeline.writers.pdf.book' -> 'writers'; the package's own top-level files -> their name."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, imported module, names) for every import of the project's own code."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        own = (node.module or "").startswith("pipeline") if isinstance(node, ast.ImportFrom) else False
        if isinstance(node, ast.ImportFrom) and node.level == 0 and own:
            found.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "<relative>", [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name, []) for a in node.names if a.name.startswith("pipeline")]
    return found


def _target_stages(module: str, names: list[str]) -> set[str]:
    if module == "pipeline":  # `from pipeline import model`: each name is a stage
        return set(names)
    return {_stage(module)}


def test_every_folder_is_a_known_stage_with_a_docstring_that_states_its_rule():
    folders = {p.parent.relative_to(PACKAGE).parts[0] for p in PACKAGE.glob("*/__init__.py")}
    assert folders == set(MAY_IMPORT)
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        if init.parent != PACKAGE:
            assert "May import" in doc, f"{init} does not say what its package may import"


def test_every_module_has_a_docstring():
    missing = [str(p) for p in _modules() if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert not missing


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path):
    stage = _stage(_module_name(path))
    if stage in TOP_LEVEL:
        return
    allowed = MAY_IMPORT[stage] | {stage}
    broken = []
    for line, module, names in _imports(path):
        assert module != "<relative>", f"{path}:{line}: relative import (the project imports absolutely)"
        for target in _target_stages(module, names) - allowed:
            broken.append(f"{path.name}:{line}: {stage} imports {target} ({module})")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_uses_another_modules_private_names(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_aliases: set[str] = set()
    broken = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline"):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    broken.append(f"line {node.lineno}: imports {node.module}.{alias.name}")
                # `from pipeline.writers.epub import book`: a module, whose attributes are checked below
                if (PACKAGE.parent / (node.module or "").replace(".", "/") / f"{alias.name}.py").exists():
                    module_aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            module_aliases |= {a.asname for a in node.names if a.name.startswith("pipeline") and a.asname}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in module_aliases
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            broken.append(f"line {node.lineno}: uses {node.value.id}.{node.attr}")
    assert not broken, f"{path}: " + "; ".join(broken)


def test_the_rules_catch_what_they_forbid(tmp_path):
    """The checker itself: a writer importing a reader, a reader importing a writer, and a private
    name are each found (so a passing run means something)."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from pipeline.readers.tokens import Converter\nfrom pipeline.writers.epub.book import _shell\n"
    )
    found = _imports(sample)
    assert _target_stages(found[0][1], found[0][2]) - MAY_IMPORT["writers"] == {"readers"}
    assert _target_stages(found[1][1], found[1][2]) - MAY_IMPORT["readers"] == {"writers"}
    assert "cli" not in set().union(*(MAY_IMPORT[s] for s in MAY_IMPORT if s != "cli"))
    assert any(name.startswith("_") for _, _, names in found for name in names)
