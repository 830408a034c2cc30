"""The PDF writer on WeasyPrint.

engine: WeasyPrint's set-up (import, logging, fonts, theme stylesheets), layout and writing.
book and index: the guide's print HTML and build_pdf; the index laid out after the book.
handout and overview: the one-sheet classroom handout.
fetcher and fonts: what a document may load; which scripts no installed font covers.
Workarounds for WeasyPrint's behaviour, each named in its module's docstring: weasyprint_loader,
print_html, early_breaks, footnotes, index_columns, one_pass_columns, contents (and the font
configuration's, in engine).

May import: model/, i18n/, files/, writers/ (shared parts).
"""
