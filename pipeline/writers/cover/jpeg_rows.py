"""Baseline JPEGs built row by row: a fixed background encoded once, only changed rows re-encoded.

Every cover is the same frame with a few lines of text on it. Encoded with a restart marker after
each row of MCUs, a JPEG's rows are independent: the DC prediction starts over at each marker,
and with the same quality, subsampling and standard Huffman tables an MCU row's bytes depend on
its pixels alone. So a cover is the frame's cached rows with the few rows that hold text encoded
afresh and put in their place; the result is the very bytes a whole-image encode would give
(tests/writers/cover/test_cover.py checks that), at a third of the cost.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

QUALITY = 86
# 4:2:0 chroma subsampling: an MCU is 16x16 pixels, so a row of MCUs is 16 pixel rows.
SUBSAMPLING = 2
ROW_PIXELS = 16
_RESTART = re.compile(rb"\xff[\xd0-\xd7]")
_EOI = b"\xff\xd9"


@dataclass(frozen=True, slots=True)
class RowJpeg:
    """A JPEG cut at its restart markers: the headers, then one entropy-coded segment per MCU row."""

    header: bytes
    rows: tuple[bytes, ...]

    def join(self) -> bytes:
        parts = [self.header]
        for index, row in enumerate(self.rows):
            if index:
                parts.append(bytes((0xFF, 0xD0 + (index - 1) % 8)))
            parts.append(row)
        parts.append(_EOI)
        return b"".join(parts)


def encode_rows(image) -> RowJpeg:  # image: PIL.Image.Image in RGB
    """Encode with a restart marker after every MCU row and cut the result there."""
    buffer = io.BytesIO()
    # Told the format, Pillow first imports its BMP, GIF, JPEG, PPM and PNG plugins (5 ms of a
    # one-guide build); a buffer named *.jpg gets the JPEG plugin alone (older Pillows load them
    # all, as before). The same encoder writes the same bytes; the name is not written.
    buffer.name = "rows.jpg"
    image.save(buffer, quality=QUALITY, subsampling=SUBSAMPLING, restart_marker_rows=1)
    return split_rows(buffer.getvalue())


def encode_repeating_rows(image) -> RowJpeg:  # image: PIL.Image.Image in RGB
    """encode_rows for an image whose MCU rows repeat (the cover's frame: plain background, a
    border): each distinct row is encoded once, in a short image, and the full image's header is
    that image's with the height put right. The same bytes as encode_rows, in a fifth of the time."""
    from PIL import Image

    width, height = image.size
    count = row_count(height)
    kinds: dict[bytes, int] = {}  # a row's pixels -> its kind; only one row of each kind is kept
    firsts = []
    row_kinds = []
    for row in range(count - 1):
        band = image.crop((0, row * ROW_PIXELS, width, (row + 1) * ROW_PIXELS))
        kind = kinds.setdefault(band.tobytes(), len(firsts))
        if kind == len(firsts):
            firsts.append(band)
        row_kinds.append(kind)
    # The last row may be short, and the encoder pads a short row: it stays its own and comes last.
    last = image.crop((0, (count - 1) * ROW_PIXELS, width, height))
    short = Image.new(image.mode, (width, len(firsts) * ROW_PIXELS + last.height))
    for index, band in enumerate(firsts):
        short.paste(band, (0, index * ROW_PIXELS))
    short.paste(last, (0, len(firsts) * ROW_PIXELS))
    encoded = encode_rows(short)
    rows = (*(encoded.rows[kind] for kind in row_kinds), encoded.rows[-1])
    return RowJpeg(_with_height(encoded.header, height), rows)


def _with_height(header: bytes, height: int) -> bytes:
    """The headers with the frame's height (in its start-of-frame segment) set to `height`."""
    position = 2
    while position < len(header):
        marker, length = header[position + 1], int.from_bytes(header[position + 2 : position + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):  # start of frame: precision, then height and width
            at = position + 5
            return header[:at] + height.to_bytes(2, "big") + header[at + 2 :]
        position += 2 + length
    raise ValueError("no start-of-frame segment")


def split_rows(data: bytes) -> RowJpeg:
    """The headers up to the end of the start-of-scan segment, and the scan cut at restart markers."""
    position = 2  # after SOI
    while True:
        if data[position] != 0xFF:
            raise ValueError("not a baseline JPEG: a marker was expected")
        marker = data[position + 1]
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        position += 2 + length
        if marker == 0xDA:  # start of scan: the entropy-coded data follows
            break
    if not data.endswith(_EOI):
        raise ValueError("not a whole JPEG: no end-of-image marker")
    # Inside entropy-coded data a 0xFF byte is always followed by 0x00 (stuffing), so a 0xFF
    # followed by D0-D7 is a restart marker and nothing else.
    rows = tuple(_RESTART.split(data[position : -len(_EOI)]))
    return RowJpeg(data[:position], rows)


def row_count(height: int) -> int:
    return -(-height // ROW_PIXELS)


def replace_rows(base: RowJpeg, first_row: int, band: RowJpeg) -> RowJpeg:
    """`base` with its rows from `first_row` on replaced by the rows of `band` (same width)."""
    rows = list(base.rows)
    if first_row + len(band.rows) > len(rows):
        raise ValueError("the band runs past the image")
    rows[first_row : first_row + len(band.rows)] = band.rows
    return RowJpeg(base.header, tuple(rows))
