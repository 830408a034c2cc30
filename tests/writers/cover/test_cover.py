"""The cover JPEG: re-encoding only the rows with text gives the bytes a whole-image encode gives."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageDraw

from pipeline.model.guide import Metadata
from pipeline.writers.cover import cover
from pipeline.writers.cover.jpeg_rows import encode_rows, row_count, split_rows
from pipeline.writers.theme import load_theme

THEME = load_theme(None)
INK = THEME.variable("cover-ink", "#fdfaf3")
ACCENT = THEME.variable("cover-accent", "#d9a441")
BACKGROUND = THEME.variable("cover-background", "#1f3a4d")

METAS = [
    Metadata("Dracula", ("Bram Stoker",), 1897, "1897"),
    # Accents above the cap height and descenders below the baseline reach past a naive box.
    Metadata("Ÿgdrasil Ĵourney: Çà et là, quelques pages", ("Ǻngström Ýgg",), None, None, language="fr"),
    # Six wrapped lines of title, the most the layout keeps, and three of authors.
    Metadata(
        "A Very Long Title That Goes On And On Across Many Lines Of The Cover Until It Must Stop "
        "Somewhere Near The Bottom Of The Frame",
        ("First Author", "Second Author", "Third Author", "Fourth Author With A Long Name"),
        -800,
        "800 BCE",
    ),
    Metadata("The Odyssey", (), None, None),  # no author, no year
    Metadata("ألف ليلة وليلة", ("مجهول",), None, None, language="ar"),
    Metadata("西游记", ("吴承恩",), 1592, "1592", language="zh-Hans"),
]


def _whole_image_encode(meta: Metadata) -> bytes:
    image = cover._frame(BACKGROUND, ACCENT).copy()
    draw = ImageDraw.Draw(image)
    for mark in cover._layout(meta, "Study guide", INK, ACCENT):
        mark.draw(draw, 0)
    return encode_rows(image).join()


@pytest.mark.parametrize("meta", METAS, ids=lambda meta: meta.title[:20])
def test_a_cover_is_byte_for_byte_the_whole_image_encode(meta):
    spliced = cover.cover_image(meta, THEME, "Study guide")
    assert spliced == _whole_image_encode(meta)
    image = Image.open(io.BytesIO(spliced))
    image.load()
    assert image.size == (cover.WIDTH, cover.HEIGHT) and image.format == "JPEG"


@pytest.mark.parametrize("meta", METAS[:3], ids=lambda meta: meta.title[:20])
def test_every_pixel_of_text_lies_in_a_row_that_is_encoded_again(meta):
    """What the marks draw never reaches outside the bands (else the old frame would show)."""
    frame = cover._frame(BACKGROUND, ACCENT)
    drawn = frame.copy()
    marks = cover._layout(meta, "Study guide", INK, ACCENT)
    draw = ImageDraw.Draw(drawn)
    for mark in marks:
        mark.draw(draw, 0)
    difference = ImageChops.difference(drawn, frame)
    covered = {
        y for first, stop in cover._bands(marks) for y in range(first * 16, min(stop * 16, cover.HEIGHT))
    }
    uncovered = [y for y in range(cover.HEIGHT) if y not in covered]
    assert difference.getbbox() is not None
    # Each run of rows outside the bands must be untouched by the drawing.
    runs = [[uncovered[0]]]
    for y in uncovered[1:]:
        runs[-1].append(y) if y == runs[-1][-1] + 1 else runs.append([y])
    assert all(difference.crop((0, run[0], cover.WIDTH, run[-1] + 1)).getbbox() is None for run in runs)


def test_a_restart_marked_jpeg_splits_into_one_segment_per_mcu_row():
    image = Image.new("RGB", (64, 100), "#123456")
    ImageDraw.Draw(image).ellipse((5, 5, 60, 95), fill="#fedcba")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=86, subsampling=2, restart_marker_rows=1)
    split = split_rows(buffer.getvalue())
    assert len(split.rows) == row_count(100) == 7
    assert split.join() == buffer.getvalue()


def test_a_file_that_is_not_a_jpeg_is_refused():
    with pytest.raises(ValueError):
        split_rows(b"\xff\xd8\x00\x00garbage\xff\xd9")


def test_an_encoder_without_restart_markers_still_gives_a_whole_cover(monkeypatch):
    """Older Pillow ignores restart_marker_rows: the frame is then one segment and the cover is
    drawn and encoded whole instead of failing."""
    from pipeline.writers.cover import jpeg_rows

    monkeypatch.setattr(cover, "_frame_rows", lambda background, accent: jpeg_rows.RowJpeg(b"", (b"",)))
    data = cover.cover_image(METAS[0], THEME, "Study guide")
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.size == (cover.WIDTH, cover.HEIGHT) and data == _whole_image_encode(METAS[0])


def test_a_theme_edited_while_the_process_lives_gives_the_next_cover_its_colours(tmp_path):
    import os
    import shutil

    folder = tmp_path / "theme"
    shutil.copytree(THEME.folder, folder)
    theme = load_theme(folder)
    before = cover.cover_image(METAS[0], theme, "Study guide")
    base = folder / "base.css"
    base.write_text(base.read_text(encoding="utf-8") + "\n:root { --cover-background: #5a1f2b; }\n")
    os.utime(base, ns=(base.stat().st_atime_ns, base.stat().st_mtime_ns + 10_000_000))  # a later edit
    assert theme.variable("cover-background", "") == "#5a1f2b"
    after = Image.open(io.BytesIO(cover.cover_image(METAS[0], theme, "Study guide"))).convert("RGB")
    assert before != cover.cover_image(METAS[0], theme, "Study guide")
    red, _, blue = after.getpixel((5, 5))  # a corner: the background
    assert red > blue and abs(red - 0x5A) < 12


@pytest.mark.parametrize("height", [16, 17, 1500, 1504, 250])
def test_rows_encoded_once_per_kind_give_the_bytes_of_a_whole_encode(height):
    import random

    from pipeline.writers.cover.jpeg_rows import encode_repeating_rows

    rng = random.Random(height)
    image = Image.new("RGB", (1000, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    kinds = [(rng.randrange(900), (rng.randrange(255), rng.randrange(255), 9)) for _ in range(4)]
    rows = []
    for top in range(0, height, 16):  # MCU rows of four kinds, and some of their own
        left, colour = rng.choice(kinds) if rng.random() < 0.8 else (rng.randrange(900), (255, 0, 0))
        draw.rectangle([left, top, 990, min(top + 9, height - 1)], fill=colour)
        rows.append((left, colour))
    if height > 200:
        assert len(set(rows)) < len(rows) / 2  # the rows do repeat
    assert encode_repeating_rows(image) == encode_rows(image)
    frame = cover._frame(BACKGROUND, ACCENT)
    assert encode_repeating_rows(frame) == encode_rows(frame)


def _wrap_measuring_every_trial(text: str, font, width: int) -> list[str]:
    """The wrapping loop as it was before the whole text was measured first."""
    spaced = any(ch.isspace() for ch in text)
    words = text.split() if spaced else list(text)
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
    return [*lines, line] if line else lines


@pytest.mark.parametrize("meta", METAS, ids=lambda meta: meta.title[:20])
@pytest.mark.parametrize("width", [120, 400, 833])
def test_wrapping_measures_less_and_breaks_where_every_trial_measured_would(meta, width):
    font = cover.cover_font(meta.language, "serif", True, 100, meta.title)
    calls = []

    class Counting:
        def getlength(self, text):
            calls.append(text)
            return font.getlength(text)

    lines = cover._wrap(meta.title, Counting(), width)
    assert lines == _wrap_measuring_every_trial(meta.title, font, width)
    # The first word of a line is never measured; a title that fits is measured once.
    assert len(calls) <= max(1, len(meta.title.split()) if " " in meta.title else len(meta.title))
    if len(lines) == 1:
        assert calls == [" ".join(meta.title.split()) if " " in meta.title else meta.title]


def test_the_frame_is_encoded_once_and_then_read_from_the_users_cache(tmp_path, monkeypatch):
    from pipeline.writers.cover import jpeg_rows

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("STUDY_GUIDE_TEMPLATE_CACHE", raising=False)
    cover._frame_rows.cache_clear()
    first = cover._frame_rows(BACKGROUND, ACCENT)
    assert first == jpeg_rows.encode_repeating_rows(cover._frame(BACKGROUND, ACCENT))
    [entry] = (tmp_path / "study-guide-pipeline" / "covers").iterdir()

    def no_encoding(image):
        raise AssertionError("encoded again")

    cover._frame_rows.cache_clear()  # as in the next process
    monkeypatch.setattr(cover, "encode_repeating_rows", no_encoding)
    assert cover._frame_rows(BACKGROUND, ACCENT) == first
    entry.write_bytes(b"damaged")
    cover._frame_rows.cache_clear()
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cover._frame_rows(BACKGROUND, ACCENT) == first  # made again from the frame
    cover._frame_rows.cache_clear()
