"""Study-guide publishing pipeline: Markdown summaries -> EPUB study guides and print-ready PDFs."""

__version__ = "0.1.0"
