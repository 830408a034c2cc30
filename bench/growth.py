"""Case h: one manuscript with its summary repeated 1x, 10x, 100x; EPUB build time and RSS for each,
the slope in ms per extra KB and the growth exponent of the time above the 1x build."""

from __future__ import annotations

import math
from pathlib import Path

from bench.formatting import fmt_run, mb, secs
from bench.inputs import grown, growth_source
from bench.measure import best_of
from bench.runner import Bench


def growth_case(bench: Bench, sources: list[Path]) -> None:
    source = growth_source(sources)
    points = []
    for times in bench.args.growth:
        folder = bench.tmp / f"growth-{times}"
        folder.mkdir()
        path = folder / f"{source.stem}-x{times}{source.suffix}"
        path.write_text(grown(source, times), encoding="utf-8")
        size = path.stat().st_size
        run = best_of(bench.reps(1), lambda: bench.ours(path, "epub", f"growth-{times}")[0])
        points.append((times, size, run))
        bench.say(f"  x{times:<4} ({size / 1024:7.0f} KB) h. ours EPUB {fmt_run(run)}")
    cells = ", ".join(f"{t}x ({s / 1024:.0f} KB): {secs(r.wall)}, {mb(r.rss_kb)}" for t, s, r in points)
    bench.results["other"].append(
        (f"h. EPUB build vs manuscript size ({source.name}, summary repeated)", cells)
    )
    if len(points) >= 2 and not any(r.broken for _, _, r in points):
        (_, s1, r1), (_, s2, r2) = points[-2:]
        slope = (r2.wall - r1.wall) / max(s2 - s1, 1) * 1024 * 1000  # ms per KB
        text = f"{slope:.2f} ms per extra KB of manuscript (between the two largest)"
        if len(points) >= 3:
            _, s0, r0 = points[0]
            d1, d2 = r1.wall - r0.wall, r2.wall - r0.wall
            if d1 > 0 and d2 > 0 and s1 > s0:
                exponent = math.log(d2 / d1) / math.log((s2 - s0) / (s1 - s0))
                text += (
                    f"; growth exponent of the time above the {points[0][0]}x build: {exponent:.2f} "
                    "(1 = linear, 2 = quadratic)"
                )
        bench.results["other"].append(("h. size growth slope", text))
        bench.say(f"  h. slope: {text}")
