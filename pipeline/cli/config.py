"""Project defaults from `[tool.pipeline]` in pyproject.toml or from guides.toml; flags override them."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pipeline.model.diagnostics import UsageError

# key -> (type, what it sets); anything else in the table is an error that names it
KEYS: dict[str, tuple[type, str]] = {
    "paper": (str, "PDF paper size: a4, letter or a5"),
    "theme": (str, "a shipped theme's name or a theme folder"),
    "language": (str, "language of manuscripts that do not give one (BCP 47)"),
    "publisher": (str, "publisher named in the EPUB metadata"),
    "out": (str, "output folder"),
    "formats": (list, "formats `build` makes when --format is not given"),
    "jobs": (int, "worker processes"),
    "auto_glossary": (bool, "collect quoted terms into the glossary"),
    "pdf_variant": (str, "pdf/ua-1 or a PDF/A variant"),
}


def load_config(folder: Path) -> tuple[dict[str, Any], Path | None]:
    """The settings table and the file it came from (guides.toml wins over pyproject.toml)."""
    guides = folder / "guides.toml"
    pyproject = folder / "pyproject.toml"
    if guides.is_file():
        table, source = _read(guides).get("pipeline", _read(guides)), guides
    elif pyproject.is_file():
        table, source = _read(pyproject).get("tool", {}).get("pipeline", {}), pyproject
    else:
        return {}, None
    if not isinstance(table, dict):
        raise UsageError(f"{source}: the pipeline settings must be a table")
    for key, value in table.items():
        if key not in KEYS:
            raise UsageError(f"{source}: unknown setting {key!r} (known: {', '.join(sorted(KEYS))})")
        expected = KEYS[key][0]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise UsageError(f"{source}: setting {key!r} must be a {expected.__name__}, not {value!r}")
    return table, source


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read settings: {exc}") from None
