"""How figures are written: seconds, megabytes, one run on a progress line, one table cell, a ratio."""

from __future__ import annotations

from bench.measure import Run


def secs(value: float) -> str:
    if value != value:  # NaN
        return "n/a"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def mb(kb: int) -> str:
    return f"{kb / 1024:.0f} MB"


def fmt_run(run: Run | None) -> str:
    """One run on a progress line: wall, CPU, RSS and what failed."""
    if run is None:
        return "n/a"
    text = f"wall {secs(run.wall):>8}  CPU {secs(run.cpu):>8}  RSS {mb(run.rss_kb):>7}"
    if run.failed:
        text += f"  ({run.failed}/{run.total} failed)"
    if run.timed_out:
        text += "  TIMED OUT"
    elif run.rc not in (0, 1):
        text += f"  exit {run.rc}: {run.extra.get('error', '')}"
    return text


def cell(run: Run | None, attr: str) -> str:
    """One figure of a run (`wall`, `cpu` or `rss_kb`) in a results table."""
    if run is None:
        return "n/a"
    if run.timed_out:
        return "timeout"
    if run.broken:
        return f"failed (exit {run.rc})"
    value = getattr(run, attr)
    text = mb(value) if attr == "rss_kb" else secs(value)
    if attr == "wall" and run.failed:
        text += f" ({run.failed} failed)"
    return text


def ratio(peer: Run | None, ours: Run | None) -> str:
    if not peer or not ours or peer.broken or ours.broken or not ours.wall:
        return "n/a"
    return f"{peer.wall / ours.wall:.2f}x"
