"""Tests of pipeline.build: batches, workers, the cache, signals."""
