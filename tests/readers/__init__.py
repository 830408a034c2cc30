"""Tests of pipeline.readers: from a manuscript's bytes to a normalised guide."""
