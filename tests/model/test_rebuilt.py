"""rebuilt (pipeline.model.rebuilt) makes what dataclasses.replace makes, and refuses what it refuses."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pytest

from pipeline.model import guide as m
from pipeline.model.location import SourceLocation
from pipeline.model.rebuilt import rebuilt

LOC = SourceLocation("guide.md", 4)


@pytest.mark.parametrize(
    ("obj", "changes"),
    [
        (m.Paragraph((m.Text("a"),), LOC), {"inlines": (m.Text("b"),)}),
        (m.Heading(2, (m.Text("Plot"),), LOC), {"anchor": "summary-plot"}),
        (m.Heading(2, (m.Text("Plot"),), LOC), {"level": 3, "anchor": "x"}),
        (m.Ref("char-mina", (m.Text("Mina"),), True, "mention-1"), {"link": False}),
        (m.Text("same"), {}),
    ],
)
def test_the_same_copy_as_replace(obj, changes):
    made = rebuilt(obj, **changes)
    assert made == replace(obj, **changes)
    assert type(made) is type(obj)
    assert made is not obj or not changes


def test_an_unknown_field_is_refused_as_replace_refuses_it():
    with pytest.raises(TypeError):
        rebuilt(m.Text("a"), txt="b")


@dataclass(frozen=True)
class _Counted:
    value: int
    double: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "double", 2 * self.value)


def test_a_field_outside_init_goes_through_replace():
    assert rebuilt(_Counted(2), value=5).double == 10
    with pytest.raises(ValueError):
        rebuilt(_Counted(2), double=1)
