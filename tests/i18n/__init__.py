"""Tests of pipeline.i18n: labels, section names, fields, scripts, typography, collation."""
