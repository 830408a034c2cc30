"""Tests of pipeline.cli: the command line, its configuration and its commands."""
