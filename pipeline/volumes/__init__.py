"""Several guides as one volume (a collection): its EPUB, its PDF and its combined index.

May import: model/, i18n/, files/, transforms/, writers/.
"""
