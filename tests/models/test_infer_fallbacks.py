"""Inference as MLflow 3.17 does it where it warns or falls back instead of raising.

Each rule was checked against MLflow in a scratch environment beyond the corpus inputs:
the integer-column advice (when it is given and how often), the `AnyType` fallbacks and the
input kinds MLflow infers that hintsig used to refuse. `strict=True` keeps the errors.

No `from __future__ import annotations` here: the dataclasses below need evaluated field
annotations, as MLflow reads them.
"""

import dataclasses
import datetime as dt
import decimal
import json
import warnings
from typing import Any, Optional

import numpy as np
import pandas as pd
import pytest

from hintsig.models import infer_signature
from hintsig.models._infer import infer_schema

INT_ADVICE = "The inferred schema has integer column"


def _caught(call: Any) -> tuple[Any, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = call()
    return value, [str(w.message) for w in caught]


# ----------------------------------------------------------------------------- integer advice


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(3, id="scalar"),
        pytest.param([1, 2], id="list"),
        pytest.param({"name": "a", "age": 30}, id="dict"),
        pytest.param([{"a": 1}, {}], id="records"),
        pytest.param(pd.DataFrame({"u": np.array([1], dtype=np.int8)}), id="int8"),
        pytest.param(pd.DataFrame({"a": pd.array([1, None], dtype="Int64")}), id="nullable"),
        pytest.param(pd.Series([1, 2]), id="series"),
        pytest.param(np.int32(4), id="numpy-scalar"),
    ],
)
def test_integer_columns_get_the_missing_values_advice(data: Any) -> None:
    _, messages = _caught(lambda: infer_schema(data))
    advice = [m for m in messages if INT_ADVICE in m]
    assert len(advice) == 1
    assert "declare them as double" in advice[0]
    assert "infer the signature from data that includes the missing values" in advice[0]


def test_the_advice_names_each_integer_column_and_its_type() -> None:
    frame = pd.DataFrame({"a": [1], "b": [1.5], "c": np.array([2], dtype=np.int32)})
    _, messages = _caught(lambda: infer_schema(frame))
    assert len(messages) == 1
    assert "'a' (long), 'c' (integer)" in messages[0]
    assert "'b'" not in messages[0]
    _, messages = _caught(lambda: infer_schema([1, 2]))
    assert "unnamed column (long)" in messages[0]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(2.5, id="double"),
        pytest.param(True, id="bool"),
        pytest.param([[1, 2]], id="array-of-long"),
        pytest.param({"a": [1, 2]}, id="named-array"),
        pytest.param({"a": {"b": 1}}, id="object-field"),
        pytest.param(np.array([1, 2]), id="tensor"),
        pytest.param({"t": np.array([1, 2])}, id="named-tensor"),
    ],
)
def test_no_advice_without_a_top_level_integer_column(data: Any) -> None:
    """As MLflow: items of an Array, fields of an Object and tensors do not count."""
    _, messages = _caught(lambda: infer_schema(data))
    assert messages == []


def test_the_advice_is_given_once_per_part_and_not_for_params() -> None:
    _, messages = _caught(lambda: infer_signature(3, 4, {"k": 1}))
    assert sum(INT_ADVICE in m for m in messages) == 2
    _, messages = _caught(lambda: infer_signature("x", "y", {"k": 1}))
    assert messages == []


def test_saving_with_an_example_gives_the_advice_for_input_and_output(tmp_path: Any) -> None:
    """As MLflow: a model without hints infers from its example, so both parts are advised on;
    a model whose hints give the signature is not."""
    from hintsig.pyfunc import PythonModel, save_model

    class Echo(PythonModel):
        def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
            return model_input

    class Hinted(PythonModel):
        def predict(self, model_input: list[int], params: Any = None) -> list[int]:
            return model_input

    example = pd.DataFrame({"a": [1, 2]})
    _, messages = _caught(
        lambda: save_model(tmp_path / "echo", python_model=Echo(), input_example=example)
    )
    assert sum(INT_ADVICE in m for m in messages) == 2
    _, messages = _caught(
        lambda: save_model(tmp_path / "hinted", python_model=Hinted(), input_example=[1, 2])
    )
    assert not any(INT_ADVICE in m for m in messages)


# ----------------------------------------------------------------------------- AnyType fallbacks

ANY = '[{"type": "any", "required": true}]'


@pytest.mark.parametrize(
    ("data", "named"),
    [
        pytest.param([{"a": 1}, {"a": 2.5}], "column 'a'", id="records-int-float"),
        pytest.param([{"l": {"m": "v"}}, {"l": "v"}], "column 'l'", id="records-conflict"),
        pytest.param([{}, {}], "no keys", id="empty-records"),
        pytest.param({}, "empty dict", id="empty-dict"),
        pytest.param({1: "a", "b": "c"}, "dict keys", id="non-string-keys"),
        pytest.param({"a": [1, "x"]}, "column 'a'", id="mixed-list-in-a-field"),
        pytest.param(
            pd.DataFrame({"ok": [1, 2], "m": pd.Series([1, "a"], dtype=object)}),
            "column 'm'",
            id="mixed-frame-column",
        ),
        pytest.param(pd.DataFrame(), "", id="empty-frame"),
        pytest.param(pd.DataFrame({"a": [{"x": 1}, {"x": "s"}]}), "column 'a'.x", id="fields"),
        pytest.param({1, 2}, "unsupported input type 'set'", id="unsupported-input"),
        pytest.param((1, 2), "unsupported input type 'tuple'", id="tuple"),
    ],
)
def test_inputs_without_a_schema_become_anytype_with_a_warning(data: Any, named: str) -> None:
    """As MLflow: the whole input is one AnyType column; the warning names what failed."""
    with pytest.warns(UserWarning, match="inferred AnyType") as caught:
        signature = infer_signature(data)
    assert signature.to_dict()["inputs"] == ANY
    message = str(caught[0].message)
    assert message.startswith("The model_input has no precise schema")
    assert named in message
    assert "strict=True" in message


@pytest.mark.parametrize(
    "output",
    [
        pytest.param([1, "a"], id="mixed-list"),
        pytest.param([{"a": 1}, {"a": "x"}], id="records-conflict"),
        pytest.param({1: "a"}, id="int-keys"),
        pytest.param({}, id="empty-dict"),
        pytest.param(np.array(3), id="0d"),
    ],
)
def test_outputs_without_a_schema_become_anytype_with_a_warning(output: Any) -> None:
    with pytest.warns(UserWarning, match="The model_output has no precise schema"):
        signature = infer_signature("x", output)
    assert signature.to_dict()["inputs"] == '[{"type": "string", "required": true}]'
    assert signature.to_dict()["outputs"] == ANY


def test_strict_raises_with_every_problem_of_every_part() -> None:
    from hintsig.exceptions import DataValidationError

    frame = pd.DataFrame({"m": pd.Series([1, "a"], dtype=object), "n": [{"x": 1}, {"x": "s"}]})
    with pytest.raises(DataValidationError) as info:
        infer_signature(frame, {1: "a"}, strict=True)
    assert [path for path, _ in info.value.errors] == [
        "model_input column 'm'",
        "model_input column 'n'.x",
        "model_output",
    ]
    assert info.value.headline == "Cannot infer a signature"


def test_a_good_part_keeps_its_schema_when_another_falls_back() -> None:
    with pytest.warns(UserWarning) as caught:
        signature = infer_signature([1, "x"], pd.DataFrame({"p": [0.5]}))
    assert signature.to_dict()["inputs"] == ANY
    assert signature.to_dict()["outputs"] == '[{"type": "double", "name": "p", "required": true}]'
    assert len(caught) == 1


# ----------------------------------------------------------------------------- params


def _params(params: dict[Any, Any]) -> Any:
    return json.loads(infer_signature("x", "y", params).to_dict()["params"])


def test_a_dict_param_is_an_object_param_with_its_default() -> None:
    assert _params({"cfg": {"a": 1, "b": "x", "c": None, "d": {"e": [1, 2]}}}) == [
        {
            "name": "cfg",
            "default": {"a": 1, "b": "x", "c": None, "d": {"e": [1, 2]}},
            "shape": None,
            "type": "object",
            "properties": {
                "a": {"type": "long", "required": True},
                "b": {"type": "string", "required": True},
                "c": {"type": "any", "required": False},
                "d": {
                    "type": "object",
                    "properties": {
                        "e": {"type": "array", "items": {"type": "long"}, "required": True}
                    },
                    "required": True,
                },
            },
        }
    ]


def test_an_empty_list_param_is_a_datetime_list_as_mlflow_writes_it() -> None:
    assert _params({"stop": [], "n": 1}) == [
        {"name": "stop", "default": [], "shape": [-1], "type": "datetime"},
        {"name": "n", "default": 1, "shape": None, "type": "long"},
    ]


def test_a_param_name_that_is_not_a_string_is_named_by_its_text() -> None:
    assert [p["name"] for p in _params({1: 2, 1.5: 3, (1,): 4})] == ["1", "1.5", "(1,)"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        pytest.param({"p": {}}, "cannot infer the properties of an empty dict", id="empty-dict"),
        pytest.param({"p": {"a": object()}}, "unsupported value type 'object'", id="object-field"),
        pytest.param({"p": {1: 2}}, "property names must be non-empty strings", id="int-field"),
    ],
)
def test_dict_params_without_a_schema_still_raise(params: dict[str, Any], message: str) -> None:
    from hintsig.exceptions import DataValidationError

    with pytest.raises(DataValidationError, match=message):
        infer_signature("x", "y", params)


# ----------------------------------------------------------------------------- dataclasses


@dataclasses.dataclass
class _Inner:
    v: list[int]
    w: Optional[str] = None  # noqa: UP045 - the typing spelling is what users write too


@dataclasses.dataclass
class _Outer:
    inner: _Inner
    k: str
    ks: list[_Inner]
    f: float
    b: bool | None
    when: dt.date


_OUTER_COLUMNS = [
    {
        "type": "object",
        "properties": {
            "v": {"type": "array", "items": {"type": "long"}, "required": True},
            "w": {"type": "string", "required": False},
        },
        "name": "inner",
        "required": True,
    },
    {"type": "string", "name": "k", "required": True},
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "v": {"type": "array", "items": {"type": "long"}, "required": True},
                "w": {"type": "string", "required": False},
            },
        },
        "name": "ks",
        "required": True,
    },
    {"type": "float", "name": "f", "required": True},
    {"type": "boolean", "name": "b", "required": False},
    {"type": "datetime", "name": "when", "required": True},
]


def test_a_dataclass_instance_is_read_from_its_field_types() -> None:
    """As MLflow: the annotations, not the values; float is `float`; no integer advice."""
    value = _Outer(_Inner([1]), "a", [], 1.0, None, dt.date(2024, 1, 1))
    signature, messages = _caught(lambda: infer_signature(value, value))
    assert json.loads(signature.to_dict()["inputs"]) == _OUTER_COLUMNS
    assert json.loads(signature.to_dict()["outputs"]) == _OUTER_COLUMNS
    assert messages == []


def test_model_signature_takes_a_dataclass_or_an_instance() -> None:
    from hintsig.models import ModelSignature

    from_class = ModelSignature(inputs=_Outer, outputs=_Inner)  # type: ignore[arg-type]
    assert json.loads(from_class.to_dict()["inputs"]) == _OUTER_COLUMNS
    instance = ModelSignature(inputs=_Inner([1]))  # type: ignore[arg-type]
    assert instance.to_dict()["inputs"] == from_class.to_dict()["outputs"]


@dataclasses.dataclass
class _Bad:
    bare: list  # type: ignore[type-arg]
    mixed: int | str
    nested: list[list[int]]
    anything: Any
    text: "int"  # a string annotation on purpose


def test_dataclass_fields_without_a_schema_fall_back_unless_strict() -> None:
    from hintsig.exceptions import DataValidationError, SchemaDefinitionError
    from hintsig.models import ModelSignature

    with pytest.warns(UserWarning, match="inferred AnyType") as caught:
        signature = infer_signature(_Bad([], 1, [], None, 1))
    assert signature.to_dict()["inputs"] == ANY
    assert "field 'bare'" in str(caught[0].message)
    with pytest.raises(DataValidationError) as info:
        infer_signature(_Bad([], 1, [], None, 1), strict=True)
    assert info.value.errors == [
        ("model_input field 'bare'", "unsupported field type list"),
        ("model_input field 'mixed'", "only Optional[X] unions are supported in dataclass fields"),
        ("model_input field 'nested'[]", "unsupported field type list[int]"),
        ("model_input field 'anything'", "unsupported field type Any"),
        (
            "model_input field 'text'",
            "the annotation is a string (postponed by `from __future__ import annotations`?); "
            "give the field an evaluated type",
        ),
    ]
    with pytest.raises(SchemaDefinitionError, match="field 'mixed'"):
        ModelSignature(inputs=_Bad)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- Timestamps

_TS = pd.Timestamp("2023-01-01")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_TS, id="scalar"),
        pytest.param([_TS], id="list"),
        pytest.param({"a": _TS}, id="dict"),
        pytest.param([{"a": _TS}], id="records"),
        pytest.param(pd.DataFrame({"a": [[_TS]]}), id="in-a-frame-cell-list"),
        pytest.param(pd.Timestamp("2023-01-01", tz="UTC"), id="tz"),
    ],
)
def test_a_timestamp_outside_a_frame_column_falls_back_as_mlflow(data: Any) -> None:
    with pytest.warns(UserWarning, match="type 'Timestamp'") as caught:
        signature = infer_signature(data)
    assert signature.to_dict()["inputs"] == ANY
    assert "use datetime.datetime" in str(caught[0].message)


def test_timestamps_in_a_frame_column_are_datetime() -> None:
    frame = pd.DataFrame({"a": pd.Series([_TS, None], dtype=object), "b": [_TS, _TS]})
    assert json.loads(infer_signature(frame).to_dict()["inputs"]) == [
        {"type": "datetime", "name": "a", "required": False},
        {"type": "datetime", "name": "b", "required": True},
    ]
    assert infer_signature(dt.datetime(2023, 1, 1)).to_dict()["inputs"] == (
        '[{"type": "datetime", "required": true}]'
    )


# ----------------------------------------------------------------------------- other value kinds


@pytest.mark.parametrize(
    ("data", "named"),
    [
        pytest.param({"a": decimal.Decimal("2.5")}, "'Decimal'", id="decimal"),
        pytest.param(pd.DataFrame({"d": [decimal.Decimal("1.5")]}), "'Decimal'", id="df-decimal"),
        pytest.param({"a": dt.timedelta(seconds=3)}, "'timedelta'", id="timedelta"),
        pytest.param(pd.DataFrame({"t": pd.to_timedelta([1], unit="s")}), "column 't'", id="td64"),
        pytest.param(pd.DataFrame({"u": np.array([1], dtype=np.uint64)}), "column 'u'", id="u64"),
        pytest.param({"a": np.uint64(3)}, "'uint64'", id="uint64-scalar"),
        pytest.param(np.array(5), "0-dimensional", id="0d"),
        pytest.param({"a": np.array(3), "b": np.array(4)}, "0-dimensional", id="0d-tensors"),
        pytest.param({"a": {1, 2}}, "'set'", id="set-value"),
    ],
)
def test_value_kinds_mlflow_cannot_type_fall_back(data: Any, named: str) -> None:
    """As MLflow 3.17: Decimal, timedelta, uint64 columns and 0-d arrays give AnyType."""
    with pytest.warns(UserWarning, match="inferred AnyType") as caught:
        signature = infer_signature(data)
    assert signature.to_dict()["inputs"] == ANY
    assert named in str(caught[0].message)


def test_a_uint64_tensor_keeps_its_dtype() -> None:
    signature = infer_signature(np.array([1], dtype=np.uint64))
    assert signature.to_dict()["inputs"] == (
        '[{"type": "tensor", "tensor-spec": {"dtype": "uint64", "shape": [-1]}}]'
    )


def test_a_bare_object_is_not_typed_as_a_string() -> None:
    """Deliberate: MLflow types an `object()` as string, which it is not; hintsig gives
    AnyType with a warning naming the column (and the error with strict=True)."""
    with pytest.warns(UserWarning, match="column 'a': unsupported value type 'object'"):
        signature = infer_signature({"a": object()}, {"a": object()})
    assert signature.to_dict()["inputs"] == ANY
    assert signature.to_dict()["outputs"] == ANY
