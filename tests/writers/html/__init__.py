"""Tests of pipeline.writers.html."""
