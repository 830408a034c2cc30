"""Loading WeasyPrint (pipeline.writers.pdf.weasyprint_loader): its libraries by name without ctypes'
search, the usual import when that fails, and a WeasyPrint that cannot load failing each PDF, not
the batch."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from pipeline.build.batch import BuildOptions, build_all
from tests.helpers import MANUSCRIPTS, REPO


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "manuscripts"
    shutil.copytree(MANUSCRIPTS, folder)
    return folder


_LIBRARIES = (
    "from weasyprint.text import ffi\n"
    "names = ('gobject', 'pango', 'harfbuzz', 'harfbuzz_subset', 'harfbuzz_vector',\n"
    "         'fontconfig', 'pangoft2')\n"
    "print(sorted(n for n in names if getattr(ffi, n, None) is not None))\n"
)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the search skipped is ctypes' Linux one")
def test_weasyprint_loads_its_libraries_without_searching_for_them():
    """ctypes' search runs ldconfig, gcc and ld for each name the loader does not know (0.17 s)."""
    fast = (
        "import ctypes.util\n"
        "searched = []\n"
        "real = ctypes.util.find_library\n"
        "ctypes.util.find_library = lambda name: searched.append(name) or real(name)\n"
        "from pipeline.writers.pdf.weasyprint_loader import load_weasyprint\n"
        "load_weasyprint()\n"
        "print(searched)\n" + _LIBRARIES
    )
    usual = _LIBRARIES  # a plain import, search and all
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
        for code in (fast, usual)
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr[-2000:]
    searched, fast_libraries = runs[0].stdout.strip().splitlines()
    assert searched == "[]"
    assert fast_libraries == runs[1].stdout.strip()  # the very libraries the usual import loads
    assert "'pango'" in fast_libraries


def test_weasyprint_is_imported_the_usual_way_when_the_fast_way_fails(tmp_path):
    """A system whose libraries go by other names: the import is tried again, search included,
    and the help WeasyPrint prints on the failed attempt is not shown."""
    fake = tmp_path / "weasyprint"
    fake.mkdir()
    (fake / "__init__.py").write_text(
        "import ctypes.util, sys\n"
        "if ctypes.util.find_library('c') is None:\n"
        "    print('install help')\n"
        "    raise OSError('cannot load library')\n"
        "searched = True\n"
    )
    (fake / "text.py").write_text("")
    code = (
        f"import sys; sys.path.insert(0, {str(tmp_path)!r})\n"
        "import ctypes.util\n"
        "before = ctypes.util.find_library\n"
        "from pipeline.writers.pdf.weasyprint_loader import load_weasyprint\n"
        "load_weasyprint()\n"
        "import weasyprint\n"
        "print(weasyprint.searched, ctypes.util.find_library is before)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "True True"


@pytest.mark.skipif(sys.platform == "win32", reason="workers are forked (POSIX)")
def test_a_weasyprint_that_cannot_load_fails_each_pdf_not_the_batch(library, tmp_path, monkeypatch):
    import pipeline.writers.pdf.book  # noqa: F401 - imported first, or it binds the broken loader for good
    import pipeline.writers.pdf.weasyprint_loader as loader

    def broken() -> None:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(loader, "load_weasyprint", broken)
    monkeypatch.setattr("pipeline.writers.pdf.engine.load_weasyprint", broken)
    out = tmp_path / "out"
    outcomes = build_all([library], BuildOptions(formats=("pdf",), out_dir=out, jobs=2, use_cache=False))
    assert len(outcomes) == len(list(library.iterdir())) >= 2
    assert all(o.failed and "libpango" in o.reason for o in outcomes), [o.reason for o in outcomes]
    assert not list(out.rglob("*.pdf"))
