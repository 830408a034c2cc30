"""Reading a built style sheet in tests: its rules, what a selector declares, WCAG contrast."""

from __future__ import annotations

import tinycss2


def rules(css: str) -> list[tuple[list[str], dict[str, str]]]:
    """(selectors, declarations) of every top-level style rule, later declarations winning."""
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        selectors = [" ".join(s.split()) for s in tinycss2.serialize(rule.prelude).split(",")]
        declarations = {
            d.lower_name: tinycss2.serialize(d.value).strip()
            for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
            if d.type == "declaration"
        }
        out.append((selectors, declarations))
    return out


def declared(css: str, selector: str) -> dict[str, str]:
    """What rules naming `selector` itself in their selector list declare, in cascade order."""
    merged: dict[str, str] = {}
    for selectors, declarations in rules(css):
        if selector in selectors:
            merged.update(declarations)
    return merged


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
