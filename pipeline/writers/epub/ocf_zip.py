"""The EPUB container's ZIP, written directly: pinned timestamps, media stored, shared parts deflated once.

zipfile does more than an EPUB needs and costs a third of the packaging time per guide: it deflates
JPEGs and PNGs that do not shrink, compresses the same theme CSS again for every guide, and seeks
back over each local header. This writer makes the same OCF container EPUBCheck expects (the
`mimetype` entry first and stored, no extra fields) in one forward pass.
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

# Already compressed: deflating them again costs time and saves nothing.
_STORED_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".woff", ".woff2", ".mp3", ".mp4")
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_MADE_BY = (3 << 8) | 20  # Unix (the external attributes are Unix permissions), ZIP 2.0
_UTF8_NAME = 0x800  # general purpose flag: the file name is UTF-8
_LIMIT = 0xFFFFFFFF  # no ZIP64: an EPUB part of 4 GB is not a study guide


def _deflated(data: bytes) -> bytes:
    """Raw deflate (level 6, what zipfile uses). Small parts are cached, since every guide carries
    the same CSS and container; large ones are not, so a long-lived process holds no big copies."""
    return _deflated_small(data) if len(data) <= _CACHED_SIZE else _deflate(data)


_CACHED_SIZE = 64 * 1024


@lru_cache(maxsize=32)
def _deflated_small(data: bytes) -> bytes:
    return _deflate(data)


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _dos_time(date_time: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


class OcfZip:
    """A write-only ZIP with the interface ebooklib's writer uses: writestr() and close()."""

    def __init__(self, path: str | Path, date_time: tuple[int, int, int, int, int, int]) -> None:
        self._file: BinaryIO = open(path, "wb")  # noqa: SIM115 - closed in close()
        self._time, self._date = _dos_time(max(date_time, (1980, 1, 1, 0, 0, 0)))
        self._central: list[bytes] = []
        self._offset = 0

    def writestr(self, name: str, data: str | bytes, compress_type: int | None = None) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        stored = name == "mimetype" or name.lower().endswith(_STORED_SUFFIXES)
        payload = raw if stored else _deflated(raw)
        if len(raw) > _LIMIT or self._offset > _LIMIT:
            raise ValueError(f"{name}: too large for a ZIP without ZIP64")
        encoded_name = name.encode("utf-8")
        flags = 0 if encoded_name.isascii() else _UTF8_NAME
        method = 0 if stored else 8
        # The fields the local header and the central directory entry share, in their order.
        shared = (20, flags, method, self._time, self._date, zlib.crc32(raw), len(payload), len(raw))
        header = _LOCAL.pack(b"PK\x03\x04", *shared, len(encoded_name), 0)
        self._file.write(header + encoded_name)
        self._file.write(payload)
        # No extra field or comment, disk 0, no internal attributes, Unix permissions 0644.
        entry = _CENTRAL.pack(
            b"PK\x01\x02", _MADE_BY, *shared, len(encoded_name), 0, 0, 0, 0, 0o644 << 16, self._offset
        )
        self._central.append(entry + encoded_name)
        self._offset += len(header) + len(encoded_name) + len(payload)

    def abandon(self) -> None:
        """Close the file without finishing the archive (the caller throws the file away)."""
        self._file.close()

    def close(self) -> None:
        directory = b"".join(self._central)
        count = len(self._central)
        self._file.write(directory)
        self._file.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), self._offset, 0))
        self._file.close()
