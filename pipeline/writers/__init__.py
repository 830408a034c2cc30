"""A Guide to outputs: EPUB (epub/), PDF and handouts (pdf/), the HTML preview (html/), the cover
(cover/), plus what they share: XHTML fragments, Jinja page shells, the CSS theme. Writers know
nothing of readers.

May import: model/, i18n/, files/, and each other's public names.
"""
