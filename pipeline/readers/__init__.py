"""Bytes and text to a Guide: decoding (Word files through mammoth), dialect detection, markdown-it
parsing, HTML read into the model, and normalising into the model (metadata, sections, entries).
Readers know nothing of writers.

May import: model/, i18n/, files/.
"""
