"""Tests of pipeline.checks: lint and the output checks."""
