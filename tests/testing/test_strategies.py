"""Round trip: every value `hintsig.testing.strategy` generates passes the signature's own
validator, for every schema node type and every hint the translator supports; every
`valid=False` value is refused by it."""

from __future__ import annotations

import datetime as dt
import enum
import warnings
from typing import Annotated, Any, Literal, TypedDict

import numpy as np
import pandas as pd
import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hintsig.exceptions import HintsigException
from hintsig.models import ModelSignature
from hintsig.models.enforcement import enforce_params, enforce_schema
from hintsig.testing import strategy
from hintsig.testing._strategies import SCALARS, WRONG_SCALARS
from hintsig.types import Columns, Tensor
from hintsig.types.schema import (
    AnyType,
    Array,
    ColSpec,
    DataType,
    Map,
    Object,
    ParamSchema,
    ParamSpec,
    Property,
    Schema,
    TensorSpec,
)
from hintsig.types.type_hints import get_predict_hints

FAST = settings(
    max_examples=25, database=None, deadline=None, suppress_health_check=list(HealthCheck)
)


class Color(enum.Enum):
    red = "red"
    blue = "blue"


class Level(enum.IntEnum):
    low = 1
    high = 2


class Address(pydantic.BaseModel):
    city: str
    zip_code: str | None = None


class Message(pydantic.BaseModel):
    role: Literal["user", "assistant"]
    content: str
    tags: list[str] = []
    score: float | None = None
    when: dt.date
    at: dt.datetime | None = None
    color: Color
    level: Level = Level.low
    address: Address
    extra: dict[str, list[int]] = {}
    raw: bytes = b""
    anything: Any = None


class Aliased(pydantic.BaseModel):
    first_name: str = pydantic.Field(alias="firstName")
    count: int = 3


class Tree(pydantic.BaseModel):
    label: str
    children: list[Tree] = []


class Row(pydantic.BaseModel):
    name: str
    age: int
    height: float | None = None


class RowDict(TypedDict):
    city: str
    rooms: int


class Images(TypedDict):
    image: Annotated[np.ndarray, Tensor(np.uint8, (-1, 2, 2))]
    mask: Annotated[np.ndarray, Tensor(np.bool_, (-1, 2, 2))]


HINTS: list[Any] = [
    list[str],
    list[int],
    list[float],
    list[bool],
    list[bytes],
    list[dt.datetime],
    list[dt.date],
    list[list[str]],
    list[list[list[float]]],
    list[dict[str, int]],
    list[dict[str, list[str]]],
    list[Literal["a", "b"]],
    list[Literal[1, 2]],
    list[Color],
    list[Level],
    list[Message],
    list[Aliased],
    list[Tree],
    list[Annotated[int, "meta"]],
    Annotated[np.ndarray, Tensor(np.float32, (-1, 3))],
    Annotated[np.ndarray, Tensor("double", (-1, -1))],
    Annotated[np.ndarray, Tensor(np.int64, (-1,))],
    Images,
    Annotated[pd.DataFrame, Columns(Row)],
    Annotated[pd.DataFrame, Columns(RowDict)],
]
UNCHECKED_HINTS: list[Any] = [list[Any], list[int | str]]  # AnyType: every value fits


def _model(hint: Any, *, validate_unions: bool = False) -> Any:
    from hintsig.exceptions import UnsupportedHintWarning
    from hintsig.pyfunc.utils import pyfunc

    def predict(model_input: hint) -> list[str]:  # type: ignore[valid-type]
        return []

    with warnings.catch_warnings():  # `list[date]` notes that dates are datetime columns
        warnings.simplefilter("ignore", UnsupportedHintWarning)
        return pyfunc(validate_unions=validate_unions)(predict)


def _check(hint: Any, *, validate_unions: bool = False) -> Any:
    hints = get_predict_hints(_model(hint, validate_unions=validate_unions))
    assert hints is not None and hints.input_check is not None
    return hints.input_check


@pytest.mark.parametrize("hint", HINTS, ids=repr)
def test_generated_values_pass_the_hints_validator(hint: Any) -> None:
    check = _check(hint)

    @FAST
    @given(strategy(hint))
    def run(value: Any) -> None:
        check.validate(value)

    run()


@pytest.mark.parametrize("hint", HINTS, ids=repr)
def test_invalid_values_are_refused_by_the_hints_validator(hint: Any) -> None:
    check = _check(hint)

    @FAST
    @given(strategy(hint, valid=False))
    def run(value: Any) -> None:
        with pytest.raises(HintsigException):
            check.validate(value)

    run()


@pytest.mark.filterwarnings("ignore::hintsig.exceptions.UnsupportedHintWarning")
@pytest.mark.parametrize("hint", UNCHECKED_HINTS, ids=repr)
def test_any_values_are_json_values(hint: Any) -> None:
    @FAST
    @given(strategy(hint))
    def run(value: Any) -> None:
        import json

        assert isinstance(value, list)
        json.dumps(value, allow_nan=False)

    run()


def test_validated_unions_generate_each_member() -> None:
    hint = list[int | Address]
    check = _check(hint, validate_unions=True)
    seen: set[type] = set()

    @settings(FAST, max_examples=60)
    @given(strategy(_model(hint, validate_unions=True)))
    def run(value: Any) -> None:
        seen.update(type(v) for v in value)
        check.validate(value)

    run()
    assert seen == {int, Address}


def test_hint_values_are_what_the_model_receives() -> None:
    @FAST
    @given(strategy(list[Message], max_rows=3, max_size=2))
    def run(value: Any) -> None:
        assert isinstance(value, list) and len(value) <= 3
        assert all(isinstance(m, Message) and m.role in ("user", "assistant") for m in value)
        assert all(isinstance(m.color, Color) and len(m.tags) <= 2 for m in value)

    run()


def test_optional_fields_are_sometimes_absent_and_sometimes_none() -> None:
    seen: set[str] = set()

    @settings(FAST, max_examples=100)
    @given(strategy(Message))
    def run(message: Message) -> None:
        seen.add("none" if message.score is None else "value")
        seen.add("set" if "score" in message.model_fields_set else "absent")

    run()
    assert seen == {"none", "value", "set", "absent"}


def test_element_hints_give_single_values() -> None:
    @FAST
    @given(strategy(dict[str, float]), strategy(Message))
    def run(mapping: Any, message: Any) -> None:
        assert isinstance(mapping, dict) and all(isinstance(v, float) for v in mapping.values())
        assert isinstance(message, Message)

    run()


# ----------------------------------------------------------------------------- schema nodes

NODES: list[Any] = [
    *DataType,
    Array(DataType.long),
    Array(Array(DataType.string)),
    Map(DataType.double),
    Map(Array(DataType.boolean)),
    Object([Property("a", DataType.long), Property("b", DataType.string, required=False)]),
    Object([Property("nested", Object([Property("x", DataType.datetime)]))]),
    AnyType(),
]


def test_every_data_type_has_a_strategy_and_a_wrong_value() -> None:
    assert set(SCALARS) == set(DataType)
    assert set(WRONG_SCALARS) == set(DataType)


@pytest.mark.parametrize("node", NODES, ids=repr)
def test_column_schemas_give_frames_that_enforcement_accepts(node: Any) -> None:
    schema = Schema([ColSpec(node, "col"), ColSpec(DataType.long, "opt", required=False)])

    @FAST
    @given(strategy(schema))
    def run(frame: pd.DataFrame) -> None:
        assert isinstance(frame, pd.DataFrame)
        if isinstance(node, DataType) and len(frame):
            assert frame["col"].dtype == node.to_pandas()
        enforce_schema(frame, schema)

    run()


@pytest.mark.parametrize("node", NODES, ids=repr)
def test_column_schemas_invalid_frames_are_refused(node: Any) -> None:
    schema = Schema([ColSpec(node, "col"), ColSpec(DataType.string, "name")])

    @FAST
    @given(strategy(schema, valid=False))
    def run(frame: pd.DataFrame) -> None:
        with pytest.raises(HintsigException):
            enforce_schema(frame, schema)

    run()


def test_optional_columns_are_sometimes_absent() -> None:
    schema = Schema([ColSpec(DataType.long, "a"), ColSpec(DataType.long, "b", required=False)])
    seen: set[bool] = set()

    @settings(FAST, max_examples=60)
    @given(strategy(ModelSignature(schema)))
    def run(frame: pd.DataFrame) -> None:
        seen.add("b" in frame.columns)

    run()
    assert seen == {True, False}


def test_unnamed_column_schema() -> None:
    schema = Schema([ColSpec(DataType.string)])

    @FAST
    @given(strategy(schema), strategy(schema, valid=False))
    def run(frame: pd.DataFrame, bad: pd.DataFrame) -> None:
        enforce_schema(frame, schema)
        with pytest.raises(HintsigException):
            enforce_schema(bad, schema)

    run()


TENSORS = [
    TensorSpec(np.dtype("float32"), (-1, 28)),
    TensorSpec(np.dtype("float64"), (-1, -1, 2)),
    TensorSpec(np.dtype("int8"), (3,)),
    TensorSpec(np.dtype("uint16"), (-1,)),
    TensorSpec(np.dtype("bool"), (-1, 2)),
    TensorSpec(np.dtype(str), (-1,)),
    TensorSpec(np.dtype("datetime64[ns]"), (-1,)),
]


@pytest.mark.parametrize("spec", TENSORS, ids=repr)
def test_tensor_schemas_give_arrays_that_enforcement_accepts(spec: TensorSpec) -> None:
    schema = Schema([spec])
    sizes: set[int] = set()

    @settings(FAST, max_examples=40)
    @given(strategy(schema), strategy(schema, valid=False))
    def run(array: np.ndarray, bad: np.ndarray) -> None:
        assert array.dtype.kind == spec.type.kind and array.ndim == len(spec.shape)
        sizes.add(array.shape[0])
        enforce_schema(array, schema)
        with pytest.raises(HintsigException):
            enforce_schema(bad, schema)

    run()
    assert len(sizes) > 1 or spec.shape[0] != -1  # -1 dimensions are varied


def test_named_tensors() -> None:
    schema = Schema(
        [TensorSpec(np.dtype("float32"), (-1, 2), "x"), TensorSpec(np.dtype("int64"), (-1,), "y")]
    )

    @FAST
    @given(strategy(schema), strategy(schema, valid=False))
    def run(arrays: dict[str, np.ndarray], bad: dict[str, np.ndarray]) -> None:
        assert set(arrays) == {"x", "y"}
        enforce_schema(arrays, schema)
        with pytest.raises(HintsigException):
            enforce_schema(bad, schema)

    run()


def test_param_schemas_give_params_that_enforcement_accepts() -> None:
    params = ParamSchema(
        [
            ParamSpec("temperature", DataType.double, 0.5),
            ParamSpec("top_k", DataType.integer, 3),
            ParamSpec("stop", DataType.string, ["x"], (-1,)),
            ParamSpec("flag", DataType.boolean, None),
            ParamSpec("when", DataType.datetime, dt.datetime(2024, 1, 1)),
            ParamSpec("opts", Object([Property("k", DataType.long)]), {"k": 1}),
        ]
    )
    seen: set[str] = set()

    @settings(FAST, max_examples=50)
    @given(strategy(params))
    def run(values: dict[str, Any]) -> None:
        seen.update(values)
        enforce_params(values, params)

    run()
    assert seen == {p.name for p in params}


def test_limits_are_checked() -> None:
    with pytest.raises(HintsigException, match="max_rows"):
        strategy(list[str], max_rows=-1)


def test_a_hint_without_a_schema_is_refused() -> None:
    with pytest.raises(HintsigException, match="gives no schema"):
        strategy(pd.DataFrame)


def test_generation_is_bounded() -> None:
    @FAST
    @given(st.data())
    def run(data: st.DataObject) -> None:
        value = data.draw(strategy(list[list[str]], max_rows=2, max_size=1))
        assert len(value) <= 2 and all(len(v) <= 1 and all(len(s) <= 1 for s in v) for v in value)

    run()
