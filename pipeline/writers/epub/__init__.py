"""The EPUB 3 writer on ebooklib.

book: build_epub, and write_book, which writes any planned book (a BookPlan: a guide's or a volume's).
pages: the documents of a guide's sections, its table of contents, the shell of every document.
package: the package metadata (BookInfo) and the accessibility claims.
documents and ocf_zip: ebooklib's classes kept to our bytes; the container's ZIP written directly.

May import: model/, i18n/, files/, writers/ (shared parts and cover/).
"""
