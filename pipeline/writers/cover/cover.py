"""A cover image drawn from the theme for guides whose manuscript brings none.

A cover never draws a missing glyph: each line is set in a face that has every letter of it (the
book face, else an installed face fontconfig finds for the language or for those very characters).
When no installed face has them, the line is left off the image (it stays in the cover's alt text
and on the title page) and the build warns W-COVER-FONT, naming the Debian package to install.
A symbol no face has (an emoji) is only dropped from its line, which is drawn without it.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.model.diagnostics import Report
from pipeline.model.guide import Metadata
from pipeline.writers.cover.jpeg_rows import (
    ROW_PIXELS,
    RowJpeg,
    encode_repeating_rows,
    encode_rows,
    replace_rows,
    row_count,
)
from pipeline.writers.pdf.fonts import missing_fonts
from pipeline.writers.theme import Theme, font_file

# 1000x1500: above the 625x1000 Kindle minimum and sharp on 300 ppi e-ink, a third cheaper
# to encode than 1200x1800.
WIDTH, HEIGHT = 1000, 1500
S = WIDTH / 1200  # the layout below is drawn on a 1200-wide grid and scaled


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


def _font(language: str, role: str, bold: bool, size: int, text: str):  # -> ImageFont
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
    if missing and _letters(missing - (_characters(str(path)) if path else frozenset())):
        # Still letters the face lacks: any installed face with a glyph for every one of them.
        path = _covering_font(language, "".join(sorted(_letters(missing))))
        if path is None:
            return None
    return _load_font(str(path) if path else "", size)


def _letters(characters: set[str] | frozenset[str]) -> set[str]:
    """The characters a line cannot do without: letters, marks and digits (a symbol such as an
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
        result = subprocess.run(["fc-list", pattern, "file"], capture_output=True, text=True, check=False)
        files = sorted(line.strip().rstrip(":").strip() for line in result.stdout.splitlines())
        # fontconfig's list is complete but coarse (a collection's faces differ): check the cmap.
        for file in files:
            if file and set(characters) <= _characters(file):
                return file
    return None


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


def _drawable(text: str, font) -> str:
    """The text without characters its font has no glyph for: an emoji no face covers would be
    drawn as an empty box."""
    path = getattr(font, "path", "")
    covered = _characters(str(path)) if path and not _plain(text) else frozenset()
    if not covered:
        return text
    return " ".join("".join(ch for ch in text if ch in covered or ch.isspace()).split()) or text


def _wrap(text: str, font, width: int) -> list[str]:
    spaced = any(ch.isspace() for ch in text)
    words = text.split() if spaced else list(text)  # scripts without spaces wrap by character
    joiner = " " if spaced else ""
    lines: list[str] = []
    line = ""
    for word in words:
        trial = f"{line}{joiner}{word}" if line else word
        if font.getlength(trial) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


@lru_cache(maxsize=8)
def _frame(background: str, accent: str):  # -> Image
    """The theme's background and border, drawn once per process: every cover starts from it."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    margin, inset = round(110 * S), round(40 * S)
    ImageDraw.Draw(image).rectangle(
        [margin - inset, margin - inset, WIDTH - margin + inset, HEIGHT - margin + inset],
        outline=accent,
        width=round(6 * S),
    )
    return image


@lru_cache(maxsize=8)
def _frame_rows(background: str, accent: str) -> RowJpeg:
    """The frame encoded once per process; each cover re-encodes only the rows its text is on."""
    return encode_repeating_rows(_frame(background, accent))


@dataclass(frozen=True, slots=True)
class _Mark:
    """One thing drawn on the cover: a line of text, or a rule when `font` is None."""

    xy: tuple[float, float]
    text: str
    font: object | None
    fill: str
    top: int  # the pixel rows it may touch, antialiasing included
    bottom: int

    def draw(self, draw, dy: int) -> None:
        x, y = self.xy
        if self.font is None:
            draw.line([x - 120 * S, y + dy, x + 120 * S, y + dy], fill=self.fill, width=round(5 * S))
        else:
            draw.text((x, y + dy), self.text, font=self.font, fill=self.fill, anchor="mm")


def _text(xy: tuple[float, float], text: str, font, fill: str) -> _Mark:
    top, bottom = _vertical_extent(font, text)
    return _Mark(xy, text, font, fill, int(xy[1] + top) - 2, int(xy[1] + bottom) + 3)


@lru_cache(maxsize=256)
def _vertical_extent(font, text: str) -> tuple[float, float]:
    """How far the text's ink reaches above and below its centre line (a text layout, so cached:
    the label, and often the author and year, are the same on many covers)."""
    _, top, _, bottom = font.getbbox(text, anchor="mm")
    return top, bottom


def _layout(
    meta: Metadata, label: str, ink: str, accent: str, undrawn: list[str] | None = None
) -> list[_Mark]:
    """Where the label, title, rule, author and year go on the 1200-wide grid, scaled. A text no
    installed face can draw is left off and added to `undrawn`."""
    undrawn = [] if undrawn is None else undrawn
    margin = round(110 * S)
    marks = []
    kind_font = _font(meta.language, "sans", True, round(44 * S), label)
    if kind_font is None:
        undrawn.append(label)
    else:
        marks.append(_text((WIDTH / 2, 330 * S), label.upper(), kind_font, accent))

    size = round((120 if len(meta.title) < 20 else 96 if len(meta.title) < 40 else 76) * S)
    title_font = _font(meta.language, "serif", True, size, meta.title)
    lines = _wrap(_drawable(meta.title, title_font), title_font, WIDTH - 2 * margin)[:6] if title_font else []
    if title_font is None:
        undrawn.append(meta.title)
    y = 720 * S - (len(lines) - 1) * size * 0.6
    for line in lines:
        marks.append(_text((WIDTH / 2, y), line, title_font, ink))
        y += size * 1.2
    rule_y = y + 30 * S
    half = round(5 * S) // 2 + 2
    marks.append(_Mark((WIDTH / 2, rule_y), "", None, accent, int(rule_y) - half, int(rule_y) + half + 1))

    author = ", ".join(meta.authors)
    if author:
        author_font = _font(meta.language, "sans", False, round(60 * S), author)
        if author_font is None:
            undrawn.append(author)
        else:
            shown = _drawable(author, author_font)
            for index, line in enumerate(_wrap(shown, author_font, WIDTH - 2 * margin)[:3]):
                marks.append(_text((WIDTH / 2, y + (130 + index * 75) * S), line, author_font, ink))
    if meta.year_text:
        year_font = _font(meta.language, "sans", False, round(48 * S), meta.year_text)
        if year_font is None:
            undrawn.append(meta.year_text)
        else:
            marks.append(_text((WIDTH / 2, HEIGHT - 260 * S), meta.year_text, year_font, accent))
    return marks


def _bands(marks: list[_Mark]) -> list[tuple[int, int]]:
    """Runs of MCU rows (first, last + 1) that some mark touches."""
    touched = sorted(
        {
            row
            for mark in marks
            for row in range(max(mark.top, 0) // ROW_PIXELS, min(mark.bottom, HEIGHT - 1) // ROW_PIXELS + 1)
        }
    )
    bands: list[tuple[int, int]] = []
    for row in touched:
        if bands and bands[-1][1] == row:
            bands[-1] = (bands[-1][0], row + 1)
        else:
            bands.append((row, row + 1))
    return bands


def cover_image(meta: Metadata, theme: Theme, label: str, report: Report | None = None) -> bytes:
    """Draw title, author and the theme's colours into a JPEG; deterministic for the same input.
    A text no installed face can draw is left off, with a W-COVER-FONT warning in `report`.

    JPEG, not PNG: a 1200x1800 PNG takes 60 ms to compress, a JPEG 8 ms, and at quality 86
    flat colours and large type show no artefacts an e-reader's screen could resolve. Only the
    rows with text on them are encoded per cover (see jpeg_rows).
    """
    colours = theme.variables()
    ink = colours.get("cover-ink", "#fdfaf3")
    accent = colours.get("cover-accent", "#d9a441")
    background = colours.get("cover-background", "#1f3a4d")
    undrawn: list[str] = []
    marks = _layout(meta, label, ink, accent, undrawn)
    if undrawn and report is not None:
        warn_undrawn(undrawn, report)
    jpeg = _frame_rows(background, accent)
    if len(jpeg.rows) != row_count(HEIGHT):  # a JPEG encoder without restart markers: draw it whole
        return _whole_cover(background, accent, marks)
    for first, stop in _bands(marks):
        top, bottom = first * ROW_PIXELS, min(stop * ROW_PIXELS, HEIGHT)
        drawn = tuple(mark for mark in marks if mark.bottom >= top and mark.top < bottom)
        jpeg = replace_rows(jpeg, first, _band_rows(background, accent, first, stop, drawn))
    return jpeg.join()


def warn_undrawn(texts: list[str], report: Report) -> None:
    """Say what the cover image leaves out, and which package would let it be drawn."""
    shown = "; ".join(texts)
    missing = missing_fonts(" ".join(texts))
    packages = sorted({package for _, package in missing})
    scripts = ", ".join(dict.fromkeys(script for script, _ in missing))
    cause = f"no installed font covers {scripts}" if scripts else "no installed font has its letters"
    remedy = " or ".join(packages) if packages else "fonts-noto-core or fonts-noto-cjk"
    report.warn("W-COVER-FONT", f"the cover image leaves out {shown!r}: {cause}; install Debian's {remedy}")


def _whole_cover(background: str, accent: str, marks: list[_Mark]) -> bytes:
    from PIL import ImageDraw

    image = _frame(background, accent).copy()
    draw = ImageDraw.Draw(image)
    for mark in marks:
        mark.draw(draw, 0)
    return encode_rows(image).join()


@lru_cache(maxsize=64)
def _band_rows(background: str, accent: str, first: int, stop: int, marks: tuple[_Mark, ...]) -> RowJpeg:
    """One band of rows with its marks drawn, encoded. Cached: the label is the same on every
    cover of a language, and a library holds several guides by one author or from one year."""
    from PIL import ImageDraw

    top, bottom = first * ROW_PIXELS, min(stop * ROW_PIXELS, HEIGHT)
    band = _frame(background, accent).crop((0, top, WIDTH, bottom))
    draw = ImageDraw.Draw(band)
    for mark in marks:
        mark.draw(draw, -top)
    return encode_rows(band)
