"""Everything the pipeline knows per language and script: the guide's own labels, section names in
each language, writing direction, quotation marks, index letters.

May import: model/.
"""
