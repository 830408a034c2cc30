"""Tests of pipeline.writers.cover."""
