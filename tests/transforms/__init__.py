"""Tests of pipeline.transforms: anchors, the glossary, cross-links."""
