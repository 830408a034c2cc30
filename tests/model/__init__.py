"""Tests of pipeline.model: the frozen guide and the text, walk and excerpt helpers."""
