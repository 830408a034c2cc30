"""Render repro.html and larger documents of the same shape; count page layouts and time them.

Each document is rendered twice: with `target-counter()` in the contents, and with the same page
numbers written as text. The page is laid out by `weasyprint.layout.page.make_page`; its calls
are counted. Run: python run.py
"""

import re
import time
from pathlib import Path

import weasyprint
from weasyprint.layout import page as page_layout

HERE = Path(__file__).parent
CALLS = [0]
LAID_OUT: list[int] = []  # the number of each page laid out, in order
_make_page = page_layout.make_page


def counting_make_page(context, root_box, page_type, resume_at, page_number, *args, **kwargs):
    CALLS[0] += 1
    LAID_OUT.append(page_number)
    return _make_page(context, root_box, page_type, resume_at, page_number, *args, **kwargs)


page_layout.make_page = counting_make_page


def document(sections: int, literal: bool) -> str:
    """The repro's shape with `sections` sections; `literal` writes the numbers as text."""
    style = re.search(r"<style>.*</style>", (HERE / "repro.html").read_text(), re.S).group(0)
    if literal:
        style = style.replace("target-counter(attr(href), page)", "attr(data-page)")
    nav = "".join(f'<a href="#s{n}" data-page="{n + 1}">Section {n}</a>' for n in range(1, sections + 1))
    body = "".join(
        f'<section id="s{n}"><h1>Section {n}</h1><p>Some text.</p></section>' for n in range(1, sections + 1)
    )
    return f"<!DOCTYPE html><html><head>{style}</head><body><nav>{nav}</nav>{body}</body></html>"


def render(html: str, **kwargs) -> tuple[int, int, float]:
    """(pages, page layouts, CPU seconds, best of 3)."""
    best = None
    for _ in range(3):
        CALLS[0] = 0
        LAID_OUT.clear()
        start = time.process_time()
        pages = weasyprint.HTML(string=html, **kwargs).render().pages
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    return len(pages), CALLS[0], best


print(f"WeasyPrint {weasyprint.__version__}")
pages, calls, spent = render((HERE / "repro.html").read_text(), base_url=str(HERE))
print(f"repro.html: {pages} pages, {calls} page layouts, {spent * 1000:.0f} ms")
print(f"pages laid out, in order: {LAID_OUT}")
print("sections  pages  layouts(target-counter)  layouts(text)  ms(target-counter)  ms(text)")
for sections in (5, 10, 20, 40):
    tc = render(document(sections, literal=False))
    text = render(document(sections, literal=True))
    print(f"{sections:8}  {tc[0]:5}  {tc[1]:23}  {text[1]:13}  {tc[2] * 1000:18.0f}  {text[2] * 1000:8.0f}")
