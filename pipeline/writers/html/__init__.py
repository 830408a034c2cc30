"""The HTML preview `watch` rebuilds on every save.

May import: model/, i18n/, files/, writers/ (shared parts).
"""
