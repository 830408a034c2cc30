"""The benchmark's shared state and how it runs a command: our build, or one of the peers' children.

`Bench` holds the options, the temporary folder, the pipeline's flags and the results the cases
fill in; the cases (bench/cases*.py) call its `ours` and `child` to measure one run.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
from pathlib import Path

from bench.inputs import InputSet, find_inputs
from bench.load import Usage
from bench.measure import Run, measure
from bench.paths import PY, ROOT, RUN_SCRIPT


def pipeline_flags() -> dict[str, bool]:
    """Whether `build` has --jobs, --no-cache and --scheduler (cases f, g and l print n/a without them)."""
    try:
        result = subprocess.run(
            [PY, "-m", "pipeline", "build", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        text = result.stdout + result.stderr
    except (OSError, subprocess.TimeoutExpired):
        text = ""
    return {"jobs": "--jobs" in text, "no_cache": "--no-cache" in text, "scheduler": "--scheduler" in text}


class Bench:
    def __init__(self, args: argparse.Namespace, tmp: Path) -> None:
        self.args = args
        self.tmp = tmp
        self.flags = pipeline_flags()
        self.have_pandoc = shutil.which("pandoc") is not None
        self.serial = 0
        self.results: dict = {"epub": {}, "pdf": {}, "other": [], "load": []}
        self.floor_split: tuple[str, str] | None = None  # case e's "where its time goes" row
        self.jobs_pdf_n: int | None = None  # the N case f measured, which case g rebuilds

    def mark_load(self, usage: Usage, first_row: int) -> None:
        """Keep how busy the machine was during a case; when other work took a share of it, the
        case's rows (from `first_row` of the other cases) say so."""
        self.results["load"].append(usage)
        if usage.busy:
            other = self.results["other"]
            other[first_row:] = [
                (name, f"{text} (**machine busy**: other processes used {usage.others:.2f} cores)")
                for name, text in other[first_row:]
            ]

    def fresh(self, name: str) -> Path:
        self.serial += 1
        path = self.tmp / "out" / f"{self.serial:03d}-{name}"
        if path.exists():
            shutil.rmtree(path)
        return path

    def log(self, name: str) -> Path:
        return self.tmp / "logs" / f"{self.serial:03d}-{name}"

    def reps(self, n: int, fmt: str = "pdf") -> int:
        """Runs of a case, the best kept: every case of a few seconds or less (EPUB up to 100
        guides, PDF up to 10), for ours and the peer alike, so one busy moment does not decide."""
        return self.args.repeat if n <= (100 if fmt == "epub" else 10) else 1

    def pdf_allowed(self, n: int) -> bool:
        return self.args.full or n <= self.args.pdf_max

    def say(self, text: str) -> None:
        print(text, flush=True)

    def ours_cmd(
        self,
        source: Path,
        fmt: str,
        out: Path,
        *,
        cold: bool,
        jobs: int | None = None,
        extra: tuple[str, ...] = (),
    ) -> list[str]:
        cmd = [PY, "-m", "pipeline", "build", str(source), "--format", fmt, "--out", str(out), "--quiet"]
        if cold and self.flags["no_cache"]:
            cmd.append("--no-cache")
        jobs = jobs if jobs is not None else self.args.ours_jobs
        if jobs is not None and self.flags["jobs"]:
            cmd += ["--jobs", str(jobs)]
        return cmd + list(extra)

    def ours(
        self,
        source: Path,
        fmt: str,
        name: str,
        *,
        cold: bool = True,
        jobs: int | None = None,
        out: Path | None = None,
        keep: bool = False,
        extra: tuple[str, ...] = (),
    ) -> tuple[Run, Path]:
        """One measured run of our build; failed manuscripts counted from its report."""
        out = out or self.fresh(name)
        run = measure(
            self.ours_cmd(source, fmt, out, cold=cold, jobs=jobs, extra=extra),
            self.log(name),
            self.args.timeout,
        )
        err = self.log(name).with_suffix(".err").read_bytes().decode("utf-8", "replace")
        out_text = self.log(name).with_suffix(".out").read_bytes().decode("utf-8", "replace")
        run.failed = sum(1 for line in err.splitlines() if line.lstrip().startswith("FAILED "))
        summary = re.findall(r"\b(\d+) failed\b", err + out_text)
        if summary:
            run.failed = max(run.failed, int(summary[-1]))
        if run.rc == 1 and not run.failed:
            run.failed = 1  # exit 1 means some manuscript failed, even if the output format changed
        run.total = len(find_inputs(source))
        if "Traceback (most recent call last)" in err:  # a crash exits 1 too: the whole run failed
            run.failed = run.total = max(run.total, 1)
        if run.rc not in (0, 1) or 0 < run.total <= run.failed:
            run.extra["error"] = (err.strip().splitlines() or [f"exit {run.rc}"])[-1][:200]
        if not keep:
            shutil.rmtree(out, ignore_errors=True)
        return run, out

    def child(self, mode: list[str], name: str) -> Run:
        """One measured run of a peer's child process (`bench/run.py _loop|_bare|_floor ...`)."""
        out = self.fresh(name)
        status = self.tmp / "logs" / f"{self.serial:03d}-{name}.json"
        status.parent.mkdir(parents=True, exist_ok=True)
        run = measure([PY, str(RUN_SCRIPT), *mode, str(out), str(status)], self.log(name), self.args.timeout)
        try:
            info = json.loads(status.read_text())
        except (OSError, ValueError):
            info = {"total": 0, "failed": 0}
            run.rc = run.rc or 3
        run.failed, run.total = info.get("failed", 0), info.get("total", 0)
        if info.get("errors"):
            run.extra["errors"] = info["errors"]
        if "wall" in info:  # the floor: only the timed part counts
            run.extra["process_wall"], run.extra["process_cpu"] = run.wall, run.cpu
            run.wall, run.cpu = info["wall"], info["cpu"]
            run.extra["render_wall"] = info.get("render_wall", 0.0)
        shutil.rmtree(out, ignore_errors=True)
        return run

    def warm_copy(self, inputs: InputSet, tag: str) -> Path:
        """A private copy of the manuscripts, since case g edits one of them."""
        target = self.tmp / f"warm-{tag}-{inputs.n}" / "manuscripts"
        if not target.exists():
            shutil.copytree(inputs.folder, target)
        return target
