"""Tests of pipeline.shelf: the OPDS catalogue and the server."""
