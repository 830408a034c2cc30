"""Checking manuscripts (lint) and outputs (EPUBCheck, DAISY Ace, PDF structure).

May import: everything below cli/.
"""
