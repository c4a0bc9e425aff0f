"""The hints the agreement test feeds to both the mypy plugin and the run-time translator.

Each hint becomes one module: the shared header, then

    @pyfunc
    def predict(model_input: <hint>) -> list[str]: ...

`EXPECTED` says what both must conclude: `error` (the translator raises or warns that it
cannot validate the input), `note` (it warns that part of the input is not validated) or
`ok`. `KNOWN_DIFFERENCES` lists the hints where mypy cannot see what the translator sees.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["EXPECTED", "HEADER", "KNOWN_DIFFERENCES", "MODELS", "Verdict", "module_source"]

Verdict = Literal["error", "note", "ok"]

#: `agree_models.py`: the classes the hints refer to.
MODELS = """\
import dataclasses
import enum
from typing import Any, Literal, NewType, TypedDict

import pydantic


class Message(pydantic.BaseModel):
    role: str
    content: str
    metadata: dict[str, str] | None = None


class Chat(pydantic.BaseModel):
    messages: list[Message]
    tools: list[str] | None = None
    temperature: float = 0.7


class WithDefaults(pydantic.BaseModel):
    k: int = 3
    tags: list[str] = pydantic.Field(default_factory=list)
    note: str | None = pydantic.Field(None)
    label: str | None = pydantic.Field(default=None)


class Tree(pydantic.BaseModel):
    value: int
    children: list["Tree"] = []


class Cat(pydantic.BaseModel):
    kind: Literal["cat"]
    meows: bool


class Dog(pydantic.BaseModel):
    kind: Literal["dog"]
    barks: bool


class AnyField(pydantic.BaseModel):
    payload: Any
    value: int | str


class OptionalNoDefault(pydantic.BaseModel):
    metadata: dict[str, str] | None


class OptionalItems(pydantic.BaseModel):
    tags: list[str | None] = []


class OptionalEllipsis(pydantic.BaseModel):
    x: int | None = pydantic.Field(...)


class BareDictField(pydantic.BaseModel):
    data: dict


class IntKeys(pydantic.BaseModel):
    counts: dict[int, str]


class SetField(pydantic.BaseModel):
    tags: set[str]


class Empty(pydantic.BaseModel):
    pass


class Tags(pydantic.RootModel[list[str]]):
    pass


class Color(str, enum.Enum):
    RED = "red"
    BLUE = "blue"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = enum.auto()


class Mixed(enum.Enum):
    A = "a"
    B = 1


class Point:
    x: int


@dataclasses.dataclass
class DataPoint:
    x: int


class Row(TypedDict):
    a: int


UserId = NewType("UserId", int)
"""

#: The imports of every generated module.
HEADER = """\
import datetime
from collections.abc import Sequence
from typing import Annotated, Any, Literal, Optional, Union

import numpy as np
import pandas as pd
import scipy.sparse

from agree_models import *
from hintsig.pyfunc.utils import pyfunc
from hintsig.types.type_hints import TypeFromExample
"""

EXPECTED: dict[str, Verdict] = {
    # accepted, validated
    "list[str]": "ok",
    "list[int]": "ok",
    "list[float]": "ok",
    "list[bool]": "ok",
    "list[bytes]": "ok",
    "list[datetime.datetime]": "ok",
    "list[datetime.date]": "ok",
    "list[list[str]]": "ok",
    "list[list[list[int]]]": "ok",
    "list[dict[str, int]]": "ok",
    "list[dict[str, list[str]]]": "ok",
    "list[dict[str, int | None]]": "ok",
    "list[Message]": "ok",
    "list[Chat]": "ok",
    "list[WithDefaults]": "ok",
    "list[Tree]": "ok",
    "list[Cat | Dog]": "ok",
    "list[AnyField]": "ok",
    "list[Tags]": "ok",
    "list[Literal['a', 'b']]": "ok",
    "list[Literal[1, 2]]": "ok",
    "list[Literal[True, False]]": "ok",
    "list[Color]": "ok",
    "list[Level]": "ok",
    "list[UserId]": "ok",
    "list[Annotated[int, 'meta']]": "ok",
    # accepted as a whole input, no schema
    "pd.DataFrame": "ok",
    "pd.DataFrame | None": "ok",
    "pd.Series": "ok",
    "np.ndarray": "ok",
    "scipy.sparse.csr_matrix": "ok",
    "TypeFromExample": "ok",
    # accepted, not validated
    "list[Any]": "note",
    "list[int | str]": "note",
    "list[Union[int, str]]": "note",
    "list[dict[str, Any]]": "note",
    "list[list[Any]]": "note",
    "list[int | set[str]]": "note",
    # invalid: the translator raises when decorating
    "list": "error",
    "list[list]": "error",
    "list[dict]": "error",
    "list[dict[int, str]]": "error",
    "list[int | None]": "error",
    "list[Optional[str]]": "error",
    "list[list[int | None]]": "error",
    "list[int | str | None]": "error",
    "list[Message | None]": "error",
    "list[OptionalNoDefault]": "error",
    "list[OptionalEllipsis]": "error",
    "list[OptionalItems]": "error",
    "list[BareDictField]": "error",
    "list[IntKeys]": "error",
    "list[Empty]": "error",
    # unsupported: the translator warns and does not validate
    "str": "error",
    "Any": "error",
    "dict[str, int]": "error",
    "Optional[int]": "error",
    "Optional[list[str]]": "error",
    "list[str] | None": "error",
    "Sequence[int]": "error",
    "list[set[str]]": "error",
    "list[frozenset[int]]": "error",
    "list[tuple[int, ...]]": "error",
    "list[tuple[int, str]]": "error",
    "list[None]": "error",
    "list[Point]": "error",
    "list[DataPoint]": "error",
    "list[Row]": "error",
    "list[Mixed]": "error",
    "list[Literal['a', 1]]": "error",
    "list[SetField]": "error",
    "list[pd.DataFrame]": "error",
    "list[TypeFromExample]": "error",
}

#: Hints mypy cannot tell apart from others: `(hint, translator, plugin)`.
KNOWN_DIFFERENCES: list[tuple[str, Verdict, Verdict]] = [
    # mypy merges a Union of Literals into one Literal: the plugin sees `Literal['a', 'b']`.
    ("list[Union[Literal['a'], Literal['b']]]", "note", "ok"),
    # mypy drops `Annotated` metadata: the plugin sees a `str` key.
    ("list[dict[Annotated[str, 'key'], int]]", "error", "ok"),
]


def module_source(hint: str) -> str:
    """The module that decorates a `predict` taking a `hint` model input."""
    return f"{HEADER}\n\n@pyfunc\ndef predict(model_input: {hint}) -> list[str]:\n    return []\n"
