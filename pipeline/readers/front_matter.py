"""YAML front matter: read safely (no aliases, a C loader where there is one), cleaned of what XML
cannot carry, its fields taken into the metadata draft; and pandoc's "% Title" block, which is
front matter written another way."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.i18n.fields import canonical_key
from pipeline.model.diagnostics import Report
from pipeline.readers.metadata import MetadataDraft, absorb_field
from pipeline.readers.note_links import plain_value
from pipeline.readers.plain_yaml import plain_mapping
from pipeline.readers.unsafe_chars import strip_unsafe

if TYPE_CHECKING:  # dialects reads the pandoc block through this module
    from pipeline.readers.dialects import Adapted

_UNUSABLE = object()  # a document PyYAML refused (its warning given), unlike one that reads as None


def read_front_matter(adapted: Adapted, report: Report) -> dict[str, object]:
    """The front matter's keys and values, or {} (with a warning when it is there but unusable)."""
    if adapted.dialect != "frontmatter":
        return {}
    end = adapted.text.find("\n---", 3)
    if end < 0:
        report.warn("W-FRONT-MATTER", "front matter is not closed by a '---' line", 1)
        return {}
    text = adapted.text[4:end]
    data = plain_mapping(text)  # `key: value` lines need no PyYAML, nor the time importing it takes
    if data is None:
        data = _yaml_document(text, report)
        if data is _UNUSABLE:
            return {}
    if not isinstance(data, dict):
        report.warn("W-FRONT-MATTER", "front matter is not a mapping of keys to values", 1)
        return {}
    cleaned = {str(k): _clean_value(v) for k, v in data.items()}
    if cleaned != {str(k): v for k, v in data.items()}:
        report.warn("W-CONTROL-CHARS", "removed characters XML cannot carry from the front matter", 1)
    return {key: plain_value(value) for key, value in cleaned.items()}  # "[[Emily Brontë]]": the name


def _yaml_document(text: str, report: Report) -> object:
    """What PyYAML's safe loader reads (libyaml's where PyYAML was built with it: the same
    documents, a tenth of the time); `_UNUSABLE`, with a warning, when it cannot be read."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=loader)):
            # An alias can expand a few hundred bytes into megabytes ("billion laughs").
            report.warn("W-FRONT-MATTER", "front matter uses YAML aliases (*name), which are not allowed", 1)
            return _UNUSABLE
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        report.warn("W-FRONT-MATTER", f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}", line)
        return _UNUSABLE


def _clean_value(value: object) -> object:
    if isinstance(value, str):
        return strip_unsafe(value)
    if isinstance(value, list):
        return [_clean_value(v) for v in value]
    return value


def absorb_yaml(draft: MetadataDraft, key: str, value: object) -> None:
    """One front matter field into the draft: a list of authors or genres stays a list."""
    if value is None:
        return
    if isinstance(value, list):
        text_items = [str(v) for v in value if v is not None]
        if not absorb_field(draft, key, " / ".join(text_items)):
            return
        canonical = canonical_key(key)
        if canonical in ("genres", "authors"):
            draft.set(canonical, text_items, override=True)
        return
    absorb_field(draft, key, str(value))


def pandoc_title_block(text: str) -> tuple[str, tuple[int, ...]]:
    """pandoc's "% Title / % Author; Author / % Date" lines become front matter, line for line:
    the text with front matter in their place, and each of its lines' line in the manuscript."""
    import json  # only such manuscripts pay for it

    lines = text.split("\n")
    fields: list[tuple[str, int]] = []  # (value, source line) for title, author, date in order
    index = 0
    while index < len(lines) and len(fields) < 3 and lines[index].startswith("%"):
        value = lines[index][1:].strip()
        source = index + 1
        index += 1
        while index < len(lines) and lines[index].startswith((" ", "\t")) and lines[index].strip():
            value += " " + lines[index].strip()  # a long title or author list continues indented
            index += 1
        fields.append((value, source))
    names = ("title", "author", "date")
    yaml_lines = ["---"]
    line_map = [1]
    for name, (value, source) in zip(names, fields, strict=False):
        if not value:
            continue
        if name == "author":
            authors = [a.strip() for a in value.split(";") if a.strip()]
            yaml_lines.append(f"author: {json.dumps(authors, ensure_ascii=False)}")
        else:
            yaml_lines.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
        line_map.append(source)
    yaml_lines.append("---")
    line_map.append(fields[-1][1])
    rest = lines[index:]
    adapted = "\n".join([*yaml_lines, *rest])
    return adapted, tuple(line_map + list(range(index + 1, len(lines) + 1)))
