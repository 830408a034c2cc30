"""The PDF writer on WeasyPrint: its set-up and every workaround for its behaviour, the book's print
HTML, the index, footnote placement, and the one-sheet handout.

May import: model/, i18n/, files/, writers/ (shared parts).
"""
