"""The test suite: one folder per package of pipeline/, end_to_end/ for whole-pipeline runs.

Shared constants and plain helpers live in tests/helpers.py, skip markers in tests/needs.py;
conftest.py holds only fixtures and hooks."""
