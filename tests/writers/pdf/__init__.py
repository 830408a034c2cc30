"""Tests of pipeline.writers.pdf."""
