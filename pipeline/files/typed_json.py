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
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


class DoesNotFit(ValueError):
    """A value whose shape or types are not the record's; the message says where."""


def parse(kind: type[T], value: object) -> T:
    """`value` (as json.loads gives it) as a `kind`: lists become tuples where `kind` says so."""
    try:
        return _checker(kind)(value)
    except DoesNotFit as exc:
        raise DoesNotFit(f"{kind.__name__}{exc}") from None


def parse_each(kind: type[T], values: object) -> list[T]:
    """Every item of a JSON list that fits `kind`; the items that do not are left out."""
    if not isinstance(values, list):
        return []
    check = _checker(kind)
    kept = []
    for value in values:
        try:
            kept.append(check(value))
        except DoesNotFit:
            continue
    return kept


Check = Callable[[object], Any]


def _misfit(where: str, expected: str, value: object) -> DoesNotFit:
    return DoesNotFit(f"{where}: expected {expected}, found {type(value).__name__}")


@cache
def _checker(kind: Any) -> Check:
    """A function that checks (and converts) a value of `kind`, made once per type: a cache of
    a hundred records is read in a few milliseconds."""
    if dataclasses.is_dataclass(kind):
        return _record_checker(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if kind is Any:
        return lambda value: value
    if kind is None or kind is type(None):
        return _scalar(type(None), "null")
    if origin in (typing.Union, types.UnionType):
        return _union_checker(kind, tuple(_checker(option) for option in args))
    if origin is typing.Literal:
        return _literal_checker(args)
    if origin is list:
        return _sequence_checker(_checker(args[0]), list)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _sequence_checker(_checker(args[0]), tuple)
    if origin is tuple:
        return _fixed_checker(tuple(_checker(arg) for arg in args))
    if origin is dict:
        return _mapping_checker(_checker(args[0]), _checker(args[1]))
    if kind is float:
        return _number
    if kind in (str, int, bool):
        return _scalar(kind, kind.__name__)
    raise TypeError(f"typed_json cannot check {kind!r}")  # a programming error, not bad data


def _scalar(kind: type, name: str) -> Check:
    def check(value: object) -> object:
        # type() is, not isinstance: JSON true is a bool, never the int 1
        if type(value) is not kind:
            raise _misfit("", name, value)
        return value

    return check


def _number(value: object) -> float:
    if type(value) not in (int, float):
        raise _misfit("", "a number", value)
    return float(value)  # type: ignore[arg-type]


def _union_checker(kind: Any, options: tuple[Check, ...]) -> Check:
    def check(value: object) -> object:
        for option in options:
            try:
                return option(value)
            except DoesNotFit:
                continue
        raise DoesNotFit(f": {type(value).__name__} fits none of {kind}")

    return check


def _literal_checker(allowed: tuple[object, ...]) -> Check:
    def check(value: object) -> object:
        if any(value == option and type(value) is type(option) for option in allowed):
            return value
        raise DoesNotFit(f": {value!r} is not one of {allowed}")

    return check


def _sequence_checker(item: Check, make: type) -> Check:
    def check(value: object) -> object:
        if type(value) is not list and type(value) is not tuple:
            raise _misfit("", "a list", value)
        return make(_each(item, value))

    return check


def _each(item: Check, values: Any) -> Iterator[object]:
    for i, value in enumerate(values):
        try:
            yield item(value)
        except DoesNotFit as exc:
            raise DoesNotFit(f"[{i}]{exc}") from None


def _fixed_checker(items: tuple[Check, ...]) -> Check:
    def check(value: object) -> object:
        if type(value) is not list and type(value) is not tuple:
            raise _misfit("", "a list", value)
        if len(value) != len(items):  # type: ignore[arg-type]
            raise DoesNotFit(f": expected {len(items)} items, found {len(value)}")  # type: ignore[arg-type]
        return tuple(_each_of(items, value))

    return check


def _each_of(items: tuple[Check, ...], values: Any) -> Iterator[object]:
    for i, (item, value) in enumerate(zip(items, values, strict=True)):
        try:
            yield item(value)
        except DoesNotFit as exc:
            raise DoesNotFit(f"[{i}]{exc}") from None


def _mapping_checker(key: Check, item: Check) -> Check:
    def check(value: object) -> object:
        if type(value) is not dict:
            raise _misfit("", "an object", value)
        checked = {}
        for name, entry in value.items():  # type: ignore[attr-defined]
            try:
                checked[key(name)] = item(entry)
            except DoesNotFit as exc:
                raise DoesNotFit(f"[{name!r}]{exc}") from None
        return checked

    return check


def _record_checker(kind: type) -> Check:
    hints = typing.get_type_hints(kind)
    fields = [
        (
            f.name,
            _checker(hints[f.name]),
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in dataclasses.fields(kind)
    ]
    names = frozenset(name for name, _, _ in fields)

    def check(value: object) -> object:
        if type(value) is not dict:
            raise _misfit("", "an object", value)
        if not names.issuperset(value):  # type: ignore[arg-type]
            extra = sorted(map(str, set(value) - names))  # type: ignore[arg-type]
            raise DoesNotFit(f": unknown field {extra[0]!r}")
        values = {}
        for name, field_check, required in fields:
            if name in value:  # type: ignore[operator]
                try:
                    values[name] = field_check(value[name])  # type: ignore[index]
                except DoesNotFit as exc:
                    raise DoesNotFit(f".{name}{exc}") from None
            elif required:
                raise DoesNotFit(f": missing field {name!r}")
        return kind(**values)

    return check
