"""Tests of pipeline.cli.commands: each command run in this process on its parsed arguments."""
