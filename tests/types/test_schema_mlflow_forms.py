"""The schema objects print and behave as MLflow's (issue 13, item 7).

Each expected string here is what MLflow 3.17 prints for the same object (checked in a scratch
venv); the corpus in tools/compat holds a few of them, these cases cover other arguments.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np
import pandas as pd
import pytest

from hintsig.exceptions import SchemaDefinitionError
from hintsig.models.enforcement import enforce_schema
from hintsig.types.schema import (
    AnyType,
    Array,
    ColSpec,
    DataType,
    Map,
    ModelSignature,
    Object,
    ParamSchema,
    ParamSpec,
    Property,
    Schema,
    TensorSpec,
)

D = DataType


# ----------------------------------------------------------------------------- DataType


@pytest.mark.parametrize("member", list(DataType))
def test_datatype_prints_as_mlflow(member: DataType) -> None:
    assert str(member) == f"DataType.{member.name}"
    assert repr(member) == member.name
    # hintsig's own messages format a type by its bare name
    assert f"{member}" == member.name
    assert f"{member:>10}" == f"{member.name:>10}"
    assert DataType[member.name] is member


@pytest.mark.parametrize(
    ("np_type", "expected"),
    [
        ("int32", D.integer),
        (np.int64, D.long),
        (np.dtype("float32"), D.float),
        ("float64", D.double),
        (bool, D.boolean),
        (np.dtype(str), D.string),
        (bytes, D.binary),
        ("datetime64[ns]", D.datetime),
        # MLflow has no member for these: None, not an error
        ("int8", None),
        ("uint64", None),
        ("float16", None),
        ("<U5", None),
        ("datetime64[s]", None),
        (object, None),
        ("not a dtype", None),
    ],
)
def test_from_numpy_type_is_an_exact_lookup(np_type: Any, expected: DataType | None) -> None:
    assert DataType.from_numpy_type(np_type) is expected


def test_from_numpy_type_inverts_to_numpy() -> None:
    assert [DataType.from_numpy_type(m.to_numpy()) for m in DataType] == list(DataType)


@pytest.mark.parametrize("member", [D.string, D.binary])
def test_to_pandas_of_text_and_bytes_is_the_builtin_object(member: DataType) -> None:
    assert member.to_pandas() is object
    assert pd.Series(["a", None]).astype(member.to_pandas()).dtype == np.dtype(object)


@pytest.mark.parametrize("member", [m for m in DataType if m not in (D.string, D.binary)])
def test_to_pandas_of_other_types_is_their_numpy_dtype(member: DataType) -> None:
    assert member.to_pandas() == member.to_numpy()
    assert isinstance(member.to_pandas(), np.dtype)


def test_to_python_of_datetime_is_date_as_in_mlflow() -> None:
    assert D.datetime.to_python() is dt.date
    assert isinstance(dt.datetime(2024, 1, 2), D.datetime.to_python())
    assert D.long.to_python() is int


def test_pandas_types_mixes_dtypes_and_object() -> None:
    schema = Schema([ColSpec("long", "a"), ColSpec("string", "b"), ColSpec("datetime", "c")])
    assert schema.pandas_types() == [np.dtype("int64"), object, np.dtype("<M8[ns]")]
    assert schema.pandas_types()[1] is object


# ----------------------------------------------------------------------------- reprs


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (ColSpec("double"), "double (required)"),
        (ColSpec(Array("long"), "tokens", required=False), "'tokens': Array(long) (optional)"),
        (ColSpec("long", "it's"), '"it\'s": long (required)'),
        (ColSpec("long", "a b"), "'a b': long (required)"),
        (ColSpec(AnyType(), "x", required=None), "'x': Any (optional)"),
        (ColSpec(Map(Map("long")), "mm"), "'mm': Map(str -> Map(str -> DataType.long)) (required)"),
        (
            ColSpec(Array(Map("double")), "am"),
            "'am': Array(Map(str -> DataType.double)) (required)",
        ),
        (
            ColSpec(Map(Object([Property("a", "long")])), "mo"),
            "'mo': Map(str -> {a: long (required)}) (required)",
        ),
        (ColSpec(Array(AnyType()), "aa"), "'aa': Array(Any) (required)"),
        (Map(AnyType()), "Map(str -> Any)"),
        (Array(Array("string")), "Array(Array(string))"),
        (Property("p", Map("binary"), required=False), "p: Map(str -> DataType.binary) (optional)"),
        (
            Object([Property("z", "boolean"), Property("a", Array("string"), required=False)]),
            "{a: Array(string) (optional), z: boolean (required)}",
        ),
        (TensorSpec(np.dtype("float64"), (-1, 2), "x"), "'x': Tensor('float64', (-1, 2))"),
        (TensorSpec(np.dtype(str), (-1,)), "Tensor('str', (-1,))"),
        (TensorSpec(np.uint8, ()), "Tensor('uint8', ())"),
    ],
)
def test_reprs_are_mlflows(node: Any, expected: str) -> None:
    assert repr(node) == expected
    assert str(node) == expected


def test_integer_labels_print_unquoted_and_text_labels_quoted() -> None:
    schema = Schema.from_json('[{"type": "long", "name": 3}, {"type": "double", "name": 10}]')
    assert repr(schema) == "[3: long (required), 10: double (required)]"
    assert repr(ColSpec("long", "3")) == "'3': long (required)"


def test_schema_and_params_print_as_lists() -> None:
    tensors = Schema([TensorSpec(np.int64, (-1,), "a"), TensorSpec(np.float32, (-1, 3), "b")])
    assert repr(tensors) == "['a': Tensor('int64', (-1,)), 'b': Tensor('float32', (-1, 3))]"
    params = ParamSchema(
        [
            ParamSpec("when", "datetime", dt.datetime(2024, 1, 2, 3, 4)),
            ParamSpec("day", "datetime", dt.date(2024, 1, 2)),
            ParamSpec("s", "string", "hi"),
            ParamSpec("o", Object([Property("a", "long")]), {"a": 1}),
            ParamSpec("flags", "boolean", [True, False], (-1,)),
        ]
    )
    assert repr(params) == (
        "['when': datetime (default: 2024-01-02 03:04:00), "
        "'day': datetime (default: 2024-01-02), "
        "'s': string (default: hi), "
        "'o': {a: long (required)} (default: {'a': 1}), "
        "'flags': boolean (default: [True, False]) (shape: (-1,))]"
    )
    assert repr(ParamSpec("t", "double", 1)) == "'t': double (default: 1.0)"


def test_schema_inputs_are_the_specs() -> None:
    specs = [ColSpec("long", "a"), ColSpec(Array("string"), "b", required=False)]
    assert Schema(specs).inputs == specs
    assert [repr(s) for s in Schema(specs).inputs] == [
        "'a': long (required)",
        "'b': Array(string) (optional)",
    ]


def test_signature_repr_shows_each_part() -> None:
    signature = ModelSignature(
        Schema([TensorSpec(np.float32, (-1, 2), "x")]),
        None,
        ParamSchema([ParamSpec("a", "long", 1)]),
    )
    expected = (
        "inputs: \n  ['x': Tensor('float32', (-1, 2))]\noutputs: \n  None\n"
        "params: \n  ['a': long (default: 1)]\n"
    )
    assert repr(signature) == str(signature) == expected


# ----------------------------------------------------------------------------- to_dict forms


def test_tensor_to_dict_keeps_the_shape_a_tuple_and_json_a_list() -> None:
    named = TensorSpec(np.float32, [-1, 10], "t")
    assert named.to_dict() == {
        "name": "t",
        "type": "tensor",
        "tensor-spec": {"dtype": "float32", "shape": (-1, 10)},
    }
    assert TensorSpec(np.int8, (-1,)).to_dict()["tensor-spec"]["shape"] == (-1,)
    written = json.loads(Schema([named]).to_json())
    assert written[0]["tensor-spec"]["shape"] == [-1, 10]
    assert Schema.from_json(Schema([named]).to_json()) == Schema([named])


@pytest.mark.parametrize("default", [[".", "!"], []])
def test_list_param_to_dict_shape_is_a_tuple(default: list[str]) -> None:
    spec = ParamSpec("stop", "string", default, [-1])
    assert spec.to_dict() == {"name": "stop", "default": default, "shape": (-1,), "type": "string"}
    assert json.loads(ParamSchema([spec]).to_json())[0]["shape"] == [-1]
    assert ParamSchema.from_json(ParamSchema([spec]).to_json()) == ParamSchema([spec])


def test_param_json_without_default_reads_as_no_default() -> None:
    # lenient: MLflow refuses the missing key
    params = ParamSchema.from_json('[{"name": "t", "type": "double", "shape": null}]')
    assert params.get("t") == ParamSpec("t", "double", None)


# ----------------------------------------------------------------------------- required flag


@pytest.mark.parametrize(
    "column",
    [
        {"type": "array", "items": {"type": "long"}},
        {"type": "map", "values": {"type": "string"}},
        {"type": "object", "properties": {"x": {"type": "long"}}},
        {"type": "any"},
        {"type": "long", "required": None},
        {"type": "array", "items": {"type": "long"}, "required": None},
    ],
)
def test_an_unset_required_flag_reads_as_mlflow_reads_it(column: dict[str, Any]) -> None:
    text = json.dumps([{**column, "name": "c"}])
    schema = Schema.from_json(text)
    spec = schema.inputs[0]
    assert spec.required is None
    assert schema.optional_input_names() == ["c"]
    assert schema.required_input_names() == []
    assert repr(spec).endswith("(optional)")
    # written back as MLflow writes it: "required": null
    assert json.loads(schema.to_json())[0]["required"] is None
    assert Schema.from_json(schema.to_json()) == schema


def test_scalar_columns_and_properties_without_a_flag_are_required() -> None:
    schema = Schema.from_json(
        '[{"type": "long", "name": "a"}, '
        '{"type": "object", "properties": {"x": {"type": "array", "items": {"type": "long"}}},'
        ' "name": "o", "required": true}]'
    )
    assert [s.required for s in schema.inputs] == [True, True]
    obj = schema.inputs[1].type
    assert isinstance(obj, Object)
    assert obj.properties[0].required is True


def test_an_unnamed_column_with_an_unset_flag_is_accepted() -> None:
    schema = Schema.from_json('[{"type": "array", "items": {"type": "long"}}]')
    assert repr(schema) == "[Array(long) (optional)]"
    with pytest.raises(SchemaDefinitionError, match="unnamed column cannot be optional"):
        Schema([ColSpec(Array("long"), required=False)])


def test_a_column_with_an_unset_flag_may_be_left_out() -> None:
    schema = Schema.from_json('[{"type": "long", "name": "a"}, {"type": "any", "name": "b"}]')
    out = enforce_schema(pd.DataFrame({"a": [1, 2]}), schema)
    assert list(out.columns) == ["a"]


# ----------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "build",
    [lambda: ModelSignature(), lambda: ModelSignature.from_dict({})],
    ids=["no-arguments", "from-empty-dict"],
)
def test_an_empty_signature_is_a_value_error_as_in_mlflow(build: Any) -> None:
    with pytest.raises(ValueError, match="at least one of inputs, outputs or params") as info:
        build()
    assert isinstance(info.value, SchemaDefinitionError)


def test_duplicate_input_names_are_refused() -> None:
    # Deliberate difference: MLflow keeps both specs and then enforces only one of them
    # (a double column passes a schema that also says long).
    with pytest.raises(SchemaDefinitionError, match="duplicate input names: 'a'"):
        Schema([ColSpec("long", "a"), ColSpec("long", "a")])
    with pytest.raises(SchemaDefinitionError, match="duplicate input names: 'a'"):
        Schema.from_json('[{"type": "long", "name": "a"}, {"type": "double", "name": "a"}]')
