"""A batch: which manuscripts to build, reading, transforming and writing each in worker processes,
and the content-hash cache that skips what did not change.

May import: everything below it (model/ to volumes/ and shelf/ for the catalogue), never cli/.
"""
