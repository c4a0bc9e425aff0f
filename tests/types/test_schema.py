"""Tests of hintsig.types.schema: the schema types, their JSON form and MLflow compatibility."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from hintsig.exceptions import HintsigException, SchemaDefinitionError
from hintsig.types.schema import (
    AnyType,
    Array,
    ColSpec,
    ColType,
    DataType,
    Map,
    ModelSignature,
    Object,
    ParamSchema,
    ParamSpec,
    Property,
    Schema,
    TensorSpec,
    type_from_dict,
    type_to_dict,
    validate_param_value,
    validate_scalar,
    value_problems,
)

D = DataType
MLFLOW_FILE = Path(__file__).parents[1] / "data" / "mlflow_signatures.json"
MLFLOW_CASES: list[dict[str, Any]] = json.loads(MLFLOW_FILE.read_text())["cases"]


@contextlib.contextmanager
def raises_schema_error(*fragments: str) -> Iterator[pytest.ExceptionInfo[SchemaDefinitionError]]:
    """Like `pytest.raises(SchemaDefinitionError)`; the message must hold every fragment."""
    with pytest.raises(SchemaDefinitionError) as info:
        yield info
    error = info.value
    assert isinstance(error, HintsigException)
    assert isinstance(error, TypeError)
    assert error.message == str(error)
    for fragment in fragments:
        assert fragment in error.message


def named(*rows: tuple[Any, ...]) -> list[Any]:
    """Parametrize rows whose last item is a list of message fragments, named by them."""
    return [pytest.param(*row, id=" + ".join(row[-1])) for row in rows]


# ----------------------------------------------------------------------------- MLflow fixtures


def _sig(
    inputs: list[Any] | None = None,
    outputs: list[Any] | None = None,
    params: list[ParamSpec] | None = None,
) -> ModelSignature:
    return ModelSignature(
        Schema(inputs) if inputs is not None else None,
        Schema(outputs) if outputs is not None else None,
        ParamSchema(params) if params is not None else None,
    )


#: The same signatures as tests/data/mlflow_signatures.json, built with hintsig.
BUILT: dict[str, ModelSignature] = {
    "named_columns_every_datatype": _sig(
        [
            ColSpec(D.boolean, "flag"),
            ColSpec(D.integer, "count"),
            ColSpec(D.long, "id"),
            ColSpec(D.float, "ratio"),
            ColSpec(D.double, "score"),
            ColSpec(D.string, "text"),
            ColSpec(D.binary, "blob"),
            ColSpec(D.datetime, "when"),
        ],
        [ColSpec(D.double)],
    ),
    "unnamed_single_column": _sig([ColSpec(D.string)], [ColSpec("string")]),
    "unnamed_several_columns": _sig(
        [ColSpec(D.long), ColSpec(D.double), ColSpec("string")], [ColSpec(D.long)]
    ),
    "optional_columns": _sig(
        [
            ColSpec(D.double, "sepal length (cm)"),
            ColSpec(D.double, "petal width", required=False),
            ColSpec(D.string, "label", required=False),
            ColSpec(D.datetime, "ts", required=False),
            ColSpec(D.binary, "raw", required=False),
        ],
        [ColSpec(D.long, "prediction")],
    ),
    "nested_arrays": _sig(
        [
            ColSpec(Array(D.string), "tokens"),
            ColSpec(Array(Array(D.double)), "matrix"),
            ColSpec(Array(Array(Array("long"))), "cube", required=False),
        ],
        [ColSpec(Array(D.float))],
    ),
    "objects_nested_optional": _sig(
        [
            ColSpec(
                Object(
                    [
                        Property("name", D.string),
                        Property("age", D.integer, required=False),
                        Property(
                            "address",
                            Object([Property("zip", D.string), Property("city", "string", False)]),
                        ),
                        Property("tags", Array(D.string), required=False),
                        Property("active", D.boolean),
                    ]
                ),
                "person",
            )
        ],
        [ColSpec(Object([Property("ok", D.boolean)]))],
    ),
    "array_of_objects_chat": _sig(
        [
            ColSpec(
                Array(
                    Object(
                        [
                            Property("role", D.string),
                            Property("content", D.string),
                            Property("name", D.string, required=False),
                        ]
                    )
                ),
                "messages",
            ),
            ColSpec(D.double, "temperature", required=False),
        ],
        [ColSpec(D.string)],
    ),
    "maps": _sig(
        [
            ColSpec(Map(D.long), "counts"),
            ColSpec(Map(Array(D.string)), "groups"),
            ColSpec(Map(Map(D.double)), "nested", required=False),
            ColSpec(
                Map(Object([Property("x", D.double), Property("y", D.double, False)])), "points"
            ),
            ColSpec(Array(Map(D.binary)), "blobs", required=False),
        ],
        [ColSpec(Map(D.string))],
    ),
    "any_type": _sig(
        [
            ColSpec(AnyType(), "anything"),
            ColSpec(Array(AnyType()), "list_of_any", required=False),
            ColSpec(
                Object([Property("meta", AnyType(), required=False), Property("k", D.string)]),
                "obj",
            ),
            ColSpec(Map(AnyType()), "extra", required=False),
        ],
        [ColSpec(AnyType())],
    ),
    "tensor_unnamed_uint8": _sig(
        [TensorSpec(np.dtype(np.uint8), (-1, 28, 28))], [TensorSpec(np.float32, [-1, 10])]
    ),
    "tensors_named_dtypes": _sig(
        [
            TensorSpec(np.dtype(np.float32), (-1, 3, 224, 224), "image"),
            TensorSpec("int64", (-1,), "ids"),
            TensorSpec(np.bool_, (-1, 5), "mask"),
            TensorSpec(np.dtype(object), (-1,), "labels"),
            TensorSpec(np.dtype(str), (-1,), "text"),
            TensorSpec(bytes, (-1,), "raw"),
            TensorSpec("datetime64[ns]", (-1,), "times"),
        ],
        [TensorSpec(np.float64, (-1, 2), "proba"), TensorSpec(np.int8, (-1,), "label")],
    ),
    "tensor_more_dtypes": _sig(
        [
            TensorSpec(np.float16, (2, -1), "half"),
            TensorSpec(np.int16, (), "scalar"),
            TensorSpec(np.uint64, (-1, 1), "big"),
            TensorSpec(np.int32, (4,), "fixed"),
        ],
        [TensorSpec(np.complex128, (-1,))],
    ),
    "params_scalar_every_dtype": _sig(
        [ColSpec(D.string)],
        [ColSpec(D.string)],
        [
            ParamSpec("flag", D.boolean, True),
            ParamSpec("top_k", D.integer, 5),
            ParamSpec("seed", D.long, 2**40),
            ParamSpec("ratio", D.float, 0.5),
            ParamSpec("temperature", D.double, 1),
            ParamSpec("prefix", "string", "hi"),
            ParamSpec("cutoff", D.datetime, dt.datetime(2024, 1, 2, 3, 4, 5)),
            ParamSpec("since", D.datetime, dt.date(2023, 12, 31)),
            ParamSpec("max_tokens", D.long, None),
            ParamSpec("stop", D.string, None),
        ],
    ),
    "params_lists": _sig(
        [ColSpec(D.double, "x")],
        None,
        [
            ParamSpec("flags", D.boolean, [True, False], (-1,)),
            ParamSpec("sizes", D.integer, [1, 2, 3], (-1,)),
            ParamSpec("ids", D.long, [], (-1,)),
            ParamSpec("weights", D.float, [0.25, 1], (-1,)),
            ParamSpec("scores", D.double, np.array([1.5, 2.0]), [-1]),
            ParamSpec("stop", D.string, ["\n", "END"], (-1,)),
            ParamSpec("dates", D.datetime, ["2024-05-06T07:08:09.123456"], (-1,)),
        ],
    ),
    "outputs_only": _sig(
        None, [ColSpec(D.double, "y"), ColSpec(D.string, "label", required=False)]
    ),
    "params_only": _sig(None, None, [ParamSpec("alpha", D.double, 0.1)]),
    "object_param": _sig(
        [ColSpec(D.string)],
        None,
        [
            ParamSpec(
                "config",
                Object(
                    [
                        Property("depth", D.long),
                        Property("name", D.string),
                        Property("opts", Object([Property("fast", D.boolean)])),
                    ]
                ),
                {"depth": 3, "name": "x", "opts": {"fast": True}},
            ),
            ParamSpec("k", D.long, 2),
        ],
    ),
    "inferred_dataframe": _sig(
        [
            ColSpec(D.double, "sepal length (cm)"),
            ColSpec(D.string, "species", required=False),
            ColSpec(D.long, "n"),
            ColSpec(D.datetime, "when"),
            ColSpec(D.boolean, "ok"),
            ColSpec(D.binary, "raw"),
        ],
        [TensorSpec(np.int64, (-1,))],
    ),
    "inferred_records": _sig(
        [
            ColSpec(D.long, "a"),
            ColSpec(Array(D.double), "b", required=False),
            ColSpec(Object([Property("x", D.string)]), "c", required=False),
        ],
        [ColSpec(D.string)],
        [ParamSpec("t", D.double, 0.7), ParamSpec("stop", D.string, ["x"], (-1,))],
    ),
    "inferred_dict_of_arrays": _sig(
        [TensorSpec(np.float32, (-1, 3), "a"), TensorSpec(str, (-1,), "b")],
        [TensorSpec(np.int64, (-1,))],
    ),
}

case_params = [pytest.param(case, id=case["id"]) for case in MLFLOW_CASES]


def test_fixture_file_covers_every_built_signature() -> None:
    assert len(MLFLOW_CASES) >= 14
    assert [case["id"] for case in MLFLOW_CASES] == list(BUILT)


@pytest.mark.parametrize("case", case_params)
def test_mlflow_signature_round_trips_byte_identical(case: dict[str, Any]) -> None:
    written = ModelSignature.from_dict(case["signature"]).to_dict()
    assert json.dumps(written) == json.dumps(case["signature"])


@pytest.mark.parametrize("case", case_params)
def test_hintsig_signature_equals_mlflow_signature(case: dict[str, Any]) -> None:
    built = BUILT[case["id"]]
    assert ModelSignature.from_dict(case["signature"]) == built
    assert built.to_dict() == case["signature"]


@pytest.mark.parametrize("case", case_params)
def test_str_reads_as_mlflow_prints_it(case: dict[str, Any]) -> None:
    assert str(BUILT[case["id"]]) == repr(BUILT[case["id"]]) == case["mlflow_str"]


@pytest.mark.parametrize("case", case_params)
def test_schema_and_param_schema_json_round_trip(case: dict[str, Any]) -> None:
    signature = BUILT[case["id"]]
    for part in (signature.inputs, signature.outputs):
        if part is not None:
            assert Schema.from_json(part.to_json()) == part
            assert Schema.from_json(part.to_json()).to_json() == part.to_json()
    if signature.params is not None:
        assert ParamSchema.from_json(signature.params.to_json()) == signature.params
        text = case["signature"]["params"]
        assert ParamSchema.from_json(text).to_json() == text


# ----------------------------------------------------------------------------- DataType

DATATYPE_TABLE = [
    (D.boolean, 1, bool, "bool", "bool"),
    (D.integer, 2, int, "int32", "int32"),
    (D.long, 3, int, "int64", "int64"),
    (D.float, 4, float, "float32", "float32"),
    (D.double, 5, float, "float64", "float64"),
    (D.string, 6, str, "<U0", "object"),
    (D.binary, 7, bytes, "|S0", "object"),
    (D.datetime, 8, dt.date, "<M8[ns]", "<M8[ns]"),
]


def test_datatype_has_exactly_mlflows_members() -> None:
    assert [(m.name, m.value) for m in DataType] == [
        ("boolean", 1),
        ("integer", 2),
        ("long", 3),
        ("float", 4),
        ("double", 5),
        ("string", 6),
        ("binary", 7),
        ("datetime", 8),
    ]
    assert [row[0] for row in DATATYPE_TABLE] == list(DataType)


@pytest.mark.parametrize(("member", "number", "python", "numpy", "pandas"), DATATYPE_TABLE)
def test_datatype_knows_its_python_numpy_and_pandas_types(
    member: DataType, number: int, python: type, numpy: str, pandas: str
) -> None:
    assert member.value == number
    assert member.to_python() is python
    assert member.to_numpy() == np.dtype(numpy)
    assert member.to_numpy().str == np.dtype(numpy).str
    assert member.to_pandas() == np.dtype(pandas)
    assert DataType.from_name(member.name) is member
    assert repr(member) == f"{member}" == member.name
    assert str(member) == f"DataType.{member.name}"


def test_datatype_dtypes_hold_their_values() -> None:
    assert pd.Series(["a", None], dtype=D.string.to_pandas()).dtype == np.dtype(object)
    assert np.array([1, 2], dtype=D.integer.to_numpy()).dtype == np.int32
    assert np.array(["x"], dtype=D.string.to_numpy()).dtype == np.dtype("<U1")


@pytest.mark.parametrize("name", ["doubl", "Long", "tensor", "", "__class__", 3, None, ["long"]])
def test_datatype_from_unknown_name_is_a_schema_error(name: Any) -> None:
    with raises_schema_error("Unknown data type", "boolean, integer, long"):
        DataType.from_name(name)


# ----------------------------------------------------------------------------- composite types

LEAVES: list[ColType] = [
    D.long,
    D.datetime,
    AnyType(),
    Array(D.string),
    Map(D.double),
    Object([Property("leaf", D.binary, required=False)]),
]
WRAPPERS: dict[str, Callable[[ColType], ColType]] = {
    "array": Array,
    "map": Map,
    "object": lambda t: Object([Property("p", t), Property("q", D.long, required=False)]),
    "optional_property": lambda t: Object([Property("p", t, required=False)]),
}


def _nestings() -> list[Any]:
    out = []
    for (outer, wrap_out), (inner, wrap_in), leaf in itertools.product(
        WRAPPERS.items(), WRAPPERS.items(), LEAVES
    ):
        out.append(pytest.param(wrap_out, wrap_in, leaf, id=f"{outer}-{inner}-{leaf!r}"))
    return out


@pytest.mark.parametrize(("wrap_out", "wrap_in", "leaf"), _nestings())
def test_composite_types_nest_in_any_combination(
    wrap_out: Callable[[ColType], ColType], wrap_in: Callable[[ColType], ColType], leaf: ColType
) -> None:
    node = wrap_out(wrap_in(leaf))
    twin = wrap_out(wrap_in(type_from_dict(type_to_dict(leaf))))
    assert node == twin
    assert hash(node) == hash(twin)
    assert node != wrap_in(wrap_out(Array(leaf)))
    assert type_from_dict(json.loads(json.dumps(node.to_dict()))) == node
    spec = ColSpec(node, "col", required=False)
    assert Schema.from_json(Schema([spec]).to_json()) == Schema([spec])


def test_composite_equality_is_by_value() -> None:
    assert Array("long") == Array(D.long)
    assert Array(D.long) != Array(D.integer)
    assert Array(D.long) != Map(D.long)
    assert AnyType() == AnyType()
    assert Map(Array(D.string)) == Map(Array("string"))
    assert Property("a", D.long) != Property("a", D.long, required=False)
    assert Property("a", D.long) != Property("b", D.long)
    first = Object([Property("b", D.long), Property("a", D.string)])
    second = Object([Property("a", D.string), Property("b", D.long)])
    assert first == second
    assert first.properties == second.properties
    assert [p.name for p in first.properties] == ["a", "b"]
    assert len({Array(D.long), Array("long"), Map(D.long), AnyType(), AnyType()}) == 3


def test_composite_to_dict() -> None:
    assert AnyType().to_dict() == {"type": "any"}
    assert Map(Array("long")).to_dict() == {
        "type": "map",
        "values": {"type": "array", "items": {"type": "long"}},
    }
    assert Property("p", Array(D.double), required=False).to_dict() == {
        "p": {"type": "array", "items": {"type": "double"}, "required": False}
    }
    assert Object([Property("b", D.long), Property("a", AnyType(), False)]).to_dict() == {
        "type": "object",
        "properties": {
            "a": {"type": "any", "required": False},
            "b": {"type": "long", "required": True},
        },
    }


@pytest.mark.parametrize("helper", [type_to_dict, lambda node: value_problems(node, 1)])
def test_json_and_value_helpers_refuse_non_types(helper: Callable[[Any], Any]) -> None:
    with raises_schema_error("Not a schema type: ColSpec"):
        helper(ColSpec(D.long))


def test_object_property_lookup() -> None:
    obj = Object([Property("a", D.long), Property("b", Array(D.string), required=False)])
    assert obj.property("b") == Property("b", Array(D.string), required=False)
    assert obj.property("missing") is None


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (Array(D.long), "Array(long)"),
        (Map(Array(D.string)), "Map(str -> Array(string))"),
        (Map(D.long), "Map(str -> DataType.long)"),
        (AnyType(), "Any"),
        (Property("a", D.double, required=False), "a: double (optional)"),
        (
            Object([Property("b", D.long), Property("a", Map(AnyType()), required=False)]),
            "{a: Map(str -> Any) (optional), b: long (required)}",
        ),
    ],
)
def test_composite_repr_and_str(node: Any, expected: str) -> None:
    # MLflow's forms: repr and str are the same text
    assert repr(node) == str(node) == expected


@pytest.mark.parametrize(
    ("build", "fragments"),
    named(
        (lambda: Array("nope"), ["Array", "'nope'", "expected one of"]),
        (lambda: Array(int), ["Array", "got type"]),
        (lambda: Map(None), ["Map", "got NoneType"]),
        (lambda: Map(np.dtype("int64")), ["Map: expected a DataType"]),
        (lambda: Property("", D.long), ["non-empty string"]),
        (lambda: Property(3, D.long), ["non-empty string", "got int"]),
        (lambda: Property("a", "lng"), ["Property 'a'", "'lng'"]),
        (lambda: Property("a", D.long, required="yes"), ["Property 'a'", "bool", "got str"]),
        (lambda: Object([]), ["at least one Property", "Map"]),
        (lambda: Object([Property("a", D.long), "b", 3]), ["[1]", "got str", "[2]", "got int"]),
        (lambda: Object(Property("a", D.long)), ["must be a list", "got Property"]),
        (lambda: Object({"a": D.long}), ["must be a list", "got dict"]),
        (
            lambda: Object([Property("a", D.long), Property("a", D.string)]),
            ["Duplicate Object property names: 'a'"],
        ),
    ),
)
def test_bad_composite_types_are_schema_errors(
    build: Callable[[], Any], fragments: list[str]
) -> None:
    with raises_schema_error(*fragments):
        build()


# ----------------------------------------------------------------------------- ColSpec


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (D.double, D.double),
        ("double", D.double),
        ("datetime", D.datetime),
        (Array("long"), Array(D.long)),
        (Object([Property("a", "string")]), Object([Property("a", D.string)])),
        (Map(D.long), Map(D.long)),
        (AnyType(), AnyType()),
    ],
)
def test_colspec_accepts_a_datatype_its_name_or_a_composite(given: Any, expected: Any) -> None:
    spec = ColSpec(given, "x")
    assert spec.type == expected
    assert spec == ColSpec(expected, name="x", required=True)
    assert spec != ColSpec(expected, name="x", required=False)
    assert spec != ColSpec(expected, name="y")


@pytest.mark.parametrize(
    ("build", "fragments"),
    named(
        (lambda: ColSpec("doubl", "a"), ["ColSpec 'a'", "Unknown data type 'doubl'"]),
        (lambda: ColSpec("doubl"), ["ColSpec:", "'doubl'"]),
        (lambda: ColSpec(float, "a"), ["ColSpec 'a'", "expected a DataType", "got type"]),
        (lambda: ColSpec(np.dtype("float64")), ["ColSpec: expected a DataType"]),
        (lambda: ColSpec(D.long, 3.5), ["name must be a string, an int or None", "got float"]),
        (lambda: ColSpec(D.long, "a", required=1), ["required must be a bool", "got int"]),
    ),
)
def test_bad_colspecs_are_schema_errors(build: Callable[[], Any], fragments: list[str]) -> None:
    with raises_schema_error(*fragments):
        build()


@pytest.mark.parametrize(
    ("spec", "expected", "expected_dict"),
    [
        (
            ColSpec(D.long, "a"),
            "'a': long (required)",
            {"type": "long", "name": "a", "required": True},
        ),
        (
            ColSpec(Array(D.string), "tokens", required=False),
            "'tokens': Array(string) (optional)",
            {"type": "array", "items": {"type": "string"}, "name": "tokens", "required": False},
        ),
        (
            ColSpec("binary"),
            "binary (required)",
            {"type": "binary", "required": True},
        ),
    ],
)
def test_colspec_repr_str_and_dict(
    spec: ColSpec, expected: str, expected_dict: dict[str, Any]
) -> None:
    assert repr(spec) == str(spec) == expected
    assert spec.to_dict() == expected_dict


# ----------------------------------------------------------------------------- TensorSpec


@pytest.mark.parametrize(
    ("given", "name"),
    [
        (np.float32, "float32"),
        ("float32", "float32"),
        (np.dtype("float32"), "float32"),
        (float, "float64"),
        (">i4", "int32"),
        (np.dtype(">f8"), "float64"),
        (str, "str"),
        (np.dtype("U"), "str"),
        (bytes, "bytes"),
        (object, "object"),
        ("datetime64[ns]", "datetime64[ns]"),
        (np.bool_, "bool"),
        (np.uint8, "uint8"),
    ],
)
def test_tensorspec_dtype_is_any_numpy_dtype_in_native_order(given: Any, name: str) -> None:
    spec = TensorSpec(given, (-1, 2))
    assert spec.type == np.dtype(name)
    assert spec.type.isnative
    assert spec.to_dict()["tensor-spec"]["dtype"] == name
    assert Schema.from_json(Schema([spec]).to_json()) == Schema([spec])


def test_tensorspec_shape_and_equality() -> None:
    spec = TensorSpec(np.float32, [-1, np.int64(28), 28], "image")
    assert spec.shape == (-1, 28, 28)
    assert all(type(d) is int for d in spec.shape)
    assert spec == TensorSpec("float32", (-1, 28, 28), "image")
    assert spec != TensorSpec("float32", (-1, 28, 28))
    assert spec != TensorSpec("float64", (-1, 28, 28), "image")
    assert spec != TensorSpec("float32", (-1, 28, -1), "image")
    assert hash(spec) == hash(TensorSpec(np.dtype("float32"), (-1, 28, 28), "image"))
    assert spec.required is True
    assert TensorSpec(np.int16, ()).shape == ()


def test_tensorspec_repr_str_and_dict() -> None:
    spec = TensorSpec(np.uint8, (-1, 28, 28), "image")
    assert repr(spec) == str(spec) == "'image': Tensor('uint8', (-1, 28, 28))"
    assert spec.to_dict() == {
        "name": "image",
        "type": "tensor",
        "tensor-spec": {"dtype": "uint8", "shape": (-1, 28, 28)},
    }
    unnamed = TensorSpec(str, (-1,))
    assert repr(unnamed) == str(unnamed) == "Tensor('str', (-1,))"


@pytest.mark.parametrize(
    ("dtype", "shape", "fragments"),
    named(
        ("nope", (-1,), ["TensorSpec", "expected a numpy dtype", "'nope'"]),
        (None, (-1,), ["expected a numpy dtype, got None"]),
        (D.long, (-1,), ["expected a numpy dtype", "got DataType"]),
        ([("a", "i4")], (-1,), ["structured"]),
        ("V8", (-1,), ["void"]),
        ("U5", (-1,), ["sized str", "np.dtype(str)"]),
        ("S3", (-1,), ["sized bytes", "np.dtype(bytes)"]),
        (np.float32, "abc", ["shape must be a tuple or list of ints", "got str"]),
        (np.float32, 5, ["got int"]),
        (np.float32, None, ["got NoneType"]),
        (np.float32, (-2,), ["shape[0]", "an int below -1"]),
        (np.float32, (-1, 1.5, True), ["shape[1]", "got float", "shape[2]", "got bool"]),
    ),
)
def test_bad_tensorspecs_are_schema_errors(dtype: Any, shape: Any, fragments: list[str]) -> None:
    with raises_schema_error(*fragments):
        TensorSpec(dtype, shape)


def test_tensorspec_name_must_be_a_string() -> None:
    with raises_schema_error("TensorSpec name must be a string or None", "got int"):
        TensorSpec(np.float32, (-1,), 0)


# ----------------------------------------------------------------------------- Schema


@pytest.mark.parametrize(
    ("inputs", "fragments"),
    named(
        ([], ["at least one ColSpec or TensorSpec"]),
        (
            [ColSpec(D.long, "a"), TensorSpec(np.int64, (-1,), "b")],
            ["mixes ColSpec and TensorSpec"],
        ),
        ([ColSpec(D.long, "a"), ColSpec(D.double, "a")], ["duplicate input names: 'a'"]),
        (
            [TensorSpec(np.int8, (-1,), "t"), TensorSpec(np.int8, (-1,), "t")],
            ["duplicate input names: 't'"],
        ),
        ([ColSpec(D.long, "a"), ColSpec(D.double)], ["mixes named and unnamed", "unnamed: 1"]),
        (
            [TensorSpec(np.int8, (-1,)), TensorSpec(np.int8, (-1,))],
            ["several unnamed tensors"],
        ),
        ([ColSpec(D.long, required=False)], ["[0]", "unnamed column cannot be optional"]),
        ([ColSpec(D.long), "long", None], ["[1]", "got str", "[2]", "got NoneType"]),
        (ColSpec(D.long, "a"), ["Schema inputs must be a list", "got ColSpec"]),
        ("long", ["must be a list", "got str"]),
        (
            [ColSpec(D.long, "a"), ColSpec(D.long, "a"), TensorSpec(np.int8, (-1,))],
            ["mixes ColSpec and TensorSpec", "mixes named and unnamed", "duplicate input names"],
        ),
    ),
)
def test_bad_schemas_are_schema_errors(inputs: Any, fragments: list[str]) -> None:
    with raises_schema_error(*fragments):
        Schema(inputs)


def test_named_column_schema_methods() -> None:
    schema = Schema(
        [
            ColSpec(D.double, "x"),
            ColSpec(D.string, "label", required=False),
            ColSpec(D.datetime, "when"),
            ColSpec(D.binary, "raw", required=False),
        ]
    )
    assert schema.input_names() == ["x", "label", "when", "raw"]
    assert schema.required_input_names() == ["x", "when"]
    assert schema.optional_input_names() == ["label", "raw"]
    assert schema.input_types() == [D.double, D.string, D.datetime, D.binary]
    assert schema.input_types_dict() == {
        "x": D.double,
        "label": D.string,
        "when": D.datetime,
        "raw": D.binary,
    }
    assert schema.input_dict()["label"] == ColSpec(D.string, "label", required=False)
    assert schema.numpy_types() == [
        np.dtype("float64"),
        np.dtype(str),
        np.dtype("datetime64[ns]"),
        np.dtype(bytes),
    ]
    assert schema.pandas_types() == [
        np.dtype("float64"),
        np.dtype(object),
        np.dtype("datetime64[ns]"),
        np.dtype(object),
    ]
    assert schema.has_input_names()
    assert not schema.is_tensor_spec()
    assert len(schema) == 4
    assert list(schema) == schema.inputs


def test_unnamed_column_schema_methods() -> None:
    schema = Schema([ColSpec(D.long), ColSpec(D.float)])
    assert schema.input_names() == [0, 1]
    assert schema.required_input_names() == [0, 1]
    assert schema.optional_input_names() == []
    assert schema.input_types() == [D.long, D.float]
    assert schema.numpy_types() == [np.dtype("int64"), np.dtype("float32")]
    assert schema.pandas_types() == [np.dtype("int64"), np.dtype("float32")]
    assert not schema.has_input_names()
    assert not schema.is_tensor_spec()
    with raises_schema_error("needs a schema with named inputs"):
        schema.input_dict()
    with raises_schema_error("needs a schema with named inputs"):
        schema.input_types_dict()


def test_tensor_schema_methods() -> None:
    named = Schema([TensorSpec(np.float32, (-1, 3), "a"), TensorSpec(np.int64, (-1,), "b")])
    assert named.is_tensor_spec()
    assert named.has_input_names()
    assert named.input_names() == named.required_input_names() == ["a", "b"]
    assert named.optional_input_names() == []
    assert named.input_types() == named.numpy_types() == [np.dtype("float32"), np.dtype("int64")]
    assert named.input_types_dict() == {"a": np.dtype("float32"), "b": np.dtype("int64")}
    unnamed = Schema([TensorSpec(np.uint8, (-1, 28, 28))])
    assert unnamed.is_tensor_spec()
    assert not unnamed.has_input_names()
    assert unnamed.input_names() == [0]
    with raises_schema_error("not defined for a tensor schema", "numpy_types()"):
        unnamed.pandas_types()


@pytest.mark.parametrize("method", ["numpy_types", "pandas_types"])
def test_numpy_and_pandas_types_need_scalar_columns(method: str) -> None:
    schema = Schema([ColSpec(D.long, "a"), ColSpec(Array(D.long), "tokens")])
    with raises_schema_error("only for scalar columns", "'tokens' is Array(long)"):
        getattr(schema, method)()


def test_schema_equality_hash_repr_and_str() -> None:
    schema = Schema([ColSpec(D.long, "a"), ColSpec(Array("string"), "b", required=False)])
    same = Schema([ColSpec("long", "a"), ColSpec(Array(D.string), "b", required=False)])
    assert schema == same
    assert hash(schema) == hash(same)
    assert schema != Schema([ColSpec(Array(D.string), "b", required=False), ColSpec(D.long, "a")])
    assert schema != [ColSpec(D.long, "a"), ColSpec(Array("string"), "b", required=False)]
    assert repr(schema) == str(schema) == "['a': long (required), 'b': Array(string) (optional)]"
    assert json.loads(schema.to_json()) == schema.to_dict()


# ----------------------------------------------------------------------------- ParamSpec


@pytest.mark.parametrize(
    ("dtype", "default", "shape", "expected"),
    [
        (D.boolean, True, None, True),
        (D.boolean, np.bool_(False), None, False),
        (D.integer, 2**31 - 1, None, 2**31 - 1),
        (D.integer, np.int32(-(2**31)), None, -(2**31)),
        (D.long, 2**63 - 1, None, 2**63 - 1),
        (D.long, np.uint8(7), None, 7),
        (D.float, 1, None, 1.0),
        (D.float, np.float32(0.5), None, 0.5),
        (D.double, 3, None, 3.0),
        (D.double, np.int64(3), None, 3.0),
        (D.string, "text", None, "text"),
        (D.string, np.str_("np"), None, "np"),
        (D.datetime, dt.datetime(2024, 1, 2, 3, 4), None, dt.datetime(2024, 1, 2, 3, 4)),
        (D.datetime, dt.date(2024, 1, 2), None, dt.date(2024, 1, 2)),
        (D.datetime, "2024-01-02T03:04:05", None, dt.datetime(2024, 1, 2, 3, 4, 5)),
        (D.datetime, "2024-01-02", None, dt.date(2024, 1, 2)),
        (D.datetime, pd.Timestamp("2024-01-02 03:04"), None, dt.datetime(2024, 1, 2, 3, 4)),
        (D.datetime, np.datetime64("2024-01-02T03:04"), None, dt.datetime(2024, 1, 2, 3, 4)),
        (D.long, None, None, None),
        (D.double, [1, 2.5], (-1,), [1.0, 2.5]),
        (D.long, (1, 2), [-1], [1, 2]),
        (D.long, np.array([1, 2]), (-1,), [1, 2]),
        (D.string, [], (-1,), []),
        (
            D.datetime,
            ["2024-01-02", dt.datetime(2024, 1, 3)],
            (-1,),
            [dt.date(2024, 1, 2), dt.datetime(2024, 1, 3)],
        ),
    ],
)
def test_param_default_is_validated_and_normalised(
    dtype: DataType, default: Any, shape: Any, expected: Any
) -> None:
    spec = ParamSpec("p", dtype, default, shape)
    assert spec.default == expected
    assert type(spec.default) is type(expected)
    if isinstance(expected, list):
        assert [type(v) for v in spec.default] == [type(v) for v in expected]
    assert spec.shape == (None if shape is None else (-1,))
    assert ParamSchema.from_json(ParamSchema([spec]).to_json()) == ParamSchema([spec])


@pytest.mark.parametrize(
    ("dtype", "default", "shape", "fragments"),
    named(
        (D.long, 1.5, None, ["expected long, got float"]),
        (D.long, True, None, ["expected long, got bool"]),
        (D.long, "s3cr3t", None, ["expected long, got str"]),
        (D.boolean, 1, None, ["expected boolean, got int"]),
        (D.string, 3, None, ["expected string, got int"]),
        (D.double, "1.0", None, ["expected double, got str"]),
        (D.double, float("nan"), (-1,), ["expected a list of double, got NaN"]),
        (D.integer, 2**31, None, ["expected integer, got an int out of its range"]),
        (D.integer, -(2**31) - 1, None, ["out of its range"]),
        (D.long, 2**63, None, ["expected long, got an int out of its range"]),
        (D.datetime, "not a date", None, ["expected datetime, got str"]),
        (D.datetime, 17, None, ["expected datetime, got int"]),
        (D.datetime, pd.NaT, None, ["expected datetime, got NaTType"]),
        (D.long, [1, 2], None, ["expected a scalar long, got a list"]),
        (D.long, np.array([1, 2]), None, ["expected a scalar long, got a list"]),
        (D.long, 1, (-1,), ["expected a list of long, got int"]),
        (D.string, "abc", (-1,), ["expected a list of string, got str"]),
        (D.long, None, (-1,), ["expected a list of long, got None"]),
        (D.long, {"a": 1}, None, ["expected long, got a dict"]),
        (
            D.long,
            [1, "x", 2.5, [3]],
            (-1,),
            ["[1]: expected long, got str", "[2]", "[3]", "nested"],
        ),
        (D.long, np.zeros((2, 2), dtype=np.int64), (-1,), ["[0]", "nested list"]),
    ),
)
def test_bad_param_default_names_the_param(
    dtype: DataType, default: Any, shape: Any, fragments: list[str]
) -> None:
    with raises_schema_error("Param 'top_k'", "invalid default", *fragments) as info:
        ParamSpec("top_k", dtype, default, shape)
    assert "s3cr3t" not in info.value.message


@pytest.mark.parametrize(
    ("build", "fragments"),
    named(
        (lambda: ParamSpec("p", D.long, [1, 2], (2,)), ["shape must be None", "got (2,)"]),
        (lambda: ParamSpec("p", D.long, [[1]], (-1, -1)), ["got (-1, -1)"]),
        (lambda: ParamSpec("p", D.long, [1], "(-1,)"), ["got str"]),
        (lambda: ParamSpec("p", D.long, [1], -1), ["got int"]),
        (lambda: ParamSpec("p", D.binary, b"x"), ["Param 'p'", "binary params"]),
        (lambda: ParamSpec("p", "binary", None), ["binary params"]),
        (
            lambda: ParamSpec("p", Object([Property("a", Map(D.binary))]), {"a": {}}),
            ["binary params"],
        ),
        (lambda: ParamSpec("p", "lng", 1), ["Param 'p'", "Unknown data type 'lng'"]),
        (lambda: ParamSpec("p", Array(D.long), [1]), ["dtype must be a DataType", "got Array"]),
        (lambda: ParamSpec("p", AnyType(), 1), ["got AnyType"]),
        (lambda: ParamSpec("p", int, 1), ["got type"]),
        (lambda: ParamSpec("", D.long, 1), ["non-empty string"]),
        (lambda: ParamSpec(None, D.long, 1), ["non-empty string", "got NoneType"]),
    ),
)
def test_bad_param_specs_are_schema_errors(build: Callable[[], Any], fragments: list[str]) -> None:
    with raises_schema_error(*fragments):
        build()


CONFIG = Object(
    [
        Property("depth", D.long),
        Property("name", D.string, required=False),
        Property("weights", Array(D.double), required=False),
        Property("extra", Map(AnyType()), required=False),
        Property("when", D.datetime, required=False),
    ]
)


def test_object_param_keeps_its_dict_default() -> None:
    default = {"depth": 3, "weights": [1, 2.5], "extra": {"k": [1]}, "name": None}
    spec = ParamSpec("config", CONFIG, default)
    assert spec.default == default
    assert spec.default is not default  # a copy: mutating the argument cannot change the spec
    default["depth"] = 4
    assert spec.default["depth"] == 3
    assert spec.to_dict() == {
        "name": "config",
        "default": {"depth": 3, "weights": [1, 2.5], "extra": {"k": [1]}, "name": None},
        "shape": None,
        **CONFIG.to_dict(),
    }
    assert ParamSchema.from_json(ParamSchema([spec]).to_json()) == ParamSchema([spec])
    assert hash(spec) == hash(ParamSpec("config", CONFIG, spec.default))


def test_object_param_datetime_value_is_written_as_iso() -> None:
    spec = ParamSpec("config", CONFIG, {"depth": 1, "when": dt.datetime(2024, 1, 2, 3, 4)})
    assert spec.to_dict()["default"] == {"depth": 1, "when": "2024-01-02T03:04:00"}


@pytest.mark.parametrize(
    ("default", "fragments"),
    named(
        (None, ["expected a dict, got None"]),
        ([{"depth": 1}], ["expected a dict, got a list"]),
        ({}, ["depth: missing required property of type long"]),
        ({"depth": None}, ["depth: expected long, got None"]),
        (
            {"depth": "x", "weights": [1.0, "y"], "extra": {3: 1}, "zzz": 1},
            [
                "an unknown property; the properties are 'depth', 'extra', 'name', 'weights'",
                "depth: expected long, got str",
                "weights[1]: expected double, got str",
                "extra: expected string keys, got a int key",
            ],
        ),
        ({"depth": 1, "weights": "abc"}, ["weights: expected a list, got str"]),
        ({"depth": 1, "extra": [1]}, ["extra: expected a dict, got a list"]),
    ),
)
def test_bad_object_param_default_lists_every_problem(default: Any, fragments: list[str]) -> None:
    with raises_schema_error("Param 'config'", "invalid default", *fragments):
        ParamSpec("config", CONFIG, default)


def test_object_param_cannot_be_a_list() -> None:
    with raises_schema_error("Param 'config'", "Object param cannot have a shape"):
        ParamSpec("config", CONFIG, [{"depth": 1}], (-1,))


def test_param_spec_equality_hash_repr_and_str() -> None:
    scalar = ParamSpec("temperature", D.double, 1)
    assert scalar == ParamSpec("temperature", "double", 1.0)
    assert scalar != ParamSpec("temperature", D.float, 1.0)
    assert scalar != ParamSpec("temperature", D.double, 1.5)
    assert scalar != ParamSpec("temperature", D.double, [1.0], (-1,))
    listed = ParamSpec("stop", D.string, ["a", "b"], (-1,))
    assert hash(listed) == hash(ParamSpec("stop", "string", ("a", "b"), [-1]))
    assert len({scalar, listed, ParamSpec("temperature", D.double, 1.0)}) == 2
    assert repr(scalar) == str(scalar) == "'temperature': double (default: 1.0)"
    assert repr(listed) == str(listed) == "'stop': string (default: ['a', 'b']) (shape: (-1,))"
    assert str(ParamSpec("when", D.datetime, dt.date(2024, 1, 2))) == (
        "'when': datetime (default: 2024-01-02)"
    )


def test_param_spec_to_dict() -> None:
    assert ParamSpec("when", D.datetime, [dt.datetime(2024, 1, 2)], (-1,)).to_dict() == {
        "name": "when",
        "default": ["2024-01-02T00:00:00"],
        "shape": (-1,),
        "type": "datetime",
    }
    assert ParamSpec("k", D.integer, None).to_dict() == {
        "name": "k",
        "default": None,
        "shape": None,
        "type": "integer",
    }


# ----------------------------------------------------------------------------- ParamSchema


def test_param_schema() -> None:
    params = ParamSchema([ParamSpec("k", D.long, 3), ParamSpec("stop", D.string, None)])
    assert params == ParamSchema([ParamSpec("k", "long", 3), ParamSpec("stop", "string", None)])
    assert params != ParamSchema([ParamSpec("stop", "string", None), ParamSpec("k", "long", 3)])
    assert hash(params) == hash(ParamSchema(list(params)))
    assert len(params) == 2
    assert params.params == list(params)
    assert params.get("k") == ParamSpec("k", D.long, 3)
    assert params.get("missing") is None
    assert params.defaults() == {"k": 3, "stop": None}
    assert repr(params) == str(params) == "['k': long (default: 3), 'stop': string (default: None)]"
    assert params.to_json() == (
        '[{"name": "k", "default": 3, "shape": null, "type": "long"}, '
        '{"name": "stop", "default": null, "shape": null, "type": "string"}]'
    )
    assert ParamSchema.from_json(params.to_json()) == params
    assert ParamSchema([]).to_json() == "[]"
    assert ParamSchema.from_json("[]") == ParamSchema([])


@pytest.mark.parametrize(
    ("params", "fragments"),
    named(
        (
            [ParamSpec("k", D.long, 1), ParamSpec("k", D.double, 2.0), ParamSpec("j", D.long, 1)],
            ["Duplicate param names: 'k'"],
        ),
        ([ParamSpec("k", D.long, 1), ("k", 1)], ["[1]", "expected ParamSpec, got tuple"]),
        (ParamSpec("k", D.long, 1), ["must be a list", "got ParamSpec"]),
        ({"k": 1}, ["must be a list", "got dict"]),
    ),
)
def test_bad_param_schemas_are_schema_errors(params: Any, fragments: list[str]) -> None:
    with raises_schema_error(*fragments):
        ParamSchema(params)


def test_param_schema_reads_the_legacy_dtype_key() -> None:
    text = '[{"name": "k", "dtype": "long", "default": 3, "shape": null}]'
    assert ParamSchema.from_json(text) == ParamSchema([ParamSpec("k", D.long, 3)])


# ----------------------------------------------------------------------------- ModelSignature

INPUTS = Schema([ColSpec(D.double, "x")])
OUTPUTS = Schema([ColSpec(D.long)])
PARAMS = ParamSchema([ParamSpec("k", D.long, 3)])


@pytest.mark.parametrize(
    ("inputs", "outputs", "params"),
    [
        (INPUTS, OUTPUTS, PARAMS),
        (INPUTS, None, None),
        (None, OUTPUTS, None),
        (None, None, PARAMS),
        (INPUTS, OUTPUTS, None),
    ],
)
def test_model_signature_parts_may_be_none(
    inputs: Schema | None, outputs: Schema | None, params: ParamSchema | None
) -> None:
    signature = ModelSignature(inputs, outputs, params)
    assert (signature.inputs, signature.outputs, signature.params) == (inputs, outputs, params)
    as_dict = signature.to_dict()
    assert list(as_dict) == ["inputs", "outputs", "params"]
    assert as_dict["inputs"] == (inputs.to_json() if inputs else None)
    assert as_dict["outputs"] == (outputs.to_json() if outputs else None)
    assert as_dict["params"] == (params.to_json() if params else None)
    assert ModelSignature.from_dict(as_dict) == signature
    present = {key: value for key, value in as_dict.items() if value is not None}
    assert ModelSignature.from_dict(present) == signature
    assert signature == ModelSignature(inputs=inputs, outputs=outputs, params=params)


def test_model_signature_equality_repr_and_str() -> None:
    signature = ModelSignature(INPUTS, OUTPUTS, PARAMS)
    assert signature != ModelSignature(INPUTS, OUTPUTS)
    assert signature != ModelSignature(OUTPUTS, INPUTS, PARAMS)
    assert signature != signature.to_dict()
    assert (
        repr(signature)
        == str(signature)
        == (
            "inputs: \n  ['x': double (required)]\noutputs: \n  [long (required)]\n"
            "params: \n  ['k': long (default: 3)]\n"
        )
    )
    assert str(ModelSignature(outputs=OUTPUTS)) == (
        "inputs: \n  None\noutputs: \n  [long (required)]\nparams: \n  None\n"
    )
    with pytest.raises(TypeError, match="unhashable"):
        hash(signature)


def test_model_signature_stores_empty_params_as_none() -> None:
    signature = ModelSignature(INPUTS, params=ParamSchema([]))
    assert signature.params is None
    assert signature == ModelSignature(INPUTS)
    assert signature.to_dict()["params"] is None


@pytest.mark.parametrize(
    ("build", "fragments"),
    named(
        (lambda: ModelSignature(), ["at least one of inputs, outputs or params"]),
        (lambda: ModelSignature(params=ParamSchema([])), ["at least one of"]),
        (lambda: ModelSignature.from_dict({}), ["at least one of"]),
        (lambda: ModelSignature.from_dict({"inputs": None, "outputs": None}), ["at least one"]),
        (
            lambda: ModelSignature([ColSpec(D.long)], PARAMS, "x"),
            ["inputs: expected Schema or None, got list", "outputs: expected Schema", "params:"],
        ),
        (lambda: ModelSignature.from_dict("inputs"), ["must be a mapping", "got str"]),
        (
            lambda: ModelSignature.from_dict({"inputs": [{"type": "long"}]}),
            ["Signature 'inputs': expected a JSON string or None, got list"],
        ),
        (
            lambda: ModelSignature.from_dict({"inputs": INPUTS.to_json(), "params": "[{"}),
            ["Signature 'params'", "Invalid param schema JSON", "line 1, column 3"],
        ),
        (
            lambda: ModelSignature.from_dict({"outputs": '[{"type": "lng"}]'}),
            ["Signature 'outputs'", "[0]", "'lng'"],
        ),
    ),
)
def test_bad_model_signatures_are_schema_errors(
    build: Callable[[], Any], fragments: list[str]
) -> None:
    with raises_schema_error(*fragments):
        build()


# ----------------------------------------------------------------------------- malformed JSON

BAD_SCHEMA_JSON = named(
    ("[{", ["Invalid schema JSON", "line 1, column 3"]),
    ("", ["Invalid schema JSON", "Expecting value"]),
    (b"\xff\xfe\x00", ["Invalid schema JSON"]),
    (None, ["schema's JSON must be a string, got NoneType"]),
    ([{"type": "long"}], ["must be a string, got list"]),
    ("{}", ["schema's JSON must be a list, got dict"]),
    ("[]", ["at least one ColSpec or TensorSpec"]),
    ("[1]", ["[0]", "Expected a JSON object with 'type', got int"]),
    ('[{"name": "a"}]', ["[0]", "Missing 'type'"]),
    ('[{"type": "nope"}]', ["[0]", "Unknown data type 'nope'"]),
    ('[{"type": ["long"]}]', ["Unknown data type list"]),
    ('[{"type": "array"}]', ["Missing 'items'"]),
    ('[{"type": "array", "items": "long"}]', ["Expected a JSON object with 'type', got str"]),
    ('[{"type": "map", "values": {}}]', ["Missing 'type'"]),
    ('[{"type": "object"}]', ["Missing 'properties'"]),
    ('[{"type": "object", "properties": []}]', ["'properties' must be a JSON object, got list"]),
    ('[{"type": "object", "properties": {}}]', ["at least one Property"]),
    ('[{"type": "object", "properties": {"a": 5}}]', ["got int"]),
    (
        '[{"type": "object", "properties": {"a": {"type": "long", "required": 1}}}]',
        ["'required' must be true or false, got int"],
    ),
    ('[{"type": "long", "required": "no"}]', ["'required' must be true or false, got str"]),
    ('[{"type": "long", "name": true}]', ["name must be a string, an int or None, got bool"]),
    ('[{"type": "long", "name": 1.5}]', ["name must be a string, an int or None, got float"]),
    ('[{"type": "tensor"}]', ["Missing 'tensor-spec'"]),
    ('[{"type": "tensor", "tensor-spec": [1]}]', ["got list"]),
    ('[{"type": "tensor", "tensor-spec": {"shape": [-1]}}]', ["Missing 'dtype'"]),
    ('[{"type": "tensor", "tensor-spec": {"dtype": "int8"}}]', ["Missing 'shape'"]),
    ('[{"type": "tensor", "tensor-spec": {"dtype": 5, "shape": [-1]}}]', ["'dtype' must be"]),
    ('[{"type": "tensor", "tensor-spec": {"dtype": "nope", "shape": [-1]}}]', ["numpy dtype"]),
    ('[{"type": "tensor", "tensor-spec": {"dtype": "int8", "shape": "x"}}]', ["got str"]),
    ('[{"type": "tensor", "tensor-spec": {"dtype": "int8", "shape": [-3]}}]', ["shape[0]"]),
    (
        '[{"type": "nope"}, {"type": "long"}, {"type": "map"}]',
        ["Invalid schema JSON:", "[0]: Unknown data type 'nope'", "[2]: Missing 'values'"],
    ),
)


@pytest.mark.parametrize(("text", "fragments"), BAD_SCHEMA_JSON)
def test_malformed_schema_json_is_a_schema_error(text: Any, fragments: list[str]) -> None:
    with raises_schema_error(*fragments):
        Schema.from_json(text)


def test_integer_column_names_keep_their_type_through_json() -> None:
    """MLflow writes a pandas default label (RangeIndex's 0) as a JSON integer; it stays an
    int, distinct from the string "0", and is written back as the integer."""
    text = (
        '[{"type": "string", "name": 0, "required": true}, '
        '{"type": "long", "name": 1, "required": true}]'
    )
    schema = Schema.from_json(text)
    assert schema == Schema([ColSpec(D.string, 0), ColSpec(D.long, 1)])
    assert schema != Schema([ColSpec(D.string, "0"), ColSpec(D.long, "1")])
    assert schema.input_names() == [0, 1]
    assert schema.to_json() == text
    assert Schema.from_json(schema.to_json()) == schema
    assert (
        Schema([ColSpec(D.string, "0")]).to_json()
        == '[{"type": "string", "name": "0", "required": true}]'
    )


BAD_PARAM_JSON = named(
    ("[{", ["Invalid param schema JSON"]),
    ('{"name": "k"}', ["param schema's JSON must be a list, got dict"]),
    ('["k"]', ["[0]", "Expected a JSON object with 'type', got str"]),
    ('[{"name": "k"}]', ["[0]", "Missing 'type'"]),
    ('[{"type": "long", "default": 1}]', ["Missing 'name'"]),
    ('[{"name": "k", "type": "nope", "default": 1}]', ["Unknown data type 'nope'"]),
    ('[{"name": "k", "type": "long", "default": "x"}]', ["Param 'k'", "expected long, got str"]),
    ('[{"name": "k", "type": "long", "default": 1, "shape": 5}]', ["shape must be None"]),
    ('[{"name": "k", "type": "long", "default": 1, "shape": [2]}]', ["got (2,)"]),
    ('[{"name": "k", "type": "binary", "default": "eA=="}]', ["binary params"]),
    ('[{"name": "k", "type": "object", "default": {}}]', ["Missing 'properties'"]),
    (
        '[{"name": "k", "type": "object", "default": {}, '
        '"properties": {"a": {"type": "long", "required": true}}}]',
        ["Param 'k'", "a: missing required property"],
    ),
    (
        '[{"name": 3, "type": "long", "default": 1}, {"name": "j", "type": "long", "default": 1},'
        ' {"name": "j", "type": "double", "default": 1}]',
        ["ParamSpec name must be a non-empty string, got int"],
    ),
    (
        '[{"name": "j", "type": "long", "default": 1}, {"name": "j", "type": "double", '
        '"default": 1}]',
        ["Duplicate param names: 'j'"],
    ),
)


@pytest.mark.parametrize(("text", "fragments"), BAD_PARAM_JSON)
def test_malformed_param_json_is_a_schema_error(text: Any, fragments: list[str]) -> None:
    with raises_schema_error(*fragments):
        ParamSchema.from_json(text)


# ----------------------------------------------------------------------------- value helpers


def test_validate_scalar_messages_name_types_not_values() -> None:
    with pytest.raises(ValueError, match=r"^expected long, got str$"):
        validate_scalar(D.long, "s3cr3t")
    assert validate_scalar(D.binary, bytearray(b"x")) == b"x"
    with pytest.raises(ValueError, match=r"^expected binary, got str$"):
        validate_scalar(D.binary, "eA==")


def test_validate_param_value_lists_every_bad_item() -> None:
    with pytest.raises(ValueError) as info:
        validate_param_value(D.double, (-1,), [1, "a", None, 2.5, True])
    assert str(info.value) == (
        "[1]: expected double, got str; [2]: expected double, got None; "
        "[4]: expected double, got bool"
    )


def test_value_problems_paths() -> None:
    messages = Array(Object([Property("role", D.string), Property("tags", Map(Array(D.long)))]))
    value = [
        {"role": "user", "tags": {"a": [1]}},
        {"role": 1, "tags": {"b": [1, "x"]}},
        {"tags": {}},
    ]
    assert value_problems(messages, value) == [
        ("[1].role", "expected string, got int"),
        ("[1].tags[<key 0>][1]", "expected long, got str"),
        ("[2].role", "missing required property of type string"),
    ]
    assert value_problems(AnyType(), object()) == []
    assert value_problems(Map(D.long), {"a": 1}) == []


# ----------------------------------------------------------------------------- exceptions


def test_hintsig_exception_has_a_message() -> None:
    error = HintsigException("boom")
    assert error.message == "boom" == str(error)
    schema_error = SchemaDefinitionError("bad schema")
    assert isinstance(schema_error, HintsigException)
    assert isinstance(schema_error, TypeError)
    assert schema_error.message == "bad schema"
