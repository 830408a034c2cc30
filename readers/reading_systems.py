"""Open built EPUBs in real reading systems (epub.js and foliate-js in Debian's Chromium) and measure them.

Each case is one guide in one engine at one screen size, type size and theme. The harness page
(harness/index.html) is served with the engines' npm packages and the EPUBs from a local HTTP server
on 127.0.0.1 (an ephemeral port); Playwright drives the system Chromium, never a downloaded one. A
case shows every spine section, measuring overflow, split or stranded headings and entry names and
contrast, then follows every contents entry, reader table-of-contents entry, cross-link and footnote
and checks its target is on the page shown. `python readers/reading_systems.py` (`make readers`)
runs the matrix and writes output/readers/ (results.json, contact-sheet.png);
tests/end_to_end/test_reading_systems.py runs the same cases under pytest.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ENGINES = ("epubjs", "foliate")
SIZES = {"phone": (390, 844), "tablet": (820, 1180)}
FONTS = (1, 2)
THEMES = ("light", "night")
SHIPPED = tuple(sorted(p.stem for p in (REPO / "manuscripts").iterdir() if p.suffix in {".md", ".txt"}))
CORPUS = (
    "tests/corpus/botchan.md",
    "tests/corpus/der-process.md",
    "tests/corpus/journey-to-the-west.md",
    "tests/corpus/kalila-wa-dimna.md",
    "tests/corpus/illustrated/the-wind-in-the-willows.md",
    # One guide in each further script and right-to-left language the pipeline reads (issue 17's
    # languages): Hebrew, Persian, Urdu, Korean, Greek, Devanagari, Bengali, Tamil, Thai, Armenian,
    # Georgian, Cyrillic.
    "tests/corpus/languages/sipur-pashut-he.md",
    "tests/corpus/languages/boof-e-koor-fa.md",
    "tests/corpus/languages/aangan-ur.md",
    "tests/corpus/languages/hong-gildong-jeon-ko.md",
    "tests/corpus/languages/zorbas-el.md",
    "tests/corpus/languages/godaan-hi.md",
    "tests/corpus/languages/pather-panchali-bn.md",
    "tests/corpus/languages/ponniyin-selvan-ta.md",
    "tests/corpus/languages/si-phaendin-th.md",
    "tests/corpus/languages/samvel-hy.md",
    "tests/corpus/languages/vepkhistkaosani-ka.md",
    "tests/corpus/languages/prestuplenie-i-nakazanie-ru.md",
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing() -> str | None:
    """Why the harness cannot run here (a sentence), or None when it can."""
    if chromium() is None:
        return "Debian's chromium is not installed; scripts/system-deps installs it"
    if (
        not (HERE / "node_modules" / "epubjs" / "dist" / "epub.min.js").exists()
        or not (HERE / "node_modules" / "foliate-js" / "view.js").exists()
    ):
        return "the readers' npm packages are missing (scripts/system-deps runs npm ci --prefix readers)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (a test dependency)"
    return None


@dataclass(frozen=True)
class Case:
    guide: str
    engine: str
    size: str
    font: int
    theme: str

    @property
    def name(self) -> str:
        return f"{self.guide}-{self.engine}-{self.size}-{self.font}x-{self.theme}"


@dataclass
class Result:
    case: Case
    sections: int = 0
    overflows: list[dict] = field(default_factory=list)
    splits: list[dict] = field(default_factory=list)
    contrasts: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)  # every link followed, with `landed`
    errors: list[str] = field(default_factory=list)
    shots: list[str] = field(default_factory=list)
    cover: dict | None = None  # where the cover picture is drawn, and the window (harness.cover)
    seconds: float = 0.0

    @property
    def missed(self) -> list[dict]:
        return [link for link in self.links if not link["landed"]]


def matrix(guides: tuple[str, ...], full: tuple[str, ...]) -> list[Case]:
    """Phone, 2x type, night theme for every guide; every size, type size and theme for `full`."""
    cases = []
    for guide in guides:
        for engine in ENGINES:
            for size in SIZES:
                for font in FONTS:
                    for theme in THEMES:
                        if guide in full or (size, font, theme) == ("phone", 2, "night"):
                            cases.append(Case(guide, engine, size, font, theme))
    return cases


def build_books(out: Path) -> Path:
    """Build the shipped guides and the test corpus as EPUBs into `out`/epub; returns that folder."""
    sources = ["manuscripts", *CORPUS]
    command = [sys.executable, "-m", "pipeline", "build", *sources, "--format", "epub", "--out", str(out)]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True, text=True)
    return out / "epub"


class _Handler(http.server.SimpleHTTPRequestHandler):
    books: Path

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean.startswith("/books/"):
            return str(self.books / Path(clean).name)
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(books: Path) -> Iterator[str]:
    """Serve the harness, the engines and `books` on 127.0.0.1 at an ephemeral port; yields the base URL."""
    handler = type("Handler", (_Handler,), {"books": books})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(HERE))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def browser() -> Iterator[object]:
    """Debian's Chromium under Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def run_case(chrome: object, base: str, case: Case, shots: Path | None = None) -> Result:
    """Open `case.guide` in its engine, measure every section, follow every link; screenshot into `shots`."""
    started = time.monotonic()
    result = Result(case)
    width, height = SIZES[case.size]
    context = chrome.new_context(
        viewport={"width": width, "height": height}, color_scheme="dark" if case.theme == "night" else "light"
    )
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and result.errors.append(m.text))
    page.on("pageerror", lambda e: result.errors.append(str(e)))
    try:
        page.goto(f"{base}/harness/index.html")
        page.wait_for_function("window.harness !== undefined")
        options = {"font": case.font, "theme": case.theme}
        sections = page.evaluate(
            "([e, u, o]) => harness.open(e, u, o)", [case.engine, f"{base}/books/{case.guide}.epub", options]
        )
        result.sections = len(sections)
        result.cover = page.evaluate("harness.cover()")
        links: dict[tuple[str, str], None] = {}  # (href, kind), in the order met
        for index in range(len(sections)):
            seen = page.evaluate("i => harness.show(i)", index)
            where = {"section": sections[index].rsplit("/", 1)[-1]}
            result.overflows += [{**where, **item} for item in seen["overflows"]]
            result.splits += [{**where, **item} for item in seen["splits"]]
            result.contrasts += [{**where, **item} for item in seen["contrasts"]]
            for link in seen["links"]:
                target = page.evaluate("([i, h]) => harness.resolve(i, h)", [index, link["href"]])
                links[target, link["kind"]] = None
            if shots is not None:
                shot = shots / f"{case.name}-{index:02d}.jpeg"
                page.screenshot(path=str(shot), type="jpeg", quality=70)
                result.shots.append(str(shot))
        for entry in page.evaluate("harness.toc()"):  # the reader's own contents list, not the nav page
            links[entry["href"], "toc"] = None
        for target, kind in links:
            landed = page.evaluate("h => harness.follow(h)", target)
            result.links.append({"href": target, "kind": kind, "landed": landed["landed"]})
        result.errors += page.evaluate("harness.errors")
    finally:
        context.close()
    result.seconds = round(time.monotonic() - started, 2)
    return result


# A cover fills a phone screen: it spans 85 % of its width or height, its centre within 3 % of the
# screen's (the readers keep their own margins, foliate-js about 7 % a side).
COVER_FILL = (0.85, 0.03)


def cover_fill(cover: dict) -> tuple[float, float]:
    """How much of the window the cover picture spans (its larger share of the width or the
    height) and how far its centre is from the window's (the larger share of either axis)."""
    across = (cover["right"] - cover["left"]) / cover["width"]
    down = (cover["bottom"] - cover["top"]) / cover["height"]
    off_x = abs((cover["left"] + cover["right"]) / 2 - cover["width"] / 2) / cover["width"]
    off_y = abs((cover["top"] + cover["bottom"]) / 2 - cover["height"] / 2) / cover["height"]
    return round(max(across, down), 3), round(max(off_x, off_y), 3)


def fills_screen(cover: dict | None) -> bool:
    """The cover picture spans COVER_FILL of the window and is centred in it."""
    if cover is None:
        return False
    span, off_centre = cover_fill(cover)
    return span >= COVER_FILL[0] and off_centre <= COVER_FILL[1]


def summary(results: list[Result]) -> dict:
    return {
        "cases": len(results),
        "guides": len({r.case.guide for r in results}),
        "sections": sum(r.sections for r in results),
        "links followed": sum(len(r.links) for r in results),
        "links missed": sum(len(r.missed) for r in results),
        "overflows": sum(len(r.overflows) for r in results),
        "splits": sum(len(r.splits) for r in results),
        "contrast failures": sum(len(r.contrasts) for r in results),
        "console errors": sum(len(r.errors) for r in results),
        "phone covers not filling the screen": sum(
            1 for r in results if r.case.size == "phone" and not fills_screen(r.cover)
        ),
        "seconds": round(sum(r.seconds for r in results), 1),
    }


def main(argv: list[str]) -> int:
    """`make readers`: the matrix over every guide, results.json and contact-sheet.png in output/readers.

    Two shipped guides open in the whole matrix and the rest at phone size, 2x type, night; with
    `--full` every shipped guide opens in the whole matrix.
    """
    from contact_sheet import contact_sheet

    full = SHIPPED if "--full" in argv else SHIPPED[:2]
    argv = [arg for arg in argv if arg != "--full"]
    out = REPO / (argv[0] if argv else "output/readers")
    why = missing()
    if why:
        print(f"readers: skipped: {why}")
        return 0
    shots = out / "shots"
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    books = build_books(out / "books")
    guides = tuple(sorted(p.stem for p in books.glob("*.epub")))
    results = []
    with serve(books) as base, browser() as chrome:
        for case in matrix(guides, full=full):
            results.append(run_case(chrome, base, case, shots))
            print(f"readers: {case.name}: {results[-1].seconds} s", flush=True)
    report = {"summary": summary(results), "cases": [{**asdict(r), "case": asdict(r.case)} for r in results]}
    (out / "results.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    sheet = contact_sheet(results, out / "contact-sheet.png")
    print(f"readers: {json.dumps(report['summary'])}; contact sheet {sheet}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
