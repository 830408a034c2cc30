"""Reading back JSON this program wrote (its caches) as typed records, refusing what does not fit.

A cache file can be cut short, edited by hand, or left by another version; whatever it holds is
checked against the record's declared types before any code trusts its shape, so a bad entry is
dropped (and its output rebuilt) instead of raising TypeError or AttributeError far from here.
Records are dataclasses; the types understood are str, int, float, bool, None, Literal, unions of
those, tuple[X, ...], fixed tuples, list[X], dict[str, X] and nested dataclasses.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


class DoesNotFit(ValueError):
    """A value whose shape or types are not the record's; the message says where."""


def parse(kind: type[T], value: object) -> T:
    """`value` (as json.loads gives it) as a `kind`: lists become tuples where `kind` says so."""
    return _parse(kind, value, kind.__name__)


def parse_each(kind: type[T], values: object) -> list[T]:
    """Every item of a JSON list that fits `kind`; the items that do not are left out."""
    if not isinstance(values, list):
        return []
    kept = []
    for value in values:
        try:
            kept.append(parse(kind, value))
        except DoesNotFit:
            continue
    return kept


@cache
def _fields(kind: type) -> tuple[tuple[str, Any, bool], ...]:
    """(name, type, required) of each field of a dataclass, its string annotations resolved."""
    hints = typing.get_type_hints(kind)
    return tuple(
        (
            f.name,
            hints[f.name],
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in dataclasses.fields(kind)
    )


def _parse(kind: Any, value: object, where: str) -> Any:
    if dataclasses.is_dataclass(kind):
        return _record(kind, value, where)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if kind is Any:
        return value
    if kind is None or kind is type(None):
        if value is None:
            return None
        raise DoesNotFit(f"{where}: expected null, found {type(value).__name__}")
    if origin in (typing.Union, types.UnionType):
        for option in args:
            try:
                return _parse(option, value, where)
            except DoesNotFit:
                continue
        raise DoesNotFit(f"{where}: {type(value).__name__} fits none of {kind}")
    if origin is typing.Literal:
        if any(value == option and type(value) is type(option) for option in args):
            return value
        raise DoesNotFit(f"{where}: {value!r} is not one of {args}")
    if origin in (tuple, list):
        if not isinstance(value, list | tuple):
            raise DoesNotFit(f"{where}: expected a list, found {type(value).__name__}")
        if origin is list:
            return [_parse(args[0], item, f"{where}[{i}]") for i, item in enumerate(value)]
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_parse(args[0], item, f"{where}[{i}]") for i, item in enumerate(value))
        if len(value) != len(args):
            raise DoesNotFit(f"{where}: expected {len(args)} items, found {len(value)}")
        return tuple(
            _parse(arg, item, f"{where}[{i}]") for i, (arg, item) in enumerate(zip(args, value, strict=True))
        )
    if origin is dict:
        if not isinstance(value, dict):
            raise DoesNotFit(f"{where}: expected an object, found {type(value).__name__}")
        key_kind, value_kind = args
        return {
            _parse(key_kind, key, f"{where} key"): _parse(value_kind, item, f"{where}[{key!r}]")
            for key, item in value.items()
        }
    if kind is bool:
        if isinstance(value, bool):
            return value
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):  # JSON true is not a number
            return value
    elif kind is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif kind is str:
        if isinstance(value, str):
            return value
    else:
        raise TypeError(f"typed_json cannot check {kind!r}")  # a programming error, not bad data
    raise DoesNotFit(f"{where}: expected {kind.__name__}, found {type(value).__name__}")


def _record(kind: type, value: object, where: str) -> Any:
    if not isinstance(value, dict):
        raise DoesNotFit(f"{where}: expected an object, found {type(value).__name__}")
    fields = _fields(kind)
    extra = set(value) - {name for name, _, _ in fields}
    if extra:
        raise DoesNotFit(f"{where}: unknown field {sorted(map(str, extra))[0]!r}")
    values = {}
    for name, field_kind, required in fields:
        if name in value:
            values[name] = _parse(field_kind, value[name], f"{where}.{name}")
        elif required:
            raise DoesNotFit(f"{where}: missing field {name!r}")
    return kind(**values)
