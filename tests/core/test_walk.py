"""The one leaf walker: every kind of value, treated the same by every entry point."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import uuid
from typing import NamedTuple

import pytest
from pydantic import BaseModel

from chatveil import UnsupportedContentError
from chatveil._walk import UNHANDLED, map_leaves


def upper(text: str) -> str:
    return text.upper()


class Color(enum.Enum):
    RED = "red"


class Point(NamedTuple):
    label: str
    x: int


@dataclasses.dataclass(frozen=True)
class Contact:
    name: str
    age: int


class Card(BaseModel):
    name: str
    tags: list[str]


SCALARS = [None, True, 3, 2.5, decimal.Decimal("1.5"), datetime.date(2024, 1, 2),
           datetime.datetime(2024, 1, 2, 3, 4), datetime.timedelta(1), uuid.UUID(int=42), Color.RED]


@pytest.mark.parametrize("value", SCALARS, ids=repr)
def test_scalars_are_kept_as_they_are(value) -> None:
    for masking in (True, False):
        assert map_leaves(value, upper, masking=masking) is value


def test_containers_models_and_dataclasses_are_walked() -> None:
    value = {
        "a": "jane",
        "list": ["x", 1, ("y", None)],
        "set": frozenset({"z"}),
        "point": Point("p", 1),
        "contact": Contact("ann", 3),
        "card": Card(name="bo", tags=["t"]),
    }
    out = map_leaves(value, upper, masking=True)
    assert out == {
        "a": "JANE",
        "list": ["X", 1, ("Y", None)],
        "set": frozenset({"Z"}),
        "point": Point("P", 1),
        "contact": Contact("ANN", 3),
        "card": Card(name="BO", tags=["T"]),
    }
    assert isinstance(out["point"], Point)


def test_unchanged_values_come_back_as_the_same_objects() -> None:
    value = {"a": ["x", {"b": "y"}], "card": Card(name="bo", tags=[])}
    assert map_leaves(value, lambda t: t, masking=True) is value


def test_unknown_values_fail_closed_when_masking_and_pass_when_restoring() -> None:
    secret = object()
    with pytest.raises(UnsupportedContentError, match="records may hold"):
        map_leaves({"x": secret}, upper, masking=True)
    with pytest.raises(TypeError):  # also a TypeError
        map_leaves([b"bytes may hold text"], upper, masking=True)
    assert map_leaves({"x": secret}, upper, masking=False)["x"] is secret


def test_adapters_plug_their_own_types_in() -> None:
    class Message:
        def __init__(self, text: str) -> None:
            self.text = text

    def special(value):
        return Message(upper(value.text)) if isinstance(value, Message) else UNHANDLED

    out = map_leaves({"m": [Message("hi")]}, upper, masking=True, special=special)
    assert out["m"][0].text == "HI"


def test_str_subclasses_become_plain_strings() -> None:
    class Text(str):
        pass

    seen: list[type] = []
    map_leaves(Text("x"), lambda t: seen.append(type(t)) or t, masking=True)
    assert seen == [str]
