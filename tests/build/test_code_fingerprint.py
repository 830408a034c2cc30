"""The code fingerprint in every cache key covers what makes an output: code, templates and the
language data files (a changed section name changes guides), and nothing that is only bytecode; a
build without a cache does not hash it at all."""

from __future__ import annotations

from pathlib import Path

from pipeline.build import cache


def test_the_fingerprint_reads_the_language_files_and_templates_but_no_bytecode():
    files = cache.code_files(cache.PIPELINE_DIR)
    names = {p.relative_to(cache.PIPELINE_DIR).as_posix() for p in files}
    assert "i18n/languages/en.toml" in names
    assert {p.name for p in (cache.PIPELINE_DIR / "i18n" / "languages").glob("*.toml")} <= {
        Path(n).name for n in names
    }
    assert any(n.startswith("writers/templates/") and n.endswith(".jinja") for n in names)
    assert "build/cache.py" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert files == cache.code_files(cache.PIPELINE_DIR)  # the same order every time


def test_editing_a_language_file_changes_the_fingerprint(tmp_path, monkeypatch):
    package = tmp_path / "pipeline"
    (package / "i18n" / "languages").mkdir(parents=True)
    (package / "guide.py").write_text("X = 1\n")
    language = package / "i18n" / "languages" / "en.toml"
    language.write_text('[language]\ntag = "en"\nnames = ["english"]\n')
    monkeypatch.setattr(cache, "PIPELINE_DIR", package)
    before = cache._fingerprint.__wrapped__(())
    language.write_text('[language]\ntag = "en"\nnames = ["english", "anglais"]\n')
    assert cache._fingerprint.__wrapped__(()) != before


def test_only_a_build_with_a_cache_hashes_the_code(tmp_path, monkeypatch):
    from pipeline.build import batch
    from tests.helpers import MANUSCRIPTS

    taken: list[Path] = []

    def counted(theme_folder: Path) -> str:
        taken.append(theme_folder)
        return cache.code_fingerprint(theme_folder)

    monkeypatch.setattr(batch, "code_fingerprint", counted)
    dracula = [MANUSCRIPTS / "dracula.md"]
    uncached = batch.BuildOptions(formats=("epub",), out_dir=tmp_path / "a", jobs=1, use_cache=False)
    assert not any(o.failed for o in batch.build_all(dracula, uncached))
    assert taken == []  # --no-cache: nothing to key, so the code is not read and hashed
    cached = batch.BuildOptions(formats=("epub",), out_dir=tmp_path / "b", jobs=1)
    assert not any(o.failed for o in batch.build_all(dracula, cached))
    assert len(taken) == 1
    assert (tmp_path / "b" / ".cache" / "manifest.json").is_file()
