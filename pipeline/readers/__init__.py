"""Bytes and text to a Guide: decoding, dialect detection, markdown-it parsing, and normalising into
the model (metadata, sections, entries). Readers know nothing of writers.

May import: model/, i18n/, files/.
"""
