"""The faces a cover's texts are set in: the theme's, or an installed one for scripts it lacks."""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from pipeline.writers.theme import font_file


@lru_cache(maxsize=16)
def _fallback_font(language: str, character: str) -> str | None:
    """An installed font for the language (with a glyph for `character` when one is given), in
    the language's style where several fit (Simplified or Traditional Chinese forms)."""
    if not shutil.which("fc-match"):
        return None
    charset = f":charset={ord(character):x}" if character else ""
    result = subprocess.run(
        [
            "fc-match",
            f"sans-serif:lang={_fontconfig_lang(language)}{charset}",
            "-f",
            "%{file}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or None


def _fontconfig_lang(language: str) -> str:
    """BCP 47 to fontconfig's language names: it knows "zh-cn" and "zh-tw", not "zh-Hans"."""
    tag = language.lower()
    if tag.startswith("zh"):
        return "zh-tw" if any(part in tag for part in ("hant", "-tw", "-hk", "-mo")) else "zh-cn"
    return tag.split("-")[0]


def cover_font(language: str, role: str, bold: bool, size: int, text: str):  # -> ImageFont
    path: Path | str | None = font_file(role, bold)
    # The book faces cover Latin, Greek and Cyrillic; Arabic, Hebrew, Devanagari or CJK text
    # would be drawn as empty boxes, so any character they lack sends us to an installed font.
    if path and _plain(text):
        missing: set[str] = set()
    else:
        missing = set(text.replace(" ", "")) - (_characters(str(path)) if path else set())
    fallback = _fallback_font(language, "") if missing else None
    if fallback and not missing & _characters(fallback):
        # Rarely needed (the language's face lacks it, as with an emoji): one fontconfig call per
        # character, so the common case stays one call per language and process.
        fallback = _fallback_font(language, min(missing))
    # Only when the installed font draws some of what is missing: an emoji neither face has is
    # left out (see _drawable) rather than setting the whole title in another face.
    covered = _characters(fallback) if fallback else frozenset()
    if fallback and (path is None or not covered or missing & covered):  # unknown coverage: try it
        path = fallback
    return _load_font(str(path) if path else "", size)


def _plain(text: str) -> bool:
    """Printable ASCII, which every text face draws: no need to read the font's character map
    (reading it costs more than drawing a whole cover, once per process)."""
    return text.isascii() and text.isprintable()


@lru_cache(maxsize=8)
def _characters(path: str) -> frozenset[str]:
    """The characters a font file has glyphs for (its best cmap), read once per process."""
    from fontTools.ttLib import TTFont

    try:
        # fontNumber: installed CJK faces come as collections (.ttc); their first face will do.
        with TTFont(path, lazy=True, fontNumber=0) as font:
            return frozenset(chr(code) for code in font.getBestCmap() or {})
    except Exception:  # a format fontTools cannot read: treat it as covering nothing we can check
        return frozenset()


@lru_cache(maxsize=64)
def _load_font(path: str, size: int):
    """Fonts are parsed once per process: loading a TrueType file costs more than drawing with it."""
    from PIL import ImageFont

    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)


def drawable(text: str, font) -> str:
    """The text without characters its font has no glyph for: an emoji no face covers would be
    drawn as an empty box."""
    path = getattr(font, "path", "")
    covered = _characters(str(path)) if path and not _plain(text) else frozenset()
    if not covered:
        return text
    return " ".join("".join(ch for ch in text if ch in covered or ch.isspace()).split()) or text
