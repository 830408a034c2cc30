"""Ordered, named passes Guide -> Guide after reading: anchors, glossary, cross-links.

May import: model/, i18n/.
"""
