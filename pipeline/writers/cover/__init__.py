"""The cover image: the title set on the theme's frame, encoded as JPEG row by row.

May import: model/, i18n/, writers/theme and writers/pdf/fonts (the package a script's faces come in).
"""
