"""Compiled templates kept between runs: used when sound, ignored when damaged or unwritable."""

from __future__ import annotations

import jinja2
import pytest

from pipeline.files.user_cache import CACHE_SWITCH
from pipeline.writers import render

CONTEXT = {
    "image_href": "images/cover.jpg",
    "alt": "Cover: Dracula, Bram Stoker",
    "width": 1600,
    "height": 2560,
}


def _fresh_environment() -> jinja2.Environment:
    return render.environment.__wrapped__()  # a new process's environment, not this process's


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(CACHE_SWITCH, raising=False)
    return tmp_path / "cache" / "study-guide-pipeline" / "templates"


def _render(environment: jinja2.Environment) -> str:
    return environment.get_template("epub_cover.xhtml.jinja").render(**CONTEXT)


def test_a_second_process_renders_from_the_cache_without_compiling(cache_home, monkeypatch):
    expected = _render(_fresh_environment())
    assert list(cache_home.glob("*.cache"))

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled a template the cache holds")

    monkeypatch.setattr(jinja2.Environment, "compile", no_compiling)
    assert _render(_fresh_environment()) == expected


def test_a_damaged_entry_is_compiled_again(cache_home):
    expected = _render(_fresh_environment())
    for entry in cache_home.glob("*.cache"):
        entry.write_bytes(entry.read_bytes()[:40])  # cut off mid-way, as by a full disk
    assert _render(_fresh_environment()) == expected


def test_no_usable_cache_folder_means_no_cache_and_the_same_page(tmp_path, monkeypatch):
    expected = _render(_fresh_environment())
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert render.template_cache() is None
    assert _render(_fresh_environment()) == expected
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fine"))
    monkeypatch.setenv(CACHE_SWITCH, "0")
    assert render.template_cache() is None


def test_other_compile_options_never_meet_entries_compiled_with_ours(cache_home, monkeypatch):
    _render(_fresh_environment())
    ours = {entry.name.split("-")[0] for entry in cache_home.glob("*.cache")}
    monkeypatch.setattr(render, "_OPTIONS", {**render._OPTIONS, "trim_blocks": False})
    _render(_fresh_environment())
    assert len({entry.name.split("-")[0] for entry in cache_home.glob("*.cache")} - ours) == 1
