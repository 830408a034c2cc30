"""The user's cache folder: made private, honoured switch, and a damaged entry is only a miss."""

from __future__ import annotations

import os
import stat

from pipeline.files.user_cache import CACHE_SWITCH, cached_marshal, user_cache_folder
from pipeline.i18n import language_data


def test_the_folder_is_made_under_xdg_cache_home_readable_by_its_user_only(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(CACHE_SWITCH, raising=False)
    folder = user_cache_folder("languages")
    assert folder == tmp_path / "study-guide-pipeline" / "languages"
    assert folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_switch_turns_it_off_and_an_unwritable_base_gives_none(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv(CACHE_SWITCH, "0")
    assert user_cache_folder("languages") is None
    monkeypatch.delenv(CACHE_SWITCH)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert user_cache_folder("languages") is None


def test_language_files_come_back_the_same_from_the_cache_and_a_damaged_entry_is_parsed_again(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(CACHE_SWITCH, raising=False)
    first = language_data.load_languages()
    entries = list((tmp_path / "study-guide-pipeline" / "languages").glob("*.marshal"))
    assert len(entries) == 1
    assert language_data.load_languages() == first  # read from the entry
    entries[0].write_bytes(b"\x00 not marshal")
    assert language_data.load_languages() == first  # parsed again, not crashed
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        assert stat.S_IMODE(entries[0].parent.stat().st_mode) == 0o700


def test_a_marshalled_value_is_made_once_and_remade_when_damaged_refused_or_caching_is_off(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(CACHE_SWITCH, raising=False)
    made = []

    def make():
        made.append(1)
        return {"kind": ["a", "b"], "n": len(made)}

    def fetch(fits=lambda value: isinstance(value, dict)):
        return cached_marshal("test-kind", "entry-1.marshal", make, fits)

    assert fetch() == {"kind": ["a", "b"], "n": 1}
    assert fetch() == {"kind": ["a", "b"], "n": 1} and len(made) == 1  # read from the entry
    entry = tmp_path / "study-guide-pipeline" / "test-kind" / "entry-1.marshal"
    assert not list(entry.parent.glob("*.part"))
    entry.write_bytes(b"\x00 not marshal")
    assert fetch()["n"] == 2  # a damaged entry is made again, and rewritten
    assert fetch()["n"] == 2
    assert fetch(lambda value: value["n"] > 2)["n"] == 3  # a refused entry is made again
    monkeypatch.setenv(CACHE_SWITCH, "0")
    assert fetch()["n"] == 4 and fetch()["n"] == 5
