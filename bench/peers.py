"""The peers' child processes: the pandoc (+ WeasyPrint) shell-style loops and the bare Python loop.

Each runs as `bench/run.py _loop|_bare ...` in its own measured process and writes a status file
(inputs, failures, the first errors) that the parent reads after reaping it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from bench.paths import PY


def read_list(listfile: str) -> list[Path]:
    """The input files named one a line in `listfile`."""
    return [Path(line) for line in Path(listfile).read_text(encoding="utf-8").splitlines() if line]


def loop_main(kind: str, listfile: str, outdir: str, status: str) -> int:
    """One process per file, sequentially, as a user's shell loop would; failures are counted."""
    files = read_list(listfile)
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

    files = read_list(listfile)
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
