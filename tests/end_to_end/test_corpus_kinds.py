"""The corpus of summaries as people really have them (issue 17): chat-assistant answers, note-app and
word-processor exports, definition lists, .docx files and summaries in 42 languages, each under
tests/corpus/<kind>/ beside a hand-written `<stem>.expected.toml` of the model it must give (title,
authors, year, genres, pages, reading time, language, section kinds in order, entry names).

A case that waits for a feature is listed, with the feature, in tests/corpus/pending.toml and runs as
a strict xfail: when the feature lands the case passes, strict xfail fails, and the line is removed.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.build.batch import BuildOptions, Outcome, build_all, load_guide
from pipeline.checks.outputs import check_ace, check_epub
from pipeline.model import guide as m
from pipeline.model.diagnostics import GuideError
from pipeline.model.text import plain_text
from pipeline.model.walk import iter_blocks
from pipeline.writers.inspect_json import themes_of
from tests import needs
from tests.helpers import CORPUS, CORPUS_KINDS

PENDING = tomllib.loads((CORPUS / "pending.toml").read_text(encoding="utf-8"))
SUFFIXES = (".md", ".txt", ".markdown", ".docx")


def kind_manuscripts() -> list[Path]:
    """Every manuscript of the kinds' folders, not the Markdown sources the .docx files were made from."""
    return sorted(
        p
        for kind in CORPUS_KINDS
        for p in (CORPUS / kind).rglob("*")
        if p.suffix in SUFFIXES and "src" not in p.relative_to(CORPUS / kind).parts[:-1]
    )


MANUSCRIPTS = kind_manuscripts()


def _name(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


def _cases(table: str, sample_only: bool = False) -> list:
    """Each manuscript as a parameter, a strict xfail when pending.toml's `table` names it; with
    `sample_only`, those outside `_SAMPLE` are marked `exhaustive` (run by `make test-all`)."""
    pending = PENDING.get(table, {})
    return [
        pytest.param(
            p,
            id=_name(p),
            marks=[
                *([pytest.mark.xfail(strict=True, reason=pending[_name(p)])] if _name(p) in pending else []),
                *([pytest.mark.exhaustive] if sample_only and not _in_sample(p) else []),
            ],
        )
        for p in MANUSCRIPTS
    ]


# EPUBCheck starts a JVM and DAISY Ace a Chromium for every guide (5–6 s of CPU each, 7 minutes for
# the corpus): `make test` checks two guides of each kind and every language written in a script
# other than Latin (where layout and language tags differ most), keeping the suite near 13 minutes;
# `make test-all` checks all 78.
_NON_LATIN = {"ar", "he", "fa", "ur", "ja", "zh-hans", "zh-hant", "ko", "el", "hi", "bn", "ta", "th"}
_NON_LATIN |= {"hy", "ka", "ru", "uk", "sr", "am", "yi", "km"}


def _in_sample(path: Path) -> bool:
    kind = path.parent.name
    if kind == "languages":
        return path.stem.rsplit("-", 1)[-1] in _NON_LATIN or path.stem.endswith(("zh-hans", "zh-hant"))
    siblings = sorted(p for p in MANUSCRIPTS if p.parent == path.parent)
    return path in siblings[:2]


# ---------------------------------------------------------------- what a guide says, as the golden files do


def _fold(value):
    """Typography the pipeline adds on purpose (curly quotes, dashes, spacing) is not a difference."""
    if isinstance(value, list):
        return [_fold(v) for v in value]
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFC", value)
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _theme_names(guide: m.Guide, expected: list[str]) -> list[str]:
    """The themes as entries when the section has them, else as inspect prints them; a theme written
    "**Name** – explanation" counts as `Name` when the golden file names it so."""
    section = guide.section("themes")
    entries = section.entries if section is not None else ()
    found = [e.term for e in entries] if entries else themes_of(guide)
    names = []
    for i, text in enumerate(_fold(found)):
        want = _fold(expected[i]) if i < len(expected) else None
        rest = text[len(want) :] if want and text.startswith(want) else None
        names.append(want if rest is not None and (not rest or rest[0] in " :-.,;(") else text)
    return names


def guide_text(guide: m.Guide) -> str:
    """Everything a reader of the guide is shown as text: metadata, section titles, blocks, entries."""
    meta = guide.meta
    parts = [meta.title, *meta.authors, *meta.genres, meta.reading_time or "", meta.subtitle or ""]
    # Other fields are shown as a term and its value in the At a Glance list.
    parts += [text for pair in meta.extra for text in pair]
    for section in guide.sections:
        parts.append(section.title)
        for block in iter_blocks(section.blocks):
            if isinstance(block, (m.Paragraph, m.Heading)):
                parts.append(plain_text(block.inlines))
            elif isinstance(block, m.Aside):
                parts.append(plain_text(block.title))  # a callout's title is printed above it
            elif isinstance(block, m.Table):
                parts += [plain_text(cell) for row in (block.header, *block.rows) for cell in row]
            elif isinstance(block, m.CodeBlock):
                parts.append(block.text)
        parts += [f"{e.term} {plain_text(e.body)}" for e in section.entries]
    return "\n".join(parts)


def observed(guide: m.Guide, expected: dict) -> dict:
    meta = guide.meta
    characters = guide.section("characters")
    glossary = guide.section("glossary")
    return {
        "title": meta.title,
        "authors": list(meta.authors),
        "year": meta.year,
        "genres": list(meta.genres),
        "pages": meta.pages,
        "reading_time": meta.reading_time,
        "language": meta.language,
        "sections": [s.kind for s in guide.sections],
        "characters": [e.term for e in characters.entries] if characters else [],
        "themes": _theme_names(guide, expected.get("themes", [])),
        "glossary": [e.term for e in glossary.entries] if glossary else [],
    }


# A field a golden file leaves out is expected empty: a guide must not invent a year or a genre.
EMPTY = {"authors": [], "year": None, "genres": [], "pages": None, "reading_time": None, "language": "en"}
EMPTY |= {"characters": [], "themes": [], "glossary": []}


def _golden_path(path: Path) -> Path:
    return path.with_name(path.stem + ".expected.toml")


def _golden(path: Path) -> dict:
    return tomllib.loads(_golden_path(path).read_text(encoding="utf-8"))


def differences(path: Path) -> list[str]:
    """Each way the guide read from `path` differs from its golden file, as a readable line."""
    golden = _golden_path(path)
    assert golden.is_file(), f"{_name(path)} has no golden file {golden.name}"
    expected = EMPTY | _golden(path)
    try:
        guide, report = load_guide(path, auto_glossary=False)
    except GuideError as error:
        return [f"the manuscript did not become a guide: {error}"]
    got = observed(guide, expected)
    problems = [
        f"{key}:\n    expected {_fold(expected[key])!r}\n    got      {_fold(got[key])!r}"
        for key in got
        if _fold(expected[key]) != _fold(got[key])
    ]
    codes = [d.code for d in report.items]
    problems += [
        f"warnings: expected a {code} warning, got {codes}"
        for code in expected.get("warnings", [])
        if not any(c.startswith(code) for c in codes)
    ]
    text = guide_text(guide)
    problems += [
        f"shown to the reader, and must not be: {s!r}" for s in expected.get("never_shown", []) if s in text
    ]
    problems += [
        f"not shown to the reader: {s!r}" for s in expected.get("shown", []) if _fold(s) not in _fold(text)
    ]
    return problems


@pytest.mark.parametrize("path", _cases("golden"))
def test_corpus_manuscript_gives_its_expected_model(path):
    problems = differences(path)
    assert not problems, f"{_name(path)} differs from its golden file:\n" + "\n".join(problems)


# ---------------------------------------------------------------- the corpus itself


# Issue 17's languages: the thirteen read before it, Latin, the ones whose script was already
# detected, and fourteen more.
LANGUAGES = {
    "en",
    "fr",
    "de",
    "es",
    "it",
    "pt",
    "ru",
    "la",
    "ar",
    "he",
    "fa",
    "ur",
    "ja",
    "zh-Hans",
    "zh-Hant",
}
LANGUAGES |= {"ko", "el", "hi", "bn", "ta", "th", "hy", "ka"}
LANGUAGES |= {"pl", "nl", "sv", "da", "nb", "fi", "cs", "hu", "ro", "uk", "tr", "vi", "id", "ca"}
LANGUAGES |= {"sr", "yi", "am", "km", "yo"}


def test_corpus_has_enough_of_every_kind_and_language():
    """Issue 17 asks for at least 8 of each kind and one summary in each of the languages."""
    counts = {kind: sum(p.relative_to(CORPUS).parts[0] == kind for p in MANUSCRIPTS) for kind in CORPUS_KINDS}
    assert all(n >= 8 for n in counts.values()), counts
    languages = {_golden(p).get("language", "en") for p in MANUSCRIPTS if _golden_path(p).is_file()}
    assert languages >= LANGUAGES, sorted(LANGUAGES - languages)


def test_every_golden_and_pending_line_names_a_manuscript():
    """A golden file or pending line left behind by a renamed manuscript would silently test nothing."""
    names = {_name(p) for p in MANUSCRIPTS}
    goldens = {
        _name(g).removesuffix(".expected.toml")
        for kind in CORPUS_KINDS
        for g in (CORPUS / kind).rglob("*.expected.toml")
    }
    assert goldens == {n.rsplit(".", 1)[0] for n in names}
    for table in PENDING.values():
        assert set(table) <= names, sorted(set(table) - names)


def test_corpus_stems_are_unique():
    """One batch builds them all into one folder: two `x.md` would overwrite each other's EPUB."""
    stems = [p.stem for p in MANUSCRIPTS]
    assert len(stems) == len(set(stems)), sorted(s for s in stems if stems.count(s) > 1)


# ---------------------------------------------------------------- every guide builds and validates


class Checks:
    """One checker run on every built EPUB, two at a time in background threads, from the moment the
    first verdict is asked for: the EPUBCheck tests run together, then the Ace ones, each batch
    overlapping its own JVM or Chromium starts instead of queueing them one test at a time."""

    def __init__(self, check, epubs: dict[str, Path]) -> None:
        self.check, self.epubs = check, epubs
        self.executor: ThreadPoolExecutor | None = None
        self.futures: dict[str, Future] = {}

    def verdict(self, stem: str):
        if self.executor is None:
            self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="corpus-check")
            self.futures = {s: self.executor.submit(self.check, epub) for s, epub in self.epubs.items()}
        return self.futures[stem].result(timeout=1800)

    def shutdown(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)


@dataclass
class CorpusBuild:
    outcomes: dict[str, Outcome]
    epubcheck: Checks
    ace: Checks

    def epub(self, path: Path) -> str:
        """The stem of `path`'s EPUB, once the test has made sure it was built."""
        outcome = self.outcomes[path.stem]
        assert not outcome.failed, f"{_name(path)} did not build: {outcome.reason}"
        return path.stem


def _selected(session: pytest.Session, test: str) -> set[str]:
    """The stems of the manuscripts whose `test` this run will run (so `-k` checks only those)."""
    return {
        item.callspec.params["path"].stem
        for item in session.items
        if getattr(item, "originalname", None) == test and hasattr(item, "callspec")
    }


@pytest.fixture(scope="module")
def corpus_build(request, tmp_path_factory):
    """Every corpus guide built to EPUB in one batch (a few seconds; the checks are the slow part)."""
    out = tmp_path_factory.mktemp("corpus-kinds")
    outcomes = build_all(MANUSCRIPTS, BuildOptions(formats=("epub",), out_dir=out, use_cache=False))
    epubs = {o.source.stem: o.outputs[0] for o in outcomes if not o.failed}

    def checks(check, test: str) -> Checks:
        wanted = _selected(request.session, test)
        return Checks(check, {stem: epub for stem, epub in epubs.items() if stem in wanted})

    built = CorpusBuild(
        {o.source.stem: o for o in outcomes},
        checks(check_epub, "test_corpus_guide_passes_epubcheck"),
        checks(check_ace, "test_corpus_guide_passes_daisy_ace"),
    )
    yield built
    built.epubcheck.shutdown()
    built.ace.shutdown()


@needs.java
@pytest.mark.slow
@pytest.mark.epubcheck
@pytest.mark.parametrize("path", _cases("epub", sample_only=True))
def test_corpus_guide_passes_epubcheck(corpus_build, path):
    verdict = corpus_build.epubcheck.verdict(corpus_build.epub(path))
    assert verdict.ok, verdict.detail


@needs.ace
@pytest.mark.slow
@pytest.mark.epubcheck
@pytest.mark.browser
@pytest.mark.parametrize("path", _cases("epub", sample_only=True))
def test_corpus_guide_passes_daisy_ace(corpus_build, path):
    verdict = corpus_build.ace.verdict(corpus_build.epub(path))
    assert verdict is not None and verdict.ok, verdict.detail if verdict else "Ace did not run"


def test_pending_reasons_name_the_issue():
    """Each pending line says which feature of issue 17 it waits for, so the lead knows what to remove."""
    for table in PENDING.values():
        for name, reason in table.items():
            assert re.match(r"issue 17: \S", reason), (name, reason)
