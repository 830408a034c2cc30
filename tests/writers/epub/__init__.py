"""Tests of pipeline.writers.epub."""
