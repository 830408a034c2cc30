"""Tests of pipeline.writers: XHTML, templates, themes and each output format."""
