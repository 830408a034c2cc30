"""Everything the pipeline knows per language and script: the guide's own labels, section names,
metadata field names and value words, byline words, language names, letter folding, scripts,
writing direction, quotation marks, index letters. Readers and writers hold no word lists of their
own.

May import: model/, files/ (the user cache of parsed language files).
"""
