"""A contact sheet of the pages the reading-system harness saw: one PNG grid of its screenshots.

One row a case (guide, engine, size, type size, theme), labelled, with a thumbnail of the first page
of each spine section it showed, for people to look over at a glance.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

THUMB_HEIGHT = 180
LABEL_WIDTH = 230
GAP = 4


def contact_sheet(results: list, path: Path) -> Path:
    """Write the grid of `results`' screenshots (readers/reading_systems.py Result objects) to `path`."""
    rows = [r for r in results if r.shots]
    columns = max((len(r.shots) for r in rows), default=1)
    widths = []
    for result in rows:
        with Image.open(result.shots[0]) as first:
            widths.append(round(first.width * THUMB_HEIGHT / first.height))
    cell = max(widths, default=100)
    sheet = Image.new(
        "RGB", (LABEL_WIDTH + columns * (cell + GAP), max(1, len(rows)) * (THUMB_HEIGHT + GAP)), "#d8d8d8"
    )
    draw = ImageDraw.Draw(sheet)
    for row, result in enumerate(rows):
        top = row * (THUMB_HEIGHT + GAP)
        case = result.case
        lines = [case.guide, f"{case.engine} {case.size}", f"{case.font}x type, {case.theme}"]
        counts = f"{len(result.overflows)} overflow, {len(result.splits)} split, "
        counts += f"{len(result.contrasts)} contrast"
        links = f"{len(result.links) - len(result.missed)}/{len(result.links)} links landed"
        draw.multiline_text((6, top + 8), "\n".join([*lines, counts, links]), fill="black", spacing=6)
        for column, shot in enumerate(result.shots):
            with Image.open(shot) as image:
                thumb = image.convert("RGB")
                thumb.thumbnail((cell, THUMB_HEIGHT))
                sheet.paste(thumb, (LABEL_WIDTH + column * (cell + GAP), top))
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(path, optimize=True)
    return path
