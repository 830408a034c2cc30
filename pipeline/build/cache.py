"""Nothing built twice, nothing stale called fresh: a content-hash manifest of what each output was
built from (text, images, options, code, theme) and of the output's own bytes."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.files.atomic import write_bytes_atomic
from pipeline.files.typed_json import DoesNotFit, parse
from pipeline.model.diagnostics import Diagnostic, Severity
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
    files = code_files(PIPELINE_DIR)
    files += [Path(name) for name, _, _ in theme_files]
    for path in files:
        hasher.update(str(path.relative_to(path.anchor)).encode())
        hasher.update(path.read_bytes())
    for library in library_signatures():
        hasher.update(library.encode())
    return hasher.hexdigest()


# What an output is made by: the code, its templates and the language data files.
CODE_SUFFIXES = (".py", ".jinja", ".toml")


def code_files(root: Path) -> list[Path]:
    """Every code, template and language file under root, in a stable order; bytecode folders are
    not walked (they hold nothing the sources do not, and as many files again)."""
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__" and not d.startswith("."))
        found += [Path(folder, name) for name in sorted(names) if name.endswith(CODE_SUFFIXES)]
    return found


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


def build_key(source_digest: str, fmt: str, settings: str, fingerprint: str) -> str:
    """What an output depends on besides the images it embeds: the manuscript's text (the digest
    of the bytes the guide was built from), format, options, and the code and theme
    (`fingerprint`: code_fingerprint, taken once per batch)."""
    hasher = hashlib.sha256()
    for part in (source_digest, fmt, settings, fingerprint, os.environ.get("SOURCE_DATE_EPOCH", "")):
        hasher.update(part.encode())
        hasher.update(b"\x1f")
    return hasher.hexdigest()


# A diagnostic as the manifest keeps it: code, severity, message, path, line.
DiagnosticRow = tuple[str, Severity, str, str, int]


@dataclass(frozen=True, slots=True)
class Entry:
    """What one output was built from, and what it was."""

    key: str  # build_key of the text, format, options, code and theme
    digest: str  # the output's own bytes: a file changed, truncated or damaged since is not fresh
    deps: dict[str, str]  # image path -> digest, taken before the writers read them
    diagnostics: tuple[DiagnosticRow, ...]  # replayed when the output is up to date


@dataclass(slots=True)
class Manifest:
    """out_dir/.cache/manifest.json: output path -> Entry. Each entry is read through the Entry
    schema; one that does not fit (hand-edited, another version's) is dropped, so its output is
    rebuilt instead of the batch failing."""

    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        path = out_dir / ".cache" / "manifest.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        entries = {}
        for output, value in raw.items() if isinstance(raw, dict) else ():
            try:
                entries[output] = parse(Entry, value)
            except DoesNotFit:
                continue
        return cls(path, entries)

    def is_fresh(self, output: Path, key: str) -> bool:
        """Built from these inputs, and still the very bytes written: the output is hashed (only
        when the key matches), never trusted by its size or mtime."""
        entry = self.entries.get(str(output))
        if entry is None or entry.key != key or file_digest(output) != entry.digest:
            return False
        return all(file_digest(Path(dep)) == digest for dep, digest in entry.deps.items())

    def record(
        self, output: Path, key: str, digest: str, deps: dict[Path, str], diagnostics: list[Diagnostic]
    ) -> None:
        self.entries[str(output)] = Entry(
            key=key,
            digest=digest,
            deps={str(dep): dep_digest for dep, dep_digest in deps.items()},
            # Kept so an up-to-date guide still reports its warnings, as a rebuild would.
            diagnostics=tuple(
                (d.code, d.severity, d.message, d.location.path, d.location.line) for d in diagnostics
            ),
        )

    def diagnostics(self, output: Path) -> list[Diagnostic]:
        """The warnings the output was built with."""
        entry = self.entries.get(str(output))
        rows = entry.diagnostics if entry is not None else ()
        return [
            Diagnostic(code, severity, message, SourceLocation(path, line))
            for code, severity, message, path, line in rows
        ]

    def forget(self, output: Path) -> None:
        self.entries.pop(str(output), None)

    def save(self) -> None:
        """Raises OSError (a read-only or full disk): the caller says so in one line."""
        data = {output: asdict(entry) for output, entry in self.entries.items()}
        write_bytes_atomic(self.path, json.dumps(data, indent=0, sort_keys=True).encode("utf-8"))
