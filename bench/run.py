#!/usr/bin/env python3
"""Benchmark: our pipeline against pandoc (EPUB) and pandoc + WeasyPrint (PDF), side by side.

    .venv/bin/python bench/run.py            # N = 1, 10, 100, 1000 (PDF up to 100)
    .venv/bin/python bench/run.py --quick    # N = 1, 10, 100 (PDF up to 10): a few minutes
    .venv/bin/python bench/run.py --full     # PDF at every N, 1000 included (slow)

Every measured command runs as a fresh child process and is reaped with os.wait4, the same
system call /usr/bin/time uses: wall = elapsed time, CPU = user + sys of the child and all the
processes it waited for (worker pools, the pandoc processes of a loop), RSS = the largest peak
resident set of any single one of them. See bench/README.md for what each case means.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import datetime as dt
import json
import math
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve()
SHIPPED = ROOT / "manuscripts"
VENV_PY = ROOT / ".venv" / "bin" / "python"
PY = str(VENV_PY if VENV_PY.exists() else Path(sys.executable))
RESULTS = ROOT / "bench" / "results.md"
SUFFIXES = (".md", ".markdown", ".txt")


# --------------------------------------------------------------------------------------------
# Measuring one child process
# --------------------------------------------------------------------------------------------


@dataclass
class Run:
    wall: float = 0.0  # seconds
    cpu: float = 0.0  # user + sys seconds, the child and everything it waited for
    rss_kb: int = 0  # peak resident set of the largest single process
    rc: int = 0
    failed: int = 0  # inputs that failed (a peer's file, one of our manuscripts)
    total: int = 0
    timed_out: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def broken(self) -> bool:
        """The whole command failed (not just some inputs): its numbers mean nothing."""
        return self.timed_out or (self.total > 0 and self.failed >= self.total) or self.rc not in (0, 1)


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def measure(cmd: list[str], log: Path, timeout: float, cwd: Path = ROOT) -> Run:
    """Run `cmd` once; stdout and stderr go to log.out / log.err."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log.with_suffix(".out"), "wb") as out, open(log.with_suffix(".err"), "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, start_new_session=True)
        timed_out = threading.Event()

        def expire() -> None:
            timed_out.set()
            _kill_group(proc)

        timer = threading.Timer(timeout, expire)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            _kill_group(proc)
            proc.wait()
            raise
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    _kill_group(proc)  # a stray worker left behind must not run into the next measurement
    return Run(
        wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode, timed_out=timed_out.is_set()
    )


def best_of(times: int, once) -> Run:
    """Run `once()` `times` times; keep the run with the lowest wall time (failures last)."""
    runs = [once() for _ in range(times)]
    return min(runs, key=lambda r: (r.broken, r.wall))


# --------------------------------------------------------------------------------------------
# Child modes: the peer loops and the WeasyPrint floor run in their own measured process
# --------------------------------------------------------------------------------------------


def loop_main(kind: str, listfile: str, outdir: str, status: str) -> int:
    """One process per file, sequentially, as a user's shell loop would; failures are counted."""
    files = [Path(line) for line in Path(listfile).read_text(encoding="utf-8").splitlines() if line]
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    failed, errors = 0, []
    for source in files:
        stem = source.stem
        if kind == "pandoc-epub":
            steps = [(["pandoc", str(source), "-o", str(out / f"{stem}.epub")], out / f"{stem}.epub")]
        else:
            html, pdf = out / f"{stem}.html", out / f"{stem}.pdf"
            steps = [
                (["pandoc", str(source), "-s", "-o", str(html)], html),
                ([PY, "-m", "weasyprint", str(html), str(pdf)], pdf),
            ]
        for cmd, target in steps:
            try:
                result = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
                ok = result.returncode == 0 and target.is_file()
                why = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] if not ok else []
            except (OSError, subprocess.TimeoutExpired) as exc:
                ok, why = False, [str(exc)]
            if not ok:
                failed += 1
                errors.append(f"{source.name}: {cmd[0]}: {' '.join(why)}")
                break
    Path(status).write_text(json.dumps({"total": len(files), "failed": failed, "errors": errors[:20]}))
    return 0


def bare_main(listfile: str, outdir: str, status: str) -> int:
    """The issue's "bare one-process markdown-it-py + ebooklib loop": each manuscript parsed with
    markdown-it-py's CommonMark preset and rendered as one XHTML chapter in an EPUB with ebooklib's
    own nav and NCX. No cover, front matter, sections, glossary, cross-links, accessibility
    metadata or dialects: the least a Python EPUB build can cost, for the targets' context."""
    from ebooklib import epub
    from markdown_it import MarkdownIt

    files = [Path(line) for line in Path(listfile).read_text(encoding="utf-8").splitlines() if line]
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    parser = MarkdownIt("commonmark")
    failed, errors = 0, []
    for source in files:
        try:
            text = source.read_text(encoding="utf-8")
            title = next((line.strip("# ") for line in text.splitlines() if line.strip()), source.stem)
            book = epub.EpubBook()
            book.set_identifier(source.stem)
            book.set_title(title[:200])
            book.set_language("en")
            chapter = epub.EpubHtml(title=title[:200], file_name="text.xhtml", lang="en")
            chapter.content = parser.render(text)
            book.add_item(chapter)
            book.toc = [chapter]
            book.add_item(epub.EpubNcx())
            book.add_item(epub.EpubNav())
            book.spine = ["nav", chapter]
            epub.write_epub(str(out / f"{source.stem}.epub"), book)
        except Exception as exc:
            failed += 1
            errors.append(f"{source.name}: {type(exc).__name__}: {exc}")
    Path(status).write_text(json.dumps({"total": len(files), "failed": failed, "errors": errors[:20]}))
    return 0


def _final_index_css(document, guide, theme, options) -> tuple[str | None, str]:
    """The index's HTML and the page and column CSS its final layout gets (not timed: finding
    the balanced height takes a measuring layout, which is our pipeline's cost, not the floor's)."""
    from pipeline.writers.pdf import index as pdf_index

    index = pdf_index.index_html(guide, pdf_index.anchor_pages(document))
    if index is None:
        return None, ""
    sheets: list[str] = []
    real = pdf_index.render_document  # append_index lays the index out through this name

    def spy(*args, **kwargs):
        sheets.append(kwargs.get("extra_css", ""))
        return real(*args, **kwargs)

    pdf_index.render_document = spy
    try:
        pdf_index.append_index(
            document, index, guide, theme, options, guide.meta.title, pdf_index.has_index(guide)
        )
    finally:
        pdf_index.render_document = real
    return index, sheets[-1]


def floor_main(listfile: str, outdir: str, status: str) -> int:
    """WeasyPrint alone on our final HTML, the book and its index: only WeasyPrint's layouts
    (the book's, the index's final one) and the writing of the PDF are timed."""
    sys.path.insert(0, str(ROOT))
    import weasyprint  # noqa: F401  (imported before timing starts, like a long-lived server)

    from pipeline.build.batch import load_guide
    from pipeline.writers.pdf.book import book_html
    from pipeline.writers.pdf.engine import PrintOptions, render_document, write_document
    from pipeline.writers.pdf.index import INDEX_ANCHOR, has_index
    from pipeline.writers.theme import load_theme

    files = [Path(line) for line in Path(listfile).read_text(encoding="utf-8").splitlines() if line]
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    theme, options = load_theme(None), PrintOptions()
    wall = cpu = render_wall = 0.0
    failed, errors = 0, []
    for source in files:
        try:
            guide, _report = load_guide(source)  # not timed
            html = book_html(guide, options.paper)  # not timed
        except Exception as exc:
            failed += 1
            errors.append(f"{source.name}: {type(exc).__name__}: {exc}")
            continue
        w0, c0 = time.perf_counter(), time.process_time()
        try:
            document = render_document(html, guide, theme, options)
            paused_wall, paused_cpu = time.perf_counter(), time.process_time()
            index, index_css = _final_index_css(document, guide, theme, options)
            w0 += time.perf_counter() - paused_wall
            c0 += time.process_time() - paused_cpu
            pages = document.pages
            if index is not None:
                if has_index(guide) and pages and INDEX_ANCHOR in pages[-1].anchors:
                    pages = pages[:-1]  # the page the book keeps for its index
                pages = pages + render_document(index, guide, theme, options, extra_css=index_css).pages
            document = document.copy(pages)
            render_wall += time.perf_counter() - w0
            write_document(document, out / f"{source.stem}.pdf", options)
        except Exception as exc:
            failed += 1
            errors.append(f"{source.name}: {type(exc).__name__}: {exc}")
        wall += time.perf_counter() - w0
        cpu += time.process_time() - c0
    Path(status).write_text(
        json.dumps(
            {
                "total": len(files),
                "failed": failed,
                "wall": wall,
                "cpu": cpu,
                "render_wall": render_wall,
                "errors": errors[:20],
            }
        )
    )
    return 0


# --------------------------------------------------------------------------------------------
# Generating manuscripts
# --------------------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(\n|\Z)", re.S)
_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_LIST_ITEM = re.compile(r"^\s*([-*+•]|\d{1,9}[.)])\s")
_TITLE_FIELD = re.compile(
    r"^(\s*(?:[-*+]\s+)?(?:\*\*)?Title(?:\*\*)?\s*:\s*(?:\*\*)?\s*)(\S.*?)\s*$", re.M | re.I
)
_BYLINE = re.compile(r"^(.*?)(\s+\b(?:by|par|von|por|di|door)\s+\S.*)$", re.I)

try:  # the pipeline's own section names, to turn bare loose-dialect headings into `##`
    sys.path.insert(0, str(ROOT))
    from pipeline.i18n.section_names import section_kind as _section_kind
except Exception:  # a fallback keeps the benchmark working if internals move
    _KNOWN = re.compile(
        r"info|summary|story|plot|overview|character|theme|takeaway|matters|question|"
        r"glossary|quote|symbol|motif|chapter|reading",
        re.I,
    )

    def _section_kind(title: str):
        return "known" if _KNOWN.search(title) else None


def _yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def retitle(text: str, suffix: str) -> str:
    """Give a manuscript a distinct title (so a distinct identifier) by appending `suffix`."""
    front = _FRONT_MATTER.match(text)
    head, body = (text[: front.end()], text[front.end() :]) if front else ("", text)
    text = head + _TITLE_FIELD.sub(lambda m: m.group(1) + m.group(2) + suffix, body)  # "- Title: X" fields
    front = _FRONT_MATTER.match(text)
    if front:
        yaml = front.group(1)
        match = re.search(r"^title\s*:\s*(.*?)\s*$", yaml, re.M)
        if match:
            value = match.group(1).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            yaml = yaml[: match.start()] + "title: " + _yaml_quote(value + suffix) + yaml[match.end() :]
            return text[: front.start(1)] + yaml + text[front.end(1) :]
        head, body = text[: front.end()], text[front.end() :]
        return head + _retitle_body(body, suffix)
    return _retitle_body(text, suffix)


def _retitle_body(text: str, suffix: str) -> str:
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return text
    for i, line in enumerate(lines):  # labelled dialect: the first `# ` heading
        if re.match(r"^ {0,3}#\s+\S", line):
            lines[i] = line.rstrip() + suffix
            return "\n".join(lines)
    if first + 1 < len(lines) and re.match(r"^ {0,3}=+\s*$", lines[first + 1]):  # setext title
        lines[first] = lines[first].rstrip() + suffix
        return "\n".join(lines)
    # Loose dialect: line 1 is the title, and a "Title by Author" line names the author.
    title = lines[first].strip()
    lines[first] = title + suffix
    if first + 1 < len(lines):
        byline = _BYLINE.match(lines[first + 1].strip())
        if byline and byline.group(1).strip() == title:
            lines[first + 1] = title + suffix + byline.group(2)
    return "\n".join(lines)


def is_loose(text: str) -> bool:
    if _FRONT_MATTER.match(text):
        return False
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return True
    return not (_ATX.match(lines[0]) or (len(lines) > 1 and _SETEXT.match(lines[1])))


def pandoc_markdown(text: str) -> str:
    """Our loose dialect as plain Markdown: `# ` on line 1, known bare headings as `##`, blank
    lines between blocks (every loose line is a block of its own). Kept deliberately simple."""
    out: list[str] = []
    in_list = False
    first = True
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if first:
            out += ["# " + stripped, ""]
            first = False
            continue
        if _LIST_ITEM.match(line):
            if not in_list:
                out.append("")
            out.append(line)
            in_list = True
            continue
        in_list = False
        heading = (
            len(stripped) <= 60
            and len(stripped.split()) <= 8
            and not re.search(r"[.!?;,:]$", stripped)
            and _section_kind(stripped) is not None
        )
        out += ["", ("## " + stripped) if heading else stripped, ""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


def shipped_manuscripts() -> list[Path]:
    files = sorted(
        p
        for p in SHIPPED.iterdir()
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
    )
    if not files:
        raise SystemExit(f"no manuscripts in {SHIPPED}")
    return files


@dataclass
class InputSet:
    n: int
    folder: Path  # our manuscripts (the folder we pass to `build`)
    ours: list[Path]
    pandoc: list[Path]  # what pandoc reads: the same .md files, converted .txt files
    pandoc_list: Path


def generate(n: int, root: Path, sources: list[Path]) -> InputSet:
    folder = root / f"n{n}" / "manuscripts"
    converted = root / f"n{n}" / "pandoc"
    folder.mkdir(parents=True)
    converted.mkdir()
    ours, peer = [], []
    for i in range(n):
        source = sources[i % len(sources)]
        text = retitle(source.read_text(encoding="utf-8"), f" {i + 1:04d}")
        target = folder / f"g{i + 1:04d}-{source.stem}{source.suffix}"
        target.write_text(text, encoding="utf-8")
        ours.append(target)
        if is_loose(text) or source.suffix.lower() == ".txt":
            plain = converted / f"{target.stem}.md"
            plain.write_text(pandoc_markdown(text), encoding="utf-8")
            peer.append(plain)
        else:
            peer.append(target)
    listing = root / f"n{n}" / "pandoc.list"
    listing.write_text("\n".join(str(p) for p in peer) + "\n", encoding="utf-8")
    return InputSet(n, folder, ours, peer, listing)


def grown(source: Path, times: int) -> str:
    """`source` with the paragraphs of its summary section repeated `times` times."""
    lines = source.read_text(encoding="utf-8").split("\n")
    headings = []  # (line index, end index exclusive of the heading, title)
    for i, line in enumerate(lines):
        atx = _ATX.match(line)
        if atx:
            headings.append((i, i + 1, atx.group(2)))
        elif (
            i + 1 < len(lines)
            and line.strip()
            and _SETEXT.match(lines[i + 1])
            and not _LIST_ITEM.match(line)
            and (i == 0 or not lines[i - 1].strip())
        ):
            headings.append((i, i + 2, line.strip()))
    for k, (_start, body_start, title) in enumerate(headings):
        if _section_kind(title) == "summary":
            body_end = headings[k + 1][0] if k + 1 < len(headings) else len(lines)
            body = "\n".join(lines[body_start:body_end]).strip("\n")
            return "\n".join([*lines[:body_start], "", *([body, ""] * times), *lines[body_end:]])
    raise ValueError(f"{source.name}: no summary section found")


def growth_source(sources: list[Path]) -> Path:
    """A Markdown manuscript with a summary section and no footnote references in it."""
    candidates = [p for p in sources if p.suffix.lower() != ".txt"]
    for path in candidates:
        try:
            once, twice = grown(path, 1), grown(path, 2)
        except ValueError:
            continue
        added = twice[len(once) // 2 :]
        if "[^" not in added and "[^" not in once.split("\n## ")[0][-2000:]:
            return path
    for path in candidates:
        try:
            grown(path, 1)
            return path
        except ValueError:
            continue
    raise SystemExit("no shipped Markdown manuscript has a summary section to grow")


# --------------------------------------------------------------------------------------------
# The cases
# --------------------------------------------------------------------------------------------


def pipeline_flags() -> dict[str, bool]:
    try:
        result = subprocess.run(
            [PY, "-m", "pipeline", "build", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        text = result.stdout + result.stderr
    except (OSError, subprocess.TimeoutExpired):
        text = ""
    return {"jobs": "--jobs" in text, "no_cache": "--no-cache" in text}


class Bench:
    def __init__(self, args: argparse.Namespace, tmp: Path) -> None:
        self.args = args
        self.tmp = tmp
        self.flags = pipeline_flags()
        self.have_pandoc = shutil.which("pandoc") is not None
        self.serial = 0
        self.results: dict = {"epub": {}, "pdf": {}, "other": []}

    # -- helpers --

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

    def ours_cmd(
        self, source: Path, fmt: str, out: Path, *, cold: bool, jobs: int | None = None
    ) -> list[str]:
        cmd = [PY, "-m", "pipeline", "build", str(source), "--format", fmt, "--out", str(out), "--quiet"]
        if cold and self.flags["no_cache"]:
            cmd.append("--no-cache")
        jobs = jobs if jobs is not None else self.args.ours_jobs
        if jobs is not None and self.flags["jobs"]:
            cmd += ["--jobs", str(jobs)]
        return cmd

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
    ) -> tuple[Run, Path]:
        out = out or self.fresh(name)
        run = measure(
            self.ours_cmd(source, fmt, out, cold=cold, jobs=jobs), self.log(name), self.args.timeout
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
        if run.rc not in (0, 1):
            run.extra["error"] = (err.strip().splitlines() or [f"exit {run.rc}"])[-1][:200]
        if not keep:
            shutil.rmtree(out, ignore_errors=True)
        return run, out

    def child(self, mode: list[str], name: str) -> Run:
        out = self.fresh(name)
        status = self.tmp / "logs" / f"{self.serial:03d}-{name}.json"
        status.parent.mkdir(parents=True, exist_ok=True)
        run = measure([PY, str(HERE), *mode, str(out), str(status)], self.log(name), self.args.timeout)
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

    def say(self, text: str) -> None:
        print(text, flush=True)

    # -- a to e: the side-by-side table --

    def pdf_allowed(self, n: int) -> bool:
        return self.args.full or n <= self.args.pdf_max

    def side_by_side(self, sets: dict[int, InputSet]) -> None:
        for n, inputs in sets.items():
            reps = self.reps(n, "epub")
            row = self.results["epub"].setdefault(n, {})
            row["ours"] = best_of(reps, lambda: self.ours(inputs.folder, "epub", f"ours-epub-{n}")[0])
            self.say(f"  N={n:<5} a. ours EPUB            {fmt_run(row['ours'])}")
            if self.have_pandoc:
                row["peer"] = best_of(
                    reps,
                    lambda: self.child(["_loop", "pandoc-epub", str(inputs.pandoc_list)], f"pandoc-epub-{n}"),
                )
                self.say(f"  N={n:<5} b. pandoc EPUB loop     {fmt_run(row['peer'])}")
            listing = self.tmp / f"n{n}" / "ours.list"
            listing.write_text("\n".join(str(p) for p in inputs.ours) + "\n", encoding="utf-8")
            row["bare"] = best_of(reps, lambda: self.child(["_bare", str(listing)], f"bare-epub-{n}"))
            self.say(f"  N={n:<5} j. bare Python loop     {fmt_run(row['bare'])}")
            row = self.results["pdf"].setdefault(n, {})
            if not self.pdf_allowed(n):
                row["skipped"] = True
                self.say(f"  N={n:<5} c-e. PDF               n/a (skipped; --full or --pdf-max {n} to run)")
                continue
            reps = self.reps(n, "pdf")
            row["ours"] = best_of(reps, lambda: self.ours(inputs.folder, "pdf", f"ours-pdf-{n}")[0])
            self.say(f"  N={n:<5} c. ours PDF             {fmt_run(row['ours'])}")
            if self.have_pandoc:
                row["peer"] = best_of(
                    reps,
                    lambda: self.child(
                        ["_loop", "pandoc-weasy", str(inputs.pandoc_list)], f"pandoc-weasy-{n}"
                    ),
                )
                self.say(f"  N={n:<5} d. pandoc+WeasyPrint    {fmt_run(row['peer'])}")
            row["floor"] = floor = best_of(reps, lambda: self.child(["_floor", str(listing)], f"floor-{n}"))
            self.say(f"  N={n:<5} e. WeasyPrint floor     {fmt_run(floor)}")
            if not floor.broken:
                split = (
                    f"layout {secs(floor.extra['render_wall'])} + write_pdf "
                    f"{secs(floor.wall - floor.extra['render_wall'])}; the whole floor process took "
                    f"{secs(floor.extra['process_wall'])} wall, {secs(floor.extra['process_cpu'])} CPU "
                    "(with imports, our parsing and book_html, which are not timed)"
                )
                self.floor_split = (f"e. WeasyPrint floor N={n}: where its time goes", split)

    # -- f: jobs --

    def jobs_case(self, sets: dict[int, InputSet]) -> Path | None:
        """--jobs 1 vs --jobs 2, PDF; returns the jobs-2 output folder (cache filled) for case g."""
        other = self.results["other"]
        candidates = [n for n in sets if self.pdf_allowed(n) and n <= 100]
        if not self.flags["jobs"] or not candidates:
            why = "pipeline has no --jobs" if not self.flags["jobs"] else "no PDF size measured"
            other.append(("f. PDF --jobs 1 vs --jobs 2", f"n/a ({why})"))
            self.say(f"  f. jobs speedup: n/a ({why})")
            return None
        n = max(candidates)
        source = self.warm_copy(sets[n], "pdf")
        reps = self.reps(n)
        one = best_of(reps, lambda: self.ours(source, "pdf", f"jobs1-pdf-{n}", cold=True, jobs=1)[0])
        kept: list[Path] = []

        def two() -> Run:
            # A fresh folder is a cold build; leaving out --no-cache fills the cache for case g.
            if kept:
                shutil.rmtree(kept.pop(), ignore_errors=True)
            run, out = self.ours(source, "pdf", f"jobs2-pdf-{n}", cold=False, jobs=2, keep=True)
            kept.append(out)
            return run

        runs = [two() for _ in range(reps)]
        best = min(runs, key=lambda r: (r.broken, r.wall))
        self.say(f"  N={n:<5} f. ours PDF --jobs 1    {fmt_run(one)}")
        self.say(f"  N={n:<5} f. ours PDF --jobs 2    {fmt_run(best)}")
        speedup = one.wall / best.wall if best.wall and not (one.broken or best.broken) else float("nan")
        other.append(
            (
                f"f. PDF N={n}: --jobs 1 vs --jobs 2",
                f"{secs(one.wall)} vs {secs(best.wall)} wall: **{speedup:.2f}x** speedup "
                f"(CPU {secs(one.cpu)} vs {secs(best.cpu)}; peak RSS {mb(one.rss_kb)} vs {mb(best.rss_kb)}; "
                f"{os.cpu_count()} cores)",
            )
        )
        self.jobs_pdf_n = n
        return kept[0] if kept and not best.broken else None

    def warm_copy(self, inputs: InputSet, tag: str) -> Path:
        """A private copy of the manuscripts, since case g edits one of them."""
        target = self.tmp / f"warm-{tag}-{inputs.n}" / "manuscripts"
        if not target.exists():
            shutil.copytree(inputs.folder, target)
        return target

    # -- g: warm rebuilds --

    def warm_case(self, sets: dict[int, InputSet], pdf_out: Path | None) -> None:
        other = self.results["other"]
        if not self.flags["no_cache"]:
            other.append(("g. warm rebuild", "n/a (pipeline has no cache / --no-cache yet)"))
            self.say("  g. warm rebuild: n/a (no --no-cache, so no cache)")
            return
        epub_n = 100 if 100 in sets else max(sets)
        self.warm_one("epub", epub_n, self.warm_copy(sets[epub_n], "epub"), None)
        pdf_candidates = [n for n in sets if self.pdf_allowed(n) and n <= 100]
        if not pdf_candidates:
            other.append(("g. warm rebuild PDF", "n/a (no PDF size measured)"))
            return
        pdf_n = getattr(self, "jobs_pdf_n", max(pdf_candidates))
        self.warm_one("pdf", pdf_n, self.warm_copy(sets[pdf_n], "pdf"), pdf_out)

    def warm_one(self, fmt: str, n: int, source: Path, out: Path | None) -> None:
        other = self.results["other"]
        label = fmt.upper()
        if out is None:
            first, out = self.ours(source, fmt, f"warm-{fmt}-{n}", cold=False, keep=True)
            cold = self.results[fmt].get(n, {}).get("ours")
            compare = f" (--no-cache: {secs(cold.wall)})" if cold else ""
            other.append(
                (
                    f"g. {label} N={n}: cold build into an empty folder, cache on",
                    f"{secs(first.wall)} wall{compare}",
                )
            )
            self.say(f"  N={n:<5} g. ours {label} cold, cache on  {fmt_run(first)}")
        folder = out / fmt

        def rebuild(name: str) -> tuple[Run, int, int]:
            before, others_before = snapshot(folder), snapshot_other(out)
            run, _ = self.ours(source, fmt, name, cold=False, out=out, keep=True)
            after, others_after = snapshot(folder), snapshot_other(out)
            changed = sum(1 for p, m in after.items() if before.get(p) != m)
            changed_other = sum(1 for p, m in others_after.items() if others_before.get(p) != m)
            return run, changed, changed_other

        warm, changed, changed_other = rebuild(f"warm2-{fmt}-{n}")
        verdict = "yes" if warm.wall < 1.0 else "**no**"
        other.append(
            (
                f"g. {label} N={n}: warm rebuild, nothing changed",
                f"{secs(warm.wall)} wall, CPU {secs(warm.cpu)}, {changed} of {n} outputs rewritten "
                f"(expect 0), {changed_other} other files rewritten; < 1 s: {verdict}",
            )
        )
        self.say(f"  N={n:<5} g. ours {label} warm           {fmt_run(warm)}  rewritten={changed}")

        files = sorted(find_inputs(source))
        edited = files[0]
        with open(edited, "a", encoding="utf-8") as fh:
            fh.write("\n\nOne more paragraph, added by the benchmark to change this manuscript.\n")
        one, changed, _ = rebuild(f"warm3-{fmt}-{n}")
        verdict = "yes" if changed == 1 else "**no**"
        other.append(
            (
                f"g. {label} N={n}: one manuscript edited, rebuild",
                f"{secs(one.wall)} wall, CPU {secs(one.cpu)}, {changed} outputs rewritten (expect 1): {verdict}",
            )
        )
        self.say(f"  N={n:<5} g. ours {label} one edited     {fmt_run(one)}  rewritten={changed}")

        if len(files) > 1:
            touched = files[1]
            later = time.time() + 5
            os.utime(touched, (later, later))
            run, changed, _ = rebuild(f"warm4-{fmt}-{n}")
            other.append(
                (
                    f"g. {label} N={n}: one manuscript touched (same bytes), rebuild",
                    f"{secs(run.wall)} wall, {changed} outputs rewritten (content-hash cache: 0 expected)",
                )
            )
            self.say(f"  N={n:<5} g. ours {label} one touched    {fmt_run(run)}  rewritten={changed}")
        shutil.rmtree(out, ignore_errors=True)

    # -- h: growth with manuscript size --

    def growth_case(self, sources: list[Path]) -> None:
        source = growth_source(sources)
        points = []
        for times in self.args.growth:
            folder = self.tmp / f"growth-{times}"
            folder.mkdir()
            path = folder / f"{source.stem}-x{times}{source.suffix}"
            path.write_text(grown(source, times), encoding="utf-8")
            size = path.stat().st_size
            run = best_of(self.reps(1), lambda: self.ours(path, "epub", f"growth-{times}")[0])
            points.append((times, size, run))
            self.say(f"  x{times:<4} ({size / 1024:7.0f} KB) h. ours EPUB {fmt_run(run)}")
        cells = ", ".join(f"{t}x ({s / 1024:.0f} KB): {secs(r.wall)}, {mb(r.rss_kb)}" for t, s, r in points)
        self.results["other"].append(
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
            self.results["other"].append(("h. size growth slope", text))
            self.say(f"  h. slope: {text}")

    # -- i: EPUB-only runs never import WeasyPrint --

    def import_case(self, sets: dict[int, InputSet]) -> None:
        n = next((n for n in sorted(sets) if n > 1), min(sets))
        out = self.fresh("importtime")
        cmd = [PY, "-X", "importtime", *self.ours_cmd(sets[n].folder, "epub", out, cold=True)[1:]]
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=self.args.timeout)
        shutil.rmtree(out, ignore_errors=True)
        lines = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
        leaked = sorted(
            {line.split("|")[-1].strip() for line in lines if "weasyprint" in line.split("|")[-1]}
        )
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
        self.results["other"].append((f"i. EPUB-only build (N={n}) never imports WeasyPrint", verdict))
        self.results["other"].append(
            ("i. import time of an EPUB build (all processes)", f"{total:.2f} s; top: {top}")
        )
        self.say(f"  i. import check: {verdict}; imports {total:.2f} s ({top})")


def find_inputs(source: Path) -> list[Path]:
    if source.is_dir():
        return [
            p
            for p in source.iterdir()
            if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
        ]
    return [source]


def snapshot(folder: Path) -> dict[str, int]:
    if not folder.is_dir():
        return {}
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file()}


def snapshot_other(out: Path) -> dict[str, int]:
    """Files outside the format folders and the cache (the catalog, covers)."""
    if not out.is_dir():
        return {}
    skip = {"epub", "pdf", ".cache"}
    return {
        str(p): p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file() and p.relative_to(out).parts[0] not in skip
    }


# --------------------------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------------------------


def secs(value: float) -> str:
    if value != value:  # NaN
        return "n/a"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def mb(kb: int) -> str:
    return f"{kb / 1024:.0f} MB"


def fmt_run(run: Run | None) -> str:
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


def tables(bench: Bench) -> str:
    res = bench.results
    out = [
        "## EPUB",
        "",
        "| N | ours wall | ours CPU | ours peak RSS | pandoc wall | pandoc CPU | pandoc RSS | ratio (peer/ours wall) "
        "| bare loop wall | bare loop CPU | pandoc/bare |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, row in res["epub"].items():
        ours, peer, bare = row.get("ours"), row.get("peer"), row.get("bare")
        out.append(
            f"| {n} | {cell(ours, 'wall')} | {cell(ours, 'cpu')} | {cell(ours, 'rss_kb')} | "
            f"{cell(peer, 'wall')} | {cell(peer, 'cpu')} | {cell(peer, 'rss_kb')} | {ratio(peer, ours)} | "
            f"{cell(bare, 'wall')} | {cell(bare, 'cpu')} | {ratio(peer, bare)} |"
        )
    out += [
        "",
        "## PDF",
        "",
        "| N | ours wall | ours CPU | ours peak RSS | pandoc+WeasyPrint wall | peer CPU | peer RSS | "
        "ratio (peer/ours wall) | WeasyPrint floor wall | floor CPU | floor RSS | ours vs floor |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, row in res["pdf"].items():
        if row.get("skipped"):
            out.append(f"| {n} | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |")
            continue
        ours, peer, floor = row.get("ours"), row.get("peer"), row.get("floor")
        versus = "n/a"
        if ours and floor and not ours.broken and not floor.broken and floor.wall:
            versus = f"{(ours.wall / floor.wall - 1) * 100:+.0f}%"
        out.append(
            f"| {n} | {cell(ours, 'wall')} | {cell(ours, 'cpu')} | {cell(ours, 'rss_kb')} | "
            f"{cell(peer, 'wall')} | {cell(peer, 'cpu')} | {cell(peer, 'rss_kb')} | {ratio(peer, ours)} | "
            f"{cell(floor, 'wall')} | {cell(floor, 'cpu')} | {cell(floor, 'rss_kb')} | {versus} |"
        )
    out += ["", "## Other cases", "", "| case | result |", "|---|---|"]
    out += [f"| {name} | {text} |" for name, text in res["other"]]
    return "\n".join(out) + "\n"


def floor_bound(bench: Bench) -> None:
    """The best PDF ratio our design can reach on this machine: the peer loop's wall time over the
    floor's CPU time shared perfectly among every core (no pipeline cost at all, no idle core)."""
    cores = os.cpu_count() or 1
    for n, row in bench.results["pdf"].items():
        peer, floor, ours = row.get("peer"), row.get("floor"), row.get("ours")
        if not peer or not floor or peer.broken or floor.broken or not floor.cpu:
            continue
        usable = min(cores, n)  # one guide keeps one core busy
        best = peer.wall / (floor.cpu / usable)
        reached = (
            f"; ours reach {peer.wall / ours.wall:.2f}x, {peer.wall / ours.wall / best:.0%} of it"
            if ours and not ours.broken and ours.wall
            else ""
        )
        bench.results["other"].append(
            (
                f"e. PDF N={n}: the best ratio the WeasyPrint floor allows on {usable} of {cores} cores",
                f"{secs(peer.wall)} / ({secs(floor.cpu)} floor CPU / {usable}) = **{best:.2f}x**{reached}",
            )
        )


def steady_state(bench: Bench) -> None:
    """Per-guide CPU at scale: the slope of CPU between the two largest EPUB sizes."""
    rows = bench.results["epub"]
    sizes = sorted(n for n in rows if n > 1)
    if len(sizes) < 2:
        bench.results["other"].append(("per-guide steady-state CPU (EPUB)", "n/a (needs two sizes above 1)"))
        return
    hi = 1000 if 1000 in rows else sizes[-1]
    lo = 100 if hi == 1000 and 100 in rows else sizes[sizes.index(hi) - 1]
    parts = []
    for key, name in (("ours", "ours"), ("peer", "pandoc"), ("bare", "bare loop")):
        a, b = rows[lo].get(key), rows[hi].get(key)
        if a and b and not a.broken and not b.broken:
            parts.append(
                f"{name} {(b.cpu - a.cpu) / (hi - lo) * 1000:.0f} ms CPU, "
                f"{(b.wall - a.wall) / (hi - lo) * 1000:.0f} ms wall per guide"
            )
    bench.results["other"].append(
        (f"per-guide steady-state (EPUB, N={lo} to {hi})", "; ".join(parts) or "n/a")
    )


def loadavg() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (-1.0, -1.0, -1.0)


def machine() -> list[str]:
    def output(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "n/a"

    pandoc = output(["pandoc", "--version"]).splitlines()[:1] or ["pandoc: not installed"]
    weasy = output([PY, "-c", "import weasyprint; print(weasyprint.__version__)"]) or "n/a"
    python = output([PY, "-c", "import sys; print(sys.version.split()[0])"]) or "n/a"
    cpu = "n/a"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return [
        f"- Date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- Machine: nproc={os.cpu_count()}, {cpu}, {platform.system()} {platform.machine()}",
        f"- Python {python}, {pandoc[0]}, WeasyPrint {weasy}",
    ]


# --------------------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_loop"]:
        return loop_main(*argv[1:5])
    if argv[:1] == ["_floor"]:
        return floor_main(*argv[1:4])
    if argv[:1] == ["_bare"]:
        return bare_main(*argv[1:4])

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=parse_sizes, default=None, help="manuscript counts (default 1,10,100,1000)"
    )
    parser.add_argument("--quick", action="store_true", help="sizes 1,10,100 and PDF only up to 10")
    parser.add_argument("--full", action="store_true", help="PDF cases at every size, 1000 included")
    parser.add_argument(
        "--pdf-max", type=int, default=None, help="largest N for the PDF cases (default 100; 10 with --quick)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per case for N <= 10, best kept (default 3)"
    )
    parser.add_argument(
        "--growth", type=parse_sizes, default=[1, 10, 100], help="size multipliers (default 1,10,100)"
    )
    parser.add_argument(
        "--ours-jobs",
        type=int,
        default=None,
        help="pass --jobs N to our builds in cases a and c (default: the pipeline's default)",
    )
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed per measured command")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the Markdown results")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder (printed) for inspection"
    )
    args = parser.parse_args(argv)
    args.sizes = args.sizes or ([1, 10, 100] if args.quick else [1, 10, 100, 1000])
    if args.pdf_max is None:
        args.pdf_max = 10 if args.quick else 100
    args.repeat = max(1, args.repeat)

    def stop(signum, _frame):  # SIGTERM cleans the temporary folder like Ctrl-C does
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    started = time.perf_counter()
    # An installed tool runs from bytecode; where PYTHONDONTWRITEBYTECODE is set (as on some CI
    # machines) every run of ours would compile the package again (40 ms), which pandoc never pays.
    compileall.compile_dir(str(ROOT / "pipeline"), quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="study-guide-bench-"))
    try:
        bench = Bench(args, tmp)
        header = machine()
        load_start = loadavg()
        print("\n".join(header))
        flags = bench.flags
        print(
            f"- pipeline flags: --jobs {'yes' if flags['jobs'] else 'n/a'}, --no-cache "
            f"{'yes' if flags['no_cache'] else 'n/a'}; pandoc {'yes' if bench.have_pandoc else 'n/a'}"
        )
        sources = shipped_manuscripts()
        sets = {n: generate(n, tmp, sources) for n in args.sizes}
        print(
            f"- generated {', '.join(str(n) for n in sets)} manuscripts from {len(sources)} shipped ones in {tmp}"
        )
        print("a-e. side by side")
        bench.side_by_side(sets)
        print("f. --jobs")
        pdf_out = bench.jobs_case(sets)
        print("g. warm rebuilds")
        bench.warm_case(sets, pdf_out)
        print("h. growth with manuscript size")
        bench.growth_case(sources)
        print("i. imports")
        bench.import_case(sets)
        steady_state(bench)
        floor_bound(bench)
        if getattr(bench, "floor_split", None):
            bench.results["other"].append(bench.floor_split)
        load_end = loadavg()
        elapsed = time.perf_counter() - started
        jobs = args.ours_jobs if args.ours_jobs is not None else f"pipeline default ({os.cpu_count()} cores)"
        command = "bench/run.py " + " ".join(argv)
        floors = [
            row["floor"]
            for row in bench.results["pdf"].values()
            if row.get("floor") and not row["floor"].broken
        ]
        share = (
            sum(r.cpu for r in floors) / sum(r.wall for r in floors)
            if floors and sum(r.wall for r in floors)
            else None
        )
        busy = load_start[0] > (os.cpu_count() or 1) * 0.5 or (share is not None and share < 0.85)
        notes = [
            f"- Load average (1 min) before the run {load_start[0]:.2f}, after it {load_end[0]:.2f} (includes the "
            "benchmark itself)"
            + (
                f"; CPU/wall of the single-threaded WeasyPrint floor: {share:.0%} (about 100% "
                "on an idle machine)"
                if share is not None
                else ""
            )
            + (
                ". **The machine was busy with other work: wall times are inflated, CPU times are the steadier "
                "comparison.**"
                if busy
                else ""
            ),
            f"- Command: `{command.strip()}` ({elapsed / 60:.1f} min); pipeline flags: --jobs "
            f"{'yes' if flags['jobs'] else 'n/a'}, --no-cache {'yes' if flags['no_cache'] else 'n/a'}",
            f"- Ours: `python -m pipeline build DIR --format F --out OUT --quiet"
            f"{' --no-cache' if flags['no_cache'] else ''}`, --jobs: {jobs}. "
            "Peers: one pandoc (and one `python -m weasyprint`) process per file, sequential.",
            "- wall = elapsed; CPU = user+sys of the whole process tree; RSS = peak of the largest single process. "
            f"EPUB N <= 100 and PDF N <= 10: best of {args.repeat} by wall, ours and peers alike. Ratio > 1 means ours is faster. "
            "WeasyPrint floor = WeasyPrint laying out and writing our final HTML (book and index) in one warm process "
            "(timed part only). Bare loop = markdown-it-py + ebooklib, one chapter a book, one process.",
        ]
        text = "# Benchmark results\n\n" + "\n".join(header + notes) + "\n\n" + tables(bench)
        print()
        print(tables(bench))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out} in {elapsed:.0f} s")
        return 0
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
