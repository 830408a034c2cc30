"""`rebuilt(obj, field=value)`: `dataclasses.replace` for the model's dataclasses, at about half
its cost. The transforms copy thousands of blocks, entries and inlines a batch; `replace` looks up
the fields and builds a keyword call each time, this builds the positional call from fields found
once per class. Anything `replace` treats specially (a field left out of `__init__`, a name the
class has not) goes to `replace` itself, with its errors."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any, TypeVar

T = TypeVar("T")

# Class -> (its fields in `__init__` order, the same as a set), or None when one is not in `__init__`.
_FIELDS: dict[type, tuple[tuple[str, ...], frozenset[str]] | None] = {}


def rebuilt(obj: T, **changes: Any) -> T:
    """A copy of the dataclass `obj` with `changes`, as `dataclasses.replace(obj, **changes)`."""
    cls = type(obj)
    try:
        known = _FIELDS[cls]
    except KeyError:
        every = fields(cls)  # type: ignore[arg-type]
        names = tuple(f.name for f in every)
        known = _FIELDS[cls] = (names, frozenset(names)) if all(f.init for f in every) else None
    if known is None or not changes.keys() <= known[1]:
        return replace(obj, **changes)  # type: ignore[type-var]
    return cls(*[changes[name] if name in changes else getattr(obj, name) for name in known[0]])
