"""Case i: an EPUB-only build under `python -X importtime` never imports WeasyPrint (in any
worker); also its total import time and the heaviest top-level imports."""

from __future__ import annotations

import shutil
import subprocess

from bench.inputs import InputSet
from bench.paths import PY, ROOT
from bench.runner import Bench


def import_case(bench: Bench, sets: dict[int, InputSet]) -> None:
    n = next((n for n in sorted(sets) if n > 1), min(sets))
    out = bench.fresh("importtime")
    cmd = [PY, "-X", "importtime", *bench.ours_cmd(sets[n].folder, "epub", out, cold=True)[1:]]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=bench.args.timeout)
    shutil.rmtree(out, ignore_errors=True)
    lines = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    leaked = sorted({line.split("|")[-1].strip() for line in lines if "weasyprint" in line.split("|")[-1]})
    cumulative = []
    for line in lines:
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2]
            if len(name) - len(name.lstrip()) <= 1:  # top-level imports only
                cumulative.append((int(parts[1]), name.strip()))
    total = sum(c for c, _ in cumulative) / 1e6
    top = ", ".join(f"{name} {us / 1000:.0f} ms" for us, name in sorted(cumulative, reverse=True)[:4])
    ok = not leaked and result.returncode == 0
    verdict = (
        "no WeasyPrint import: **yes**"
        if ok
        else f"**no**: imported {', '.join(leaked[:5])}"
        if leaked
        else f"build failed (exit {result.returncode})"
    )
    bench.results["other"].append((f"i. EPUB-only build (N={n}) never imports WeasyPrint", verdict))
    bench.results["other"].append(
        ("i. import time of an EPUB build (all processes)", f"{total:.2f} s; top: {top}")
    )
    bench.say(f"  i. import check: {verdict}; imports {total:.2f} s ({top})")
