"""The output folder is refused before any work when a file stands in its way; OS errors are one line."""

from __future__ import annotations

import pytest

from pipeline.cli.folders import output_folder
from pipeline.files.names import os_error_line
from pipeline.model.diagnostics import UsageError


def test_an_output_folder_that_is_a_file_or_lies_in_one_is_a_usage_error(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file")
    with pytest.raises(UsageError, match="is a file"):
        output_folder(blocker)
    with pytest.raises(UsageError, match="which is a file"):
        output_folder(blocker / "deeper")
    assert output_folder(tmp_path / "fresh" / "out") == tmp_path / "fresh" / "out"


def test_an_os_error_is_the_file_and_the_cause():
    assert os_error_line(PermissionError(13, "Permission denied", "out/opds.xml")) == (
        "out/opds.xml: Permission denied"
    )
    assert os_error_line(OSError(18, "Invalid cross-device link", "a", None, "b")) == (
        "a -> b: Invalid cross-device link"
    )
