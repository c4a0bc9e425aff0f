"""DataFrame hints: `Annotated[pd.DataFrame, Columns(Row)]`, enforced column by column."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path
from typing import Annotated, Any, Optional, TypedDict

import numpy as np
import pandas as pd
import pydantic
import pytest
from typing_extensions import NotRequired

from hintsig.exceptions import DataValidationError, InvalidHintError, UnsupportedHintWarning
from hintsig.pyfunc import PythonModel, load_model, save_model
from hintsig.pyfunc.utils import pyfunc
from hintsig.types import ColSpec, Columns, DataType, Schema
from hintsig.types.schema import Array
from hintsig.types.type_hints import PredictHints, get_predict_hints, schema_from_hint


class House(pydantic.BaseModel):
    rooms: int
    area: float
    city: str
    garden: Optional[bool] = None  # noqa: UP045
    tags: list[str] = []
    built: dt.datetime | None = None


class Aliased(pydantic.BaseModel):
    user_id: int = pydantic.Field(alias="userId")


class Point(TypedDict):
    x: float
    y: float
    label: NotRequired[str]
    weight: Optional[float]  # noqa: UP045


HOUSE_SCHEMA = Schema(
    [
        ColSpec(DataType.long, "rooms"),
        ColSpec(DataType.double, "area"),
        ColSpec(DataType.string, "city"),
        ColSpec(DataType.boolean, "garden", required=False),
        ColSpec(Array(DataType.string), "tags", required=False),
        ColSpec(DataType.datetime, "built", required=False),
    ]
)

Houses = Annotated[pd.DataFrame, Columns(House)]
HEADLINE = "Failed to validate input against type hint `Annotated[DataFrame, Columns(House)]`"


def hints_of(hint: Any) -> PredictHints:
    def predict(model_input: Any) -> Any:
        return model_input

    predict.__annotations__ = {"model_input": hint}
    result = get_predict_hints(predict)
    assert result is not None
    return result


# ----------------------------------------------------------------------------- translation


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        (Houses, HOUSE_SCHEMA),  # the columns keep the field order
        (
            Annotated[pd.DataFrame, Columns(Point)],
            Schema(
                [
                    ColSpec(DataType.double, "x"),
                    ColSpec(DataType.double, "y"),
                    ColSpec(DataType.string, "label", required=False),
                    ColSpec(DataType.double, "weight", required=False),
                ]
            ),
        ),
        (Annotated[pd.DataFrame, Columns(Aliased)], Schema([ColSpec(DataType.long, "userId")])),
    ],
)
def test_dataframe_hint_to_schema(hint: Any, expected: Schema) -> None:
    assert schema_from_hint(hint) == expected
    hints = hints_of(hint)
    assert hints.input_enforcer is not None and hints.input_validator is None


class NoDefault(pydantic.BaseModel):
    score: Optional[float]  # noqa: UP045


class Wrapped(pydantic.RootModel[list[int]]):
    pass


class Empty(TypedDict):
    pass


class EmptyModel(pydantic.BaseModel):
    pass


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Columns(int), "the row type must be a pydantic model or a TypedDict"),
        (lambda: Columns(dict), "the row type must be a pydantic model or a TypedDict"),
        (
            lambda: hints_of(Annotated[np.ndarray, Columns(House)]),
            r"describes a DataFrame; write `Annotated\[pd.DataFrame, Columns\(House\)\]`",
        ),
        (
            lambda: hints_of(Annotated[pd.DataFrame, Columns(House), Columns(Point)]),
            "it has 2 Columns annotations",
        ),
        (lambda: hints_of(Annotated[pd.DataFrame, Columns(NoDefault)]), "needs a default"),
        (lambda: hints_of(Annotated[pd.DataFrame, Columns(Wrapped)]), "not a root model"),
        (lambda: hints_of(Annotated[pd.DataFrame, Columns(Empty)]), "at least one field"),
        (lambda: hints_of(Annotated[pd.DataFrame, Columns(EmptyModel)]), "at least one field"),
    ],
)
def test_invalid_dataframe_hints(make: Any, message: str) -> None:
    with pytest.raises(InvalidHintError, match=message):
        make()


class WithSet(TypedDict):
    names: set[str]


def test_a_row_field_with_no_column_type_is_unsupported() -> None:
    with pytest.warns(UnsupportedHintWarning, match=r"`WithSet.names: set\[str\]`"):
        hints = hints_of(Annotated[pd.DataFrame, Columns(WithSet)])
    assert hints.input_schema is None and not hints.validates_input


# ----------------------------------------------------------------------------- validation


@pyfunc
def price(model_input: Houses) -> list[str]:
    """The columns the function gets, and the dtypes of the numeric ones."""
    numbers = [str(model_input[c].dtype) for c in ("rooms", "area")]
    return [",".join(map(str, model_input.columns)), ",".join(numbers)]


def test_fitting_frame_is_enforced_by_columns() -> None:
    frame = pd.DataFrame(
        {
            "city": ["Lyon", "Oslo"],
            "rooms": np.array([3, 4], dtype=np.int32),  # widened to int64
            "area": np.array([80, 120], dtype=np.int32),  # int -> double
            "listing": ["a", "b"],  # dropped
        }
    )
    assert price(frame) == ["rooms,area,city", "int64,float64"]


@pytest.mark.parametrize(
    "data",
    [
        [{"rooms": 3, "area": 80.0, "city": "Lyon"}, {"rooms": 4, "area": 1.5, "city": "Oslo"}],
        {"rooms": [3, 4], "area": [80.0, 1.5], "city": ["Lyon", "Oslo"]},
    ],
    ids=["records", "columns"],
)
def test_dicts_and_records_become_a_frame(data: Any) -> None:
    assert price(data) == ["rooms,area,city", "int64,float64"]


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            pd.DataFrame({"rooms": [1], "area": [2.0]}),
            [("column 'city'", "required column (string) is missing")],
        ),
        (
            pd.DataFrame({"rooms": [1.5], "area": ["big"], "city": ["Lyon"]}),
            [
                ("column 'rooms'", "expected long, got float64"),
                ("column 'area'", "expected double, got"),
            ],
        ),
        (None, [("", "expected a DataFrame, a dict, a list or a scalar, got None")]),
    ],
    ids=["missing column", "bad casts", "not a frame"],
)
def test_dataframe_errors_list_every_problem(data: Any, errors: list[tuple[str, str]]) -> None:
    with pytest.raises(DataValidationError) as info:
        price(data)
    assert info.value.headline == HEADLINE
    assert len(info.value.errors) == len(errors)
    for (path, message), (want_path, want) in zip(info.value.errors, errors, strict=True):
        assert path == want_path and message.startswith(want), (path, message)
    assert "big" not in str(info.value)  # values are never echoed


def test_serving_mode_takes_json_records() -> None:
    hints = get_predict_hints(price)
    assert hints is not None
    records = [{"rooms": 1, "area": 2.0, "city": "Rome", "garden": True}]
    frame = hints.validate_input(records, serving=True)
    assert list(frame.columns) == ["rooms", "area", "city", "garden"]
    assert hints.validate_json(b'[{"rooms": 1, "area": 2, "city": "Rome"}]')["area"].tolist() == [
        2.0
    ]


# ----------------------------------------------------------------------------- persistence


class PriceModel(PythonModel):
    def predict(self, model_input: Houses) -> list[float]:
        return [float(x) for x in model_input["area"] * model_input["rooms"]]


def test_save_and_load_keep_the_column_schema_and_checks(tmp_path: Path) -> None:
    example = pd.DataFrame({"rooms": [2], "area": [50.0], "city": ["Rome"]})
    save_model(tmp_path / "m", python_model=PriceModel(), input_example=example)
    loaded = load_model(tmp_path / "m")
    assert loaded.metadata.get_input_schema() == HOUSE_SCHEMA
    assert loaded.validated_by_hints
    assert loaded.predict(example) == [100.0]
    with pytest.raises(DataValidationError, match="column 'city': required column"):
        loaded.predict(pd.DataFrame({"rooms": [2], "area": [50.0]}))
    # The saved serving example (`dataframe_split`) and `{"inputs": records}` both serve.
    for body in (
        (tmp_path / "m" / "serving_input_example.json").read_text(),
        '{"inputs": [{"rooms": 2, "area": 50.0, "city": "Rome"}]}',
    ):
        served = loaded.parse_serving_input(body)
        assert loaded.predict(served.data, served.params) == [100.0]


def test_compiled_dataframe_hints_pickle() -> None:
    hints = get_predict_hints(price)
    assert hints is not None
    copy = pickle.loads(pickle.dumps(hints))
    assert copy.input_schema == HOUSE_SCHEMA
    with pytest.raises(DataValidationError, match="column 'area'"):
        copy.validate_input({"rooms": [1], "city": ["x"]})
