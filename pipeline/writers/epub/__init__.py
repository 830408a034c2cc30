"""The EPUB 3 writer: pages, package metadata, navigation, and the OCF ZIP container.

May import: model/, i18n/, files/, writers/ (shared parts and cover/).
"""
