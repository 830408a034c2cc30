"""The one typed model every stage meets at: the Guide (frozen dataclasses: no HTML, no markdown-it
objects), source locations, diagnostics, and pure queries over a guide (walking blocks, plain text,
the summary's excerpt).

May import: the standard library only (and other modules of model/).
"""
