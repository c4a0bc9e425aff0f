"""The hints the agreement test feeds to both the mypy plugin and the run-time translator.

Each hint becomes one module: the shared header, then

    @pyfunc
    def predict(model_input: <hint>) -> list[str]: ...

`EXPECTED` says what both must conclude: `error` (the translator raises or warns that it
cannot validate the input), `note` (it warns that part of the input is not validated) or
`ok`. `VALIDATED_UNIONS` does the same for `@pyfunc(validate_unions=True)`.
`KNOWN_DIFFERENCES` lists the hints where mypy cannot see what the translator sees.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = [
    "EXPECTED",
    "HEADER",
    "KNOWN_DIFFERENCES",
    "MODELS",
    "VALIDATED_UNIONS",
    "Case",
    "Verdict",
    "module_source",
]

Verdict = Literal["error", "note", "ok"]

#: `agree_models.py`: the classes the hints refer to.
MODELS = """\
import dataclasses
import enum
from typing import Annotated, Any, Literal, NewType, Optional, TypedDict

import numpy as np
import pydantic
from typing_extensions import NotRequired

from hintsig.types import Tensor


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


class EmptyField(pydantic.BaseModel):
    inner: Empty


class NestedOptionalItems(pydantic.BaseModel):
    grid: list[list[int | None]]
    scores: list[Optional[float]] = []


class OptionalModelItems(pydantic.BaseModel):
    messages: list[Message | None]


class SetInList(pydantic.BaseModel):
    groups: list[set[int]]


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


class Images(TypedDict):
    image: Annotated[np.ndarray, Tensor(np.float32, (-1, 28, 28, 1))]
    mask: Annotated[np.ndarray, Tensor(np.uint8, (-1, 28, 28))]


class MixedInputs(TypedDict):
    image: Annotated[np.ndarray, Tensor(np.float32, (-1, 28, 28, 1))]
    label: int


class OptionalTensor(TypedDict):
    image: Annotated[np.ndarray, Tensor(np.float32, (-1, 28, 28, 1))]
    mask: NotRequired[Annotated[np.ndarray, Tensor(np.uint8, (-1, 28, 28))]]


class PlainArrays(TypedDict):
    image: np.ndarray


class House(pydantic.BaseModel):
    rooms: int
    area: float | None = None


class HouseRow(TypedDict):
    rooms: int
    area: NotRequired[float | None]


class BadRow(TypedDict):
    counts: dict[int, int]


class SetRow(TypedDict):
    tags: set[str]
"""

#: The imports of every generated module.
HEADER = """\
import datetime
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal, Optional, Union

import numpy as np
import pandas as pd
import scipy.sparse

from agree_models import *
from hintsig.pyfunc.utils import pyfunc
from hintsig.types import Columns, Tensor
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
    "list[AnyField]": "ok",
    "list[Tags]": "ok",
    "list[Literal['a', 'b']]": "ok",
    "list[Literal[1, 2]]": "ok",
    "list[Literal[True, False]]": "ok",
    "list[Color]": "ok",
    "list[Level]": "ok",
    "list[UserId]": "ok",
    "list[Annotated[int, 'meta']]": "ok",
    "list[dict[Annotated[str, 'key'], int]]": "ok",
    # None elements are allowed in a pydantic model's lists (its own validation checks them)
    "list[OptionalItems]": "ok",
    "list[NestedOptionalItems]": "ok",
    "list[list[int | None]]": "ok",  # None inside a nested list, as MLflow
    "list[OptionalModelItems]": "ok",
    # accepted as a whole input, no schema
    "pd.DataFrame": "ok",
    "pd.DataFrame | None": "ok",
    "pd.Series": "ok",
    "np.ndarray": "ok",
    "scipy.sparse.csr_matrix": "ok",
    "TypeFromExample": "ok",
    # tensors and DataFrames, checked by schema enforcement
    "Annotated[np.ndarray, Tensor(np.float32, (-1, 28, 28, 1))]": "ok",
    "Annotated[np.ndarray, Tensor('float64', (-1, 3))]": "ok",
    "Images": "ok",
    "Annotated[pd.DataFrame, Columns(House)]": "ok",
    "Annotated[pd.DataFrame, Columns(HouseRow)]": "ok",
    "Annotated[pd.DataFrame, Columns(Message)]": "ok",
    "Annotated[pd.DataFrame, Columns(AnyField)]": "ok",
    # accepted, not validated
    "list[Any]": "note",
    "list[int | str]": "note",
    "list[Union[int, str]]": "note",
    "list[dict[str, Any]]": "note",
    "list[list[Any]]": "note",
    "list[int | set[str]]": "note",
    "list[Cat | Dog]": "note",
    "list[int | pd.DataFrame]": "note",
    # invalid: the translator raises when decorating
    "list": "error",
    "list[list]": "error",
    "list[dict]": "error",
    "list[dict[int, str]]": "error",
    "list[int | None]": "error",
    "list[Optional[str]]": "error",
    "list[int | str | None]": "error",
    "list[Message | None]": "error",
    "list[OptionalNoDefault]": "error",
    "list[OptionalEllipsis]": "error",
    "list[BareDictField]": "error",
    "list[IntKeys]": "error",
    "list[Empty]": "error",
    "list[EmptyField]": "error",
    "list[Optional[list[int]]]": "error",
    "list[dict[int, set[int]]]": "error",
    "MixedInputs": "error",
    "OptionalTensor": "error",
    "Annotated[list[float], Tensor(np.float32, (-1, 2))]": "error",
    "Annotated[list[Message], Columns(Message)]": "error",
    "Annotated[pd.DataFrame, Columns(SetField)]": "error",
    "Annotated[pd.DataFrame, Columns(IntKeys)]": "error",
    "Annotated[pd.DataFrame, Columns(OptionalNoDefault)]": "error",
    "Annotated[pd.DataFrame, Columns(BadRow)]": "error",
    "Annotated[pd.DataFrame, Columns(SetRow)]": "error",
    "Annotated[pd.DataFrame, Columns(Empty)]": "error",
    "Annotated[pd.DataFrame, Columns(Tags)]": "error",
    "Annotated[pd.DataFrame, Columns(Point)]": "error",
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
    "list[Annotated[np.ndarray, Tensor(np.float32, (-1, 2))]]": "error",
    "int | None": "error",
    "dict[int, set[int]]": "error",
    "tuple[int, ...]": "error",
    "set[str]": "error",
    "Optional[list[set[str]]]": "error",
    "list[dict[str, set[int]]]": "error",
    "list[Mapping[str, int]]": "error",
    "list[Sequence[int | None]]": "error",
    "list[SetInList]": "error",
}

#: Under `@pyfunc(validate_unions=True)`: unions are validated, so their members are checked.
VALIDATED_UNIONS: dict[str, Verdict] = {
    "list[int | str]": "ok",
    "list[Union[int, str]]": "ok",
    "list[Cat | Dog]": "ok",
    "list[Message | Tags]": "ok",
    "list[Literal['a'] | int]": "ok",
    "list[dict[str, int | list[str]]]": "ok",
    "list[Any]": "note",
    "list[int | str | None]": "error",
    "list[int | set[str]]": "error",
    "list[Cat | OptionalNoDefault]": "error",
    "list[dict[str, int | Point]]": "error",
    "list[int | pd.DataFrame]": "error",
}


class Case(NamedTuple):
    """One agreement module: a hint, and whether `@pyfunc` validates its unions."""

    hint: str
    validate_unions: bool = False

    def __str__(self) -> str:
        return f"{self.hint} (validate_unions)" if self.validate_unions else self.hint


#: Hints mypy cannot tell apart from others: `(hint, translator, plugin)`.
KNOWN_DIFFERENCES: list[tuple[str, Verdict, Verdict]] = [
    # mypy merges a Union of Literals into one Literal: the plugin sees `Literal['a', 'b']`.
    ("list[Union[Literal['a'], Literal['b']]]", "note", "ok"),
    # mypy drops `Annotated` metadata: an array without its `Tensor` looks like one with it.
    ("PlainArrays", "error", "ok"),
]


def module_source(case: Case) -> str:
    """The module that decorates a `predict` taking a `case.hint` model input."""
    decorator = "@pyfunc(validate_unions=True)" if case.validate_unions else "@pyfunc"
    function = f"def predict(model_input: {case.hint}) -> list[str]:\n    return []\n"
    return f"{HEADER}\n\n{decorator}\n{function}"
