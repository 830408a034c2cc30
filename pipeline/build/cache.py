"""Nothing built twice: a content-hash manifest of what each output was built from."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.files.atomic import write_bytes_atomic
from pipeline.model.diagnostics import Diagnostic
from pipeline.model.location import SourceLocation

PIPELINE_DIR = Path(__file__).resolve().parents[1]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    try:
        return _digest(path.read_bytes())
    except OSError:
        return "missing"


def code_fingerprint(theme_folder: Path) -> str:
    """Changes whenever the pipeline's code or templates, the theme, or the libraries change."""
    from pipeline.writers.theme import REPO_STYLES

    files = [p for folder in dict.fromkeys([REPO_STYLES, theme_folder]) for p in sorted(folder.rglob("*"))]
    # The theme is looked at on every call, not once per process: `watch` lives on while the user
    # edits it, and a key that missed the edit would call a stale output fresh.
    signature = tuple((str(p), s.st_mtime_ns, s.st_size) for p in files if p.is_file() for s in [p.stat()])
    return _fingerprint(signature)


@lru_cache(maxsize=8)
def _fingerprint(theme_files: tuple[tuple[str, int, int], ...]) -> str:
    """The code (fixed for the life of a process) and the theme files, read once per version."""
    hasher = hashlib.sha256()
    files = sorted(p for p in PIPELINE_DIR.rglob("*") if p.is_file() and p.suffix in (".py", ".jinja"))
    files += [Path(name) for name, _, _ in theme_files]
    for path in files:
        hasher.update(str(path.relative_to(path.anchor)).encode())
        hasher.update(path.read_bytes())
    for library in library_signatures():
        hasher.update(library.encode())
    return hasher.hexdigest()


# The libraries whose upgrade can change an output's bytes: import name -> distribution name.
LIBRARIES = {
    "ebooklib": "ebooklib",
    "weasyprint": "weasyprint",
    "markdown_it": "markdown_it_py",
    "mdit_py_plugins": "mdit_py_plugins",
    "jinja2": "jinja2",
    "PIL": "pillow",  # the cover's JPEG
    "pydyf": "pydyf",  # WeasyPrint's PDF writer
    "pyphen": "pyphen",  # hyphenation in print
}


def library_signatures() -> list[str]:
    """Each library's installed version (its dist-info folder's name) and the state of its entry
    module. Read from the file system without importing them: WeasyPrint stays unloaded in EPUB
    builds, and importlib.metadata alone costs 12 ms to import, more than building a guide."""
    from importlib.util import find_spec

    signatures = []
    listings: dict[Path, list[str]] = {}  # the libraries mostly share one site-packages folder
    for module, distribution in LIBRARIES.items():
        try:
            spec = find_spec(module)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.origin:
            signatures.append(f"{distribution}: absent")
            continue
        origin = Path(spec.origin)
        site = origin.parent.parent
        if site not in listings:
            listings[site] = _folder_names(site)
        versions = sorted(
            name
            for name in listings[site]
            if name.lower().startswith(f"{distribution}-") and name.endswith(".dist-info")
        )
        stat = origin.stat()
        signatures.append(f"{distribution}: {','.join(versions)} {stat.st_size} {stat.st_mtime_ns}")
    return signatures


def _folder_names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def build_key(source: Path, fmt: str, settings: str, fingerprint: str) -> str:
    """What an output depends on besides the images it embeds: text, format, options, and the
    code and theme (`fingerprint`: code_fingerprint, taken once per batch)."""
    hasher = hashlib.sha256()
    for part in (file_digest(source), fmt, settings, fingerprint, os.environ.get("SOURCE_DATE_EPOCH", "")):
        hasher.update(part.encode())
        hasher.update(b"\x1f")
    return hasher.hexdigest()


@dataclass(slots=True)
class Manifest:
    """out_dir/.cache/manifest.json: output path -> {key, deps (path -> digest), size}."""

    path: Path
    entries: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        path = out_dir / ".cache" / "manifest.json"
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(entries, dict):
                entries = {}
        except (OSError, ValueError):
            entries = {}
        return cls(path, entries)

    def is_fresh(self, output: Path, key: str) -> bool:
        entry = self.entries.get(str(output))
        if not entry or entry.get("key") != key:
            return False
        try:
            if output.stat().st_size != entry.get("size"):
                return False
        except OSError:
            return False
        return all(file_digest(Path(dep)) == digest for dep, digest in entry.get("deps", {}).items())

    def record(self, output: Path, key: str, deps: list[Path], diagnostics: list[Diagnostic]) -> None:
        self.entries[str(output)] = {
            "key": key,
            "size": output.stat().st_size,
            "deps": {str(dep): file_digest(dep) for dep in deps},
            # Kept so an up-to-date guide still reports its warnings, as a rebuild would.
            "diagnostics": [
                [d.code, d.severity, d.message, d.location.path, d.location.line] for d in diagnostics
            ],
        }

    def diagnostics(self, output: Path) -> list[Diagnostic]:
        """The warnings the output was built with."""
        rows = self.entries.get(str(output), {}).get("diagnostics", [])
        try:
            return [
                Diagnostic(code, severity, message, SourceLocation(path, line))
                for code, severity, message, path, line in rows
            ]
        except (TypeError, ValueError):  # a manifest from an older version or edited by hand
            return []

    def forget(self, output: Path) -> None:
        self.entries.pop(str(output), None)

    def save(self) -> None:
        write_bytes_atomic(self.path, json.dumps(self.entries, indent=0, sort_keys=True).encode("utf-8"))
