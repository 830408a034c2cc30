"""Regular expressions served from the cache (files/pattern_cache.py) are the ones re compiles:
same flags, groups and matches; a build with the cache writes the same bytes, with it warm,
damaged or off."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.files import pattern_cache
from tests.helpers import REPO

PATTERNS = [
    (r"(?P<word>\w+)\s+(?P=word)", 0),
    (r"^(?:ab|cd)+$", re.M),
    (r"(?<=é)\d{2,}", re.I),
    (r"(?i:straße)|ﬃ|\bΣ\w*", 0),
    (r"[^\x00-\u2e7f]+", 0),
    (r"(?x) (\d+) \s* - \s* (\d+)  # a range", 0),
    (r"(a)?(?(1)b|c)", re.S),
    (rb"\x00[\x01-\x7f]+(?P<tail>\xff)?", 0),
    (r"«\s?([^«»\n]{1,60}?)\s?»|“([^“”\n]{1,60})”", re.U),
]
SAMPLES = [
    "the the cat",
    "ababcd\ncdcd\nxx",
    "é12 É345 e67",
    "STRASSE straße ﬃ Σοφία",
    "漢字 and 한글",
    "10 - 20",
    "ab c",
    "«Le Rouge» “Noir”",
]


@pytest.fixture
def fresh_cache(monkeypatch):
    """pattern_cache's state as in a process that found no file."""
    from re import _compiler

    monkeypatch.setattr(pattern_cache._Cache, "known", {})
    monkeypatch.setattr(pattern_cache._Cache, "used", set())
    monkeypatch.setattr(pattern_cache._Cache, "new", {})
    monkeypatch.setattr(pattern_cache._Cache, "original", _compiler.compile)
    return pattern_cache._Cache


def _behaviour(pattern: re.Pattern) -> tuple:
    samples = (
        [s.encode("latin-1", "replace") for s in SAMPLES] if isinstance(pattern.pattern, bytes) else SAMPLES
    )
    samples = [*samples, b"\x00abc\xff"] if isinstance(pattern.pattern, bytes) else samples
    return (
        pattern.flags,
        pattern.groups,
        dict(pattern.groupindex),
        [[(m.span(), m.groups()) for m in pattern.finditer(s)] for s in samples],
        [bool(pattern.fullmatch(s)) for s in samples],
    )


@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_a_pattern_from_the_cache_is_the_pattern_re_compiles(fresh_cache, source, flags):
    own = fresh_cache.original(source, flags)
    recorded = pattern_cache._compile(source, flags)  # a miss: compiled, its arguments kept
    assert (source, int(flags)) in fresh_cache.new and not fresh_cache.used
    fresh_cache.known = marshal.loads(marshal.dumps(fresh_cache.new))  # as the next run reads them
    fresh_cache.new = {}
    served = pattern_cache._compile(source, flags)
    assert (source, int(flags)) in fresh_cache.used and not fresh_cache.new
    assert _behaviour(served) == _behaviour(recorded) == _behaviour(own)


def test_arguments_the_engine_refuses_are_compiled_afresh(fresh_cache):
    fresh_cache.known = {(r"\d+", 0): (0, [1, 2, 3], 0, {}, (None,))}  # not a program at all
    assert pattern_cache._compile(r"\d+", 0).findall("a 12 b 3") == ["12", "3"]
    assert (r"\d+", 0) not in fresh_cache.known and (r"\d+", 0) in fresh_cache.new


def _build(cache_home: Path, out: Path, extra_env: dict[str, str] | None = None) -> tuple[bytes, str]:
    """The EPUB a build writes, and how many patterns it took from the cache and compiled."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("STUDY_GUIDE_TEMPLATE_CACHE", None)
    env.update(extra_env or {})
    argv = ["pipeline", "build", str(REPO / "manuscripts" / "dracula.md")]
    argv += ["--format", "epub", "--out", str(out), "--no-cache", "--quiet"]
    script = (
        "import runpy, sys\n"
        "from pipeline.files import pattern_cache as cache\n"
        "cache.install()\n"  # as pipeline/__main__.py does first; its own call then does nothing
        f"sys.argv = {argv!r}\n"
        "try:\n"
        "    runpy.run_module('pipeline', run_name='__main__')\n"
        "finally:\n"
        "    print(len(cache._Cache.used), len(cache._Cache.new), file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return (out / "epub" / "dracula.epub").read_bytes(), run.stderr.split()[-2:]


@pytest.mark.skipif(
    sys.version_info[:2] not in pattern_cache.SUPPORTED, reason="no pattern cache on this Python"
)
def test_a_build_writes_the_same_bytes_with_the_cache_cold_warm_damaged_and_off(tmp_path):
    home = tmp_path / "cache"
    cold, (used, compiled) = _build(home, tmp_path / "cold")
    assert used == "0" and int(compiled) > 100  # ours, markdown-it-py's, Jinja's ...
    [kept] = (home / "study-guide-pipeline" / "patterns").iterdir()
    _build(home, tmp_path / "second")  # meets the other caches warm, which compile a few of their own
    warm, (used, compiled) = _build(home, tmp_path / "warm")
    # Served: all but the few whose text changes from process to process (pattern_cache._save).
    assert warm == cold and int(used) > 100 and int(compiled) <= 5
    kept.write_bytes(b"\x00not marshal")
    damaged, (used, compiled) = _build(home, tmp_path / "damaged")
    assert damaged == cold and used == "0"
    assert len(marshal.loads(kept.read_bytes())) > 100  # written again, whole
    off = tmp_path / "off-home"
    assert _build(off, tmp_path / "off", {"STUDY_GUIDE_TEMPLATE_CACHE": "0"})[0] == cold
    assert not (off / "study-guide-pipeline").exists()


def test_nothing_is_served_on_a_python_whose_compiler_was_not_read(monkeypatch):
    from re import _compiler

    before = _compiler.compile
    monkeypatch.setattr(pattern_cache, "SUPPORTED", set())
    monkeypatch.setattr(pattern_cache._Cache, "original", None)
    pattern_cache.install()
    assert _compiler.compile is before
