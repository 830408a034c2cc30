"""Every module of the package is imported by at least one test: a module no test imports is tested
at best by accident. Read from the source with `ast`, so nothing is imported or run."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import PACKAGE, REPO

TESTS = REPO / "tests"


def modules(package: Path = PACKAGE) -> set[str]:
    """'pipeline.readers.tokens' for every module; a package by its own name ('pipeline.readers')."""
    found = set()
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def imported(paths: list[Path]) -> set[str]:
    """Every dotted name the files import: `import a.b`, `from a import b` (a, a.b), `from a.b import c`."""
    names = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def untested(package_modules: set[str], names: set[str]) -> list[str]:
    """The modules no name imports. A package counts as imported with any module inside it."""
    found = {name for name in names if name in package_modules}
    return sorted(
        module
        for module in package_modules
        if module not in found and not any(name.startswith(f"{module}.") for name in found)
    )


def test_every_module_is_imported_by_a_test():
    missing = untested(modules(), imported(sorted(TESTS.rglob("*.py"))))
    assert not missing, "no test imports " + ", ".join(missing)


def test_the_check_finds_a_module_no_test_imports(tmp_path):
    """The checker itself: a module imported only inside a string, or not at all, is found; one
    imported either way is not; a package counts through its modules."""
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    for name in ("__init__.py", "a.py", "b.py", "c.py", "sub/__init__.py", "sub/d.py"):
        (package / name).write_text('"""A module."""\n', encoding="utf-8")
    test = tmp_path / "test_x.py"
    test.write_text('import pkg.a\nfrom pkg.sub import d\nCODE = "import pkg.c"\n', encoding="utf-8")
    assert untested(modules(package), imported([test])) == ["pkg.b", "pkg.c"]
    test.write_text("from pkg import b, c\nimport pkg.a\nfrom pkg.sub.d import thing\n", encoding="utf-8")
    assert untested(modules(package), imported([test])) == []
