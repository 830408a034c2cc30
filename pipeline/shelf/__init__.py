"""The shelf: an OPDS catalogue and library page of output/, and the server that shares it.

May import: model/, files/, writers/ (templates and theme).
"""
