"""A cover image drawn from the theme for guides whose manuscript brings none.

A text no installed face has the letters for is left off the image (it stays in the cover's alt
text and on the title page) and the build warns W-COVER-FONT, naming the Debian package to install.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from pipeline.files.user_cache import cached_marshal
from pipeline.model.diagnostics import Report
from pipeline.model.guide import Metadata
from pipeline.writers.cover.fonts import NoFace, cover_font, drawable, warn_unfaced
from pipeline.writers.cover.jpeg_rows import (
    QUALITY,
    ROW_PIXELS,
    SUBSAMPLING,
    RowJpeg,
    encode_repeating_rows,
    encode_rows,
    replace_rows,
    row_count,
)
from pipeline.writers.theme import Theme

# 1000x1500: above the 625x1000 Kindle minimum and sharp on 300 ppi e-ink, a third cheaper
# to encode than 1200x1800.
WIDTH, HEIGHT = 1000, 1500
S = WIDTH / 1200  # the layout below is drawn on a 1200-wide grid and scaled
# What Pillow raises when it cannot lay out or draw a text: raqm's "raqm_layout() failed", a font
# FreeType cannot render, an anchor it refuses. The cover is then drawn without that text.
_LAYOUT_ERRORS = (RuntimeError, OSError, ValueError)


def _wrap(text: str, font, width: int) -> list[str]:
    spaced = any(ch.isspace() for ch in text)
    words = text.split() if spaced else list(text)  # scripts without spaces wrap by character
    joiner = " " if spaced else ""
    # Each measure is a text layout (HarfBuzz shaping, about as dear as drawing the line), so the
    # common case is measured once: a text that fits whole is one line, as the loop below would
    # make it (every trial there is a start of the text, no wider than the whole).
    whole = joiner.join(words)
    if words and _length(font, whole) <= width:
        return [whole]
    lines: list[str] = []
    line = ""
    for word in words:
        trial = f"{line}{joiner}{word}" if line else word
        if not line or _length(font, trial) <= width:  # a line's first word is never measured
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


@lru_cache(maxsize=512)
def _length(font, text: str) -> float:
    """A text's advance width: a HarfBuzz layout each time, so cached (authors and the label
    recur across a library's covers, and a rebuilt guide measures its title again)."""
    return font.getlength(text)


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
    """The frame encoded once; each cover re-encodes only the rows its text is on. Kept in the
    user's cache between runs as well (encoding it was ~20 ms of a one-guide build), under a key of
    everything its bytes depend on: the colours, the size, the encoder's settings and versions."""
    from PIL import Image, __version__

    made_from = (
        background,
        accent,
        WIDTH,
        HEIGHT,
        QUALITY,
        SUBSAMPLING,
        ROW_PIXELS,
        __version__,
        getattr(Image.core, "jpeglib_version", None),
        getattr(Image.core, "libjpeg_turbo_version", None),
    )
    key = hashlib.sha256(repr(made_from).encode()).hexdigest()[:20]

    def encoded() -> tuple[bytes, tuple[bytes, ...]]:
        rows = encode_repeating_rows(_frame(background, accent))
        return rows.header, rows.rows

    def fits(found: object) -> bool:
        return (
            isinstance(found, tuple)
            and len(found) == 2
            and isinstance(found[0], bytes)
            and isinstance(found[1], tuple)
            and all(isinstance(row, bytes) for row in found[1])
        )

    header, rows = cached_marshal("covers", f"frame-{key}.marshal", encoded, fits)
    return RowJpeg(header, tuple(rows))


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


def one_line(text: str) -> str:
    """The text with every run of white space, line and paragraph separators included, one space.

    raqm (through FriBiDi) refuses a text holding a paragraph separator (a line feed, a carriage
    return, U+001C-U+001E, U+0085, U+2029) with "raqm_layout() failed": a year field continued on
    the next line brought one onto the cover. Each cover text is one line.
    """
    return " ".join(text.split())


def _layout(
    meta: Metadata,
    label: str,
    ink: str,
    accent: str,
    left_out: list[str] | None = None,
    unfaced: list[NoFace] | None = None,
) -> list[_Mark]:
    """Where the label, title, rule, author and year go on the 1200-wide grid, scaled.

    A text Pillow cannot lay out is left off (its name added to `left_out`), as is one no installed
    face has the letters for (added to `unfaced`); the rest still fit.
    """
    left_out = [] if left_out is None else left_out
    unfaced = [] if unfaced is None else unfaced
    margin = round(110 * S)
    marks: list[_Mark] = []
    label, title, author, year = map(
        one_line, (label, meta.title, ", ".join(meta.authors), meta.year_text or "")
    )
    try:
        kind_font = cover_font(meta.language, "sans", True, round(44 * S), label)
        marks.append(_text((WIDTH / 2, 330 * S), label.upper(), kind_font, accent))
    except NoFace as lacking:
        unfaced.append(lacking)
    except _LAYOUT_ERRORS:
        left_out.append("label")

    size = round((120 if len(title) < 20 else 96 if len(title) < 40 else 76) * S)
    title_marks: list[_Mark] = []
    y = 720 * S
    try:
        title_font = cover_font(meta.language, "serif", True, size, title)
        lines = _wrap(drawable(title, title_font), title_font, WIDTH - 2 * margin)[:6]
        y -= (len(lines) - 1) * size * 0.6
        for line in lines:
            title_marks.append(_text((WIDTH / 2, y), line, title_font, ink))
            y += size * 1.2
    except (NoFace, *_LAYOUT_ERRORS) as error:
        if isinstance(error, NoFace):
            unfaced.append(error)
        else:
            left_out.append("title")
        title_marks, y = [], 720 * S + size * 0.6  # the rule where it goes under a one-line title
    marks += title_marks
    rule_y = y + 30 * S
    half = round(5 * S) // 2 + 2
    marks.append(_Mark((WIDTH / 2, rule_y), "", None, accent, int(rule_y) - half, int(rule_y) + half + 1))

    try:
        if author:
            author_font = cover_font(meta.language, "sans", False, round(60 * S), author)
            shown = drawable(author, author_font)
            marks += [
                _text((WIDTH / 2, y + (130 + index * 75) * S), line, author_font, ink)
                for index, line in enumerate(_wrap(shown, author_font, WIDTH - 2 * margin)[:3])
            ]
    except NoFace as lacking:
        unfaced.append(lacking)
    except _LAYOUT_ERRORS:
        left_out.append("author")
    try:
        if year:
            year_font = cover_font(meta.language, "sans", False, round(48 * S), year)
            marks.append(_text((WIDTH / 2, HEIGHT - 260 * S), year, year_font, accent))
    except NoFace as lacking:
        unfaced.append(lacking)
    except _LAYOUT_ERRORS:
        left_out.append("year")
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

    JPEG, not PNG: a 1200x1800 PNG takes 60 ms to compress, a JPEG 8 ms, and at quality 86
    flat colours and large type show no artefacts an e-reader's screen could resolve. Only the
    rows with text on them are encoded per cover (see jpeg_rows). A text that cannot be laid out
    is left off the cover, with W-COVER-TEXT in `report`: a guide is never lost for its cover; one
    no installed face has the letters for, with W-COVER-FONT.
    """
    colours = theme.variables()
    ink = colours.get("cover-ink", "#fdfaf3")
    accent = colours.get("cover-accent", "#d9a441")
    background = colours.get("cover-background", "#1f3a4d")
    left_out: list[str] = []
    unfaced: list[NoFace] = []
    marks = _layout(meta, label, ink, accent, left_out, unfaced)
    try:
        jpeg = _drawn(background, accent, marks)
    except _LAYOUT_ERRORS:  # laid out but not drawn: the frame and rule alone
        left_out = ["text"]
        jpeg = _drawn(background, accent, [mark for mark in marks if mark.font is None])
    if left_out and report is not None:
        report.warn(
            "W-COVER-TEXT", f"the cover is drawn without its {' and '.join(left_out)}: no font lays it out"
        )
    if unfaced and report is not None:
        warn_unfaced(unfaced, report)
    return jpeg


def _drawn(background: str, accent: str, marks: list[_Mark]) -> bytes:
    jpeg = _frame_rows(background, accent)
    if len(jpeg.rows) != row_count(HEIGHT):  # a JPEG encoder without restart markers: draw it whole
        return _whole_cover(background, accent, marks)
    for first, stop in _bands(marks):
        top, bottom = first * ROW_PIXELS, min(stop * ROW_PIXELS, HEIGHT)
        drawn = tuple(mark for mark in marks if mark.bottom >= top and mark.top < bottom)
        jpeg = replace_rows(jpeg, first, _band_rows(background, accent, first, stop, drawn))
    return jpeg.join()


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
