"""Tests of the documentation that code points to (docs/)."""
