"""Grouping a sorted index under its initial letters, in any alphabet ("#" for what is not a letter)."""

from __future__ import annotations

import unicodedata


def group_by_letter(items: list[dict]) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for item in items:
        letter = unicodedata.normalize("NFKD", item["term"])[:1].upper()
        groups.setdefault(letter if letter.isalpha() else "#", []).append(item)
    return [{"heading": k, "entries": v} for k, v in groups.items()]
