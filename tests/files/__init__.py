"""Tests of pipeline.files: atomic writes, images, typed JSON."""
