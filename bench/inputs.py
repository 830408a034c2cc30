"""The benchmark's inputs: N retitled copies of the shipped manuscripts, what pandoc reads, grown ones.

Every reading of a manuscript (its dialect, its loose lines as Markdown, its byline, its headings)
is the pipeline's own, through bench.pipeline_api; this module only copies and edits text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bench.paths import SHIPPED, SUFFIXES
from bench.pipeline_api import adapt, parse_markdown, section_kind, split_byline

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(\n|\Z)", re.S)
# "- Title: X" fields in the body, wherever they are, get the suffix too.
_TITLE_FIELD = re.compile(
    r"^(\s*(?:[-*+]\s+)?(?:\*\*)?Title(?:\*\*)?\s*:\s*(?:\*\*)?\s*)(\S.*?)\s*$", re.M | re.I
)


@dataclass
class InputSet:
    n: int
    folder: Path  # our manuscripts (the folder we pass to `build`)
    ours: list[Path]
    pandoc: list[Path]  # what pandoc reads: the same .md files, converted .txt files
    pandoc_list: Path


def find_inputs(source: Path) -> list[Path]:
    """The manuscripts a `build` of `source` (a folder or one file) reads."""
    if source.is_dir():
        return [
            p
            for p in source.iterdir()
            if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
        ]
    return [source]


def shipped_manuscripts() -> list[Path]:
    files = sorted(find_inputs(SHIPPED))
    if not files:
        raise SystemExit(f"no manuscripts in {SHIPPED}")
    return files


def _yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def retitle(text: str, suffix: str) -> str:
    """Give a manuscript a distinct title (so a distinct identifier) by appending `suffix`."""
    front = _FRONT_MATTER.match(text)
    head, body = (text[: front.end()], text[front.end() :]) if front else ("", text)
    text = head + _TITLE_FIELD.sub(lambda m: m.group(1) + m.group(2) + suffix, body)
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
    if adapt(text).dialect != "loose":  # the first level-1 heading, `# ` or setext, is the title
        tokens = parse_markdown(text)
        title_line = next(
            (t.map[0] for t in tokens if t.type == "heading_open" and t.tag == "h1" and t.map), None
        )
        if title_line is not None:
            lines[title_line] = lines[title_line].rstrip() + suffix
            return "\n".join(lines)
    # Loose dialect: line 1 is the title, and a "Title by Author" line names the author.
    title = lines[first].strip()
    lines[first] = title + suffix
    if first + 1 < len(lines):
        byline = lines[first + 1].strip()
        if byline.startswith(title) and split_byline(byline, title):
            lines[first + 1] = title + suffix + byline[len(title) :]
    return "\n".join(lines)


def pandoc_markdown(text: str) -> str:
    """A loose manuscript as the pipeline's own adapter turns it into Markdown (`# ` on line 1,
    bare section headings as `##`, every line a block), runs of blank lines collapsed."""
    return re.sub(r"\n{3,}", "\n\n", adapt(text).text).strip() + "\n"


def generate(n: int, root: Path, sources: list[Path]) -> InputSet:
    """N copies of `sources`, cycled and retitled, in root/nN/manuscripts; pandoc's list beside them."""
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
        if adapt(text).dialect == "loose" or source.suffix.lower() == ".txt":
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
    text = source.read_text(encoding="utf-8")
    lines = text.split("\n")
    adapted = adapt(text)
    tokens = parse_markdown(adapted.text)
    headings = []  # (first line, first line after the heading, title), 0-based lines of `source`
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            start = adapted.source_line(token.map[0]) - 1
            headings.append((start, adapted.source_line(token.map[1] - 1), tokens[i + 1].content))
    for k, (_start, body_start, title) in enumerate(headings):
        if section_kind(title) == "summary":
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
