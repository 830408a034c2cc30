"""Footnote numbers once the metadata has taken its fields: a note whose only call sat in a field
("**Year:** 1861[^1]") has lost its call with the line, so its number would be missing from the
text ("[2]" first) and differ from the PDF's, which counts the calls it prints. The notes still
called keep their order and are numbered from 1; the others follow, for the writers to print
without a call."""

from __future__ import annotations

import dataclasses
from typing import Any

from pipeline.model import guide as m


def settle_note_numbers(
    sections: list[m.Section], notes: tuple[m.Note, ...]
) -> tuple[list[m.Section], tuple[m.Note, ...]]:
    """The sections and notes renumbered when some note has no call left; else as they are."""
    if not notes:  # most guides: no walk of the whole guide for calls
        return sections, notes
    called: set[int] = set()
    _calls((sections, notes), called)
    if all(note.number in called for note in notes):  # the usual case: nothing to do
        return sections, notes
    order = sorted(notes, key=lambda note: (note.number not in called, note.number))
    numbers = {note.number: index for index, note in enumerate(order, 1)}
    renumbered = tuple(m.Note(numbers[note.number], _renumbered(note.blocks, numbers)) for note in order)
    return [_renumbered(section, numbers) for section in sections], renumbered


def _calls(value: Any, found: set[int]) -> None:
    if isinstance(value, m.NoteRef):
        found.add(value.number)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _calls(item, found)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _calls(getattr(value, field.name), found)


def _renumbered(value: Any, numbers: dict[int, int]) -> Any:
    if isinstance(value, m.NoteRef):
        return m.NoteRef(numbers.get(value.number, value.number))
    if isinstance(value, tuple):
        return tuple(_renumbered(item, numbers) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: _renumbered(getattr(value, field.name), numbers)
            for field in dataclasses.fields(value)
            if isinstance(getattr(value, field.name), tuple)
            or dataclasses.is_dataclass(getattr(value, field.name))
        }
        return dataclasses.replace(value, **changes) if changes else value
    return value
