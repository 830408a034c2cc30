"""The faces a cover's texts are set in: the theme's, or an installed one for scripts it lacks.

A cover never draws a missing glyph: each text is set in a face with every letter of it (the book
face, else the face fontconfig picks for the language, else any installed face that has them all).
When no installed face has them, `cover_font` raises NoFace and the text is left off the image; a
symbol no face has (an emoji) is only dropped from its text (see `drawable`).
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

from pipeline.model.diagnostics import Report
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


class NoFace(Exception):
    """No installed face has every letter of a cover text; `letters` are those the chosen one lacks."""

    def __init__(self, text: str, letters: str) -> None:
        super().__init__(f"no installed face has {letters!r}")
        self.text, self.letters = text, letters


def cover_font(language: str, role: str, bold: bool, size: int, text: str):  # -> ImageFont
    """The face `text` is drawn in at `size`; NoFace when no installed face has all its letters."""
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
    have = _characters(str(path)) if path and missing else frozenset()
    if have and (lacking := _letters(missing - have)):  # empty: coverage unknown, trust the face
        # Any installed face with a glyph for every letter of the text (not only the lacking ones:
        # a Hangul face without Latin would box the rest).
        path = _covering_font(language, "".join(sorted(_letters(set(text)))))
        if path is None:
            raise NoFace(text, "".join(sorted(lacking)))
    return _load_font(str(path) if path else "", size)


def _letters(characters: set[str] | frozenset[str]) -> set[str]:
    """The characters a text cannot do without: letters, marks and digits (a symbol such as an
    emoji can be left out of a line; a letter cannot)."""
    return {ch for ch in characters if unicodedata.category(ch)[0] in "LMN"}


@lru_cache(maxsize=32)
def _covering_font(language: str, characters: str) -> str | None:
    """An installed face with a glyph for each of `characters` (fontconfig lists only those), the
    language's own first; None when there is none."""
    if not shutil.which("fc-list"):
        return None
    charset = ":charset=" + " ".join(f"{ord(ch):x}" for ch in characters)
    for pattern in (f":lang={_fontconfig_lang(language)}{charset}", charset):
        listed = subprocess.run(["fc-list", pattern, "file"], capture_output=True, text=True, check=False)
        files = sorted(
            line.strip().rstrip(":").strip() for line in listed.stdout.splitlines() if line.strip()
        )
        # fontconfig's answer is per face, and a collection's first face (the one we load) may
        # differ: check its character map.
        for file in files:
            if set(characters) <= _characters(file):
                return file
    return None


def _plain(text: str) -> bool:
    """Printable ASCII, which every text face draws: no need to read the font's character map
    (reading it costs more than drawing a whole cover, once per process)."""
    return text.isascii() and text.isprintable()


@lru_cache(maxsize=32)
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


def warn_unfaced(unfaced: list[NoFace], report: Report) -> None:
    """Say what the cover image leaves out, and which Debian package would let it be drawn."""
    texts = "; ".join(lacking.text for lacking in unfaced)
    # Imported here: only a cover that lacks a face needs the PDF writer's script table.
    from pipeline.writers.pdf.fonts import missing_fonts

    letters = "".join(dict.fromkeys("".join(lacking.letters for lacking in unfaced)))
    missing = missing_fonts(letters)
    scripts = ", ".join(dict.fromkeys(script for script, _ in missing))
    packages = sorted({package for _, package in missing} or {_package_for(letters)})
    cause = f"no installed font covers {scripts}" if scripts else f"no installed font has {letters!r}"
    report.warn(
        "W-COVER-FONT",
        f"the cover image leaves out {texts!r} (kept in its alt text and on the title page): "
        f"{cause}; install Debian's {' or '.join(packages)}",
    )


def _package_for(letters: str) -> str:
    """The Debian package whose faces have these letters, from their Unicode names: Noto CJK for
    Han, Hangul and kana; Noto's core set for every other script."""
    names = " ".join(unicodedata.name(ch, "") for ch in letters)
    return (
        "fonts-noto-cjk"
        if any(w in names for w in ("CJK", "HANGUL", "HIRAGANA", "KATAKANA"))
        else "fonts-noto-core"
    )
