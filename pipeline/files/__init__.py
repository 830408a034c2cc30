"""Files in and out, safely: atomic writes (never a half-written output) and image bytes checked and
made inert. Shared by readers and writers, so it knows neither.

May import: model/.
"""
