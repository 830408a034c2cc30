"""The Jinja2 environment and page shells shared by the EPUB and PDF writers."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Hashable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from pipeline.files.user_cache import user_cache_folder

TEMPLATES = Path(__file__).parent / "templates"


# How templates are compiled: a change here must not meet code compiled the old way.
_OPTIONS: dict[str, Any] = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        # Templates ship inside the package: checking their mtimes on every render cost ~0.5 ms a guide.
        auto_reload=False,
        bytecode_cache=template_cache(),
        **_OPTIONS,
    )


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


# Marks a slot's place in a rendered shell (a fixed value holding a NUL is rendered whole).
_SLOT = re.compile("\x00([a-z_]+)\x00")


def fill(template: str, fixed: dict[str, Hashable], **slots: Any) -> str:
    """What render(template, **fixed, **slots) gives, with the template rendered once per `fixed`.

    Every EPUB page is the same shell around its own title and body: Jinja's context and
    rendering cost more than the page's own text. The shell is rendered once with a marker in
    each slot and cut at the markers; a page is the pieces joined with its escaped values. A slot
    may only be printed plainly (`{{ name }}`) or tested (`{% if name %}`): an empty value is
    rendered as part of the shell, so a test sees every value as Jinja would.
    """
    if any(isinstance(value, str) and "\x00" in value for value in fixed.values()):
        return render(template, **fixed, **slots)
    empty = tuple(sorted((name, value) for name, value in slots.items() if not value))
    out = list(_shell(template, tuple(sorted(fixed.items())), empty, tuple(sorted(slots))))
    for index in range(1, len(out), 2):
        value = slots[out[index]]
        # What autoescaping prints: Markup as it is, anything else escaped.
        out[index] = value if isinstance(value, Markup) else escape(value)
    return "".join(out)


@lru_cache(maxsize=256)
def _shell(
    template: str,
    fixed: tuple[tuple[str, Hashable], ...],
    empty: tuple[tuple[str, Any], ...],
    names: tuple[str, ...],
) -> tuple[str, ...]:
    """The template rendered with markers in its slots, cut into text and slot names in turn."""
    empties = dict(empty)
    markers = {name: Markup(f"\x00{name}\x00") for name in names if name not in empties}
    return tuple(_SLOT.split(render(template, **dict(fixed), **empties, **markers)))


class _ForgivingCache(FileSystemBytecodeCache):
    """A compiled template that cannot be read or written is compiled again, never an error:
    the cache only saves time (a damaged entry, a full disk, a read-only home)."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unpickling and unmarshalling damaged bytes raise many kinds
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def template_cache() -> BytecodeCache | None:
    """Compiled templates kept between runs in the user's cache folder, as Python keeps .pyc
    files: compiling ours costs every process about 10 ms, as much as building a guide. Jinja
    checks each entry against the template's source, so an edited template is compiled again."""
    folder = user_cache_folder("templates")
    if folder is None:
        return None
    import hashlib

    import jinja2

    # Jinja's own key is the template's name and source; the options and version compile it too.
    options = hashlib.sha256(repr((sorted(_OPTIONS.items()), jinja2.__version__)).encode()).hexdigest()[:12]
    return _ForgivingCache(str(folder), pattern=f"{options}-%s.cache")
