"""Tests of pipeline.volumes: collections of guides in one EPUB or PDF."""
