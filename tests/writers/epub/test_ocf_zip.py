"""The EPUB container writer: a ZIP that zipfile and unzip read back exactly, media stored."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest

from pipeline.writers.epub.ocf_zip import OcfZip

PARTS = {
    "mimetype": b"application/epub+zip",
    "META-INF/container.xml": b"<?xml version='1.0'?><container/>" * 20,
    "EPUB/images/cover.jpg": bytes(range(256)) * 40,
    "EPUB/红楼梦 chapter.xhtml": "<p>宝玉 — “quoted”</p>\n".encode() * 200,
    "EPUB/empty.css": b"",
}


def _write(path, moment=(2024, 2, 29, 13, 45, 58)):
    archive = OcfZip(path, moment)
    for name, data in PARTS.items():
        archive.writestr(name, data if name != "EPUB/empty.css" else "")
    archive.close()


def test_zipfile_reads_back_every_part_in_order_with_the_pinned_time(tmp_path):
    _write(tmp_path / "book.epub")
    with zipfile.ZipFile(tmp_path / "book.epub") as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        assert [info.filename for info in infos] == list(PARTS)
        assert {name: archive.read(name) for name in PARTS} == PARTS
        methods = {info.filename: info.compress_type for info in infos}
        assert infos[0].extra == b"" and methods["mimetype"] == zipfile.ZIP_STORED
        assert methods["EPUB/images/cover.jpg"] == zipfile.ZIP_STORED
        assert methods["EPUB/红楼梦 chapter.xhtml"] == zipfile.ZIP_DEFLATED
        assert infos[3].compress_size < infos[3].file_size / 5
        assert {info.date_time for info in infos} == {(2024, 2, 29, 13, 45, 58)}


def test_the_mimetype_entry_starts_at_byte_38_as_ocf_requires(tmp_path):
    _write(tmp_path / "book.epub")
    data = (tmp_path / "book.epub").read_bytes()
    assert data[:4] == b"PK\x03\x04" and data[30:38] == b"mimetype"
    assert data[38:58] == b"application/epub+zip"


def test_equal_input_gives_equal_bytes_and_times_before_1980_are_pinned(tmp_path):
    _write(tmp_path / "a.epub", (1970, 1, 1, 0, 0, 0))
    _write(tmp_path / "b.epub", (1970, 1, 1, 0, 0, 0))
    assert (tmp_path / "a.epub").read_bytes() == (tmp_path / "b.epub").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.epub") as archive:
        assert archive.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


@pytest.mark.skipif(
    not shutil.which("unzip"), reason="Info-ZIP unzip is not installed; scripts/system-deps installs it"
)
def test_info_zip_tests_the_archive_clean(tmp_path):
    _write(tmp_path / "book.epub")
    result = subprocess.run(["unzip", "-t", str(tmp_path / "book.epub")], capture_output=True, text=True)
    assert result.returncode == 0 and "No errors detected" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("size", [0, 1, 511, 512, 513, 3000, 40_000, 70_000, 300_000])
def test_parts_of_any_size_inflate_back_and_compress_as_zipfile_does(size):
    import random
    import zlib

    from pipeline.writers.epub.ocf_zip import _deflate

    words = [b"Kathy", b"Tommy", b"Ruth", b"Hailsham", b"<p>", b"</p>\n", b"donation", b"the"]
    rng = random.Random(size)
    data = b" ".join(rng.choice(words) for _ in range(size))[:size]
    packed = _deflate(data)
    assert zlib.decompress(packed, -15) == data
    full_window = zlib.compressobj(6, zlib.DEFLATED, -15)
    assert len(packed) <= (len(full_window.compress(data) + full_window.flush())) * 1.01 + 8
