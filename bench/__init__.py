"""The benchmark: our pipeline against pandoc and pandoc + WeasyPrint (`bench/run.py`; see README.md)."""
