"""The WeasyPrint floor's child process: WeasyPrint alone on our final HTML, the book and its index.

Runs as `bench/run.py _floor LIST OUT STATUS` in one long-lived process. Only WeasyPrint's layouts
(the finished book's, the index's final one) and the writing of the PDF are timed; the status file
carries those times, which replace the process's own. The finished book is the HTML our build ends
with: its contents' page numbers and dots written as text (pdf.contents); finding them takes a
first layout, our pipeline's cost like the index's measuring layout, not timed.
"""

from __future__ import annotations

import gc
import json
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.peers import read_list
from bench.pipeline_api import collector_pace, floor_api


def _final_index_css(pdf_index: ModuleType, document, guide, theme, options) -> tuple[str | None, str]:
    """The index's HTML and the page and column CSS its final layout gets (not timed: finding
    the balanced height takes a measuring layout, which is our pipeline's cost, not the floor's)."""
    index = pdf_index.index_html(guide, pdf_index.anchor_pages(document))
    if index is None:
        return None, ""
    sheets: list[str] = []
    real = pdf_index.render_document  # append_index lays the index out through this name

    def spy(*args: Any, **kwargs: Any):
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
    """Lay out and write each listed manuscript's PDF as our build would, timing WeasyPrint alone."""
    import weasyprint  # noqa: F401  (imported before timing starts, like a long-lived server)

    engine, book, pdf_index, load_guide, load_theme = floor_api()
    files = read_list(listfile)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    theme, options = load_theme(None), engine.PrintOptions()
    # The collector paced as our printing workers pace it (one collection after each guide, timed
    # here as there): the bound is the engine's with the best process policy we know, not Python's
    # default, which spends 40-65 ms a guide collecting WeasyPrint's boxes.
    threshold, full_every = collector_pace()
    gc.set_threshold(threshold, *gc.get_threshold()[1:])
    printed = 0
    wall = cpu = render_wall = 0.0
    failed, errors = 0, []
    for source in files:
        try:
            guide, _report = load_guide(source)  # not timed
            html = book.lay_out_book(guide, theme, options)[1]  # not timed: finds the numbers
            gc.collect()  # the finding layouts' garbage is ours to collect, not on the floor's clock
        except Exception as exc:
            failed += 1
            errors.append(f"{source.name}: {type(exc).__name__}: {exc}")
            continue
        w0, c0 = time.perf_counter(), time.process_time()
        try:
            document = engine.render_document(html, guide, theme, options)
            paused_wall, paused_cpu = time.perf_counter(), time.process_time()
            index, index_css = _final_index_css(pdf_index, document, guide, theme, options)
            w0 += time.perf_counter() - paused_wall
            c0 += time.process_time() - paused_cpu
            pages = document.pages
            if index is not None:
                if pdf_index.has_index(guide) and pages and pdf_index.INDEX_ANCHOR in pages[-1].anchors:
                    pages = pages[:-1]  # the page the book keeps for its index
                pages = (
                    pages + engine.render_document(index, guide, theme, options, extra_css=index_css).pages
                )
            document = document.copy(pages)
            render_wall += time.perf_counter() - w0
            engine.write_document(document, out / f"{source.stem}.pdf", options)
            printed += 1
            gc.collect(2 if printed % full_every == 0 else 1)
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
