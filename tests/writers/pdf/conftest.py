"""Fixtures of the print tests: the shipped guides and a Chinese one, printed once per session."""

from __future__ import annotations

import pytest

from pipeline.build.batch import BuildOptions, build_all
from tests.writers.pdf.pages import CHINESE, MANUSCRIPTS


@pytest.fixture(scope="session")  # one printing for every module that reads it
def printed(tmp_path_factory):
    out = tmp_path_factory.mktemp("print")
    outcomes = build_all([*MANUSCRIPTS, CHINESE], BuildOptions(formats=("pdf", "handout"), out_dir=out))
    assert not [o for o in outcomes if o.failed], [(o.source, o.reason) for o in outcomes if o.failed]
    return out
