"""`diff_signatures`: every change between two signatures, classified breaking or compatible."""

from __future__ import annotations

import numpy as np
import pytest

from hintsig.models import diff_signatures
from hintsig.models._diff import SignatureChange, SignatureDiff
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
)

#: A change as the tests write it: (path, kind, breaking).
Expected = tuple[str, str, bool]

BREAKING = True
COMPATIBLE = False


def inputs(*specs: ColSpec | TensorSpec) -> ModelSignature:
    return ModelSignature(inputs=Schema(list(specs)))


def outputs(*specs: ColSpec | TensorSpec) -> ModelSignature:
    return ModelSignature(outputs=Schema(list(specs)))


def params(*specs: ParamSpec) -> ModelSignature:
    return ModelSignature(params=ParamSchema(list(specs)))


def column(dtype: ColType | str, name: str = "x", required: bool = True) -> ColSpec:
    return ColSpec(dtype, name, required)


def field(name: str, dtype: ColType | str, required: bool = True) -> Property:
    return Property(name, dtype, required)


def changes(old: ModelSignature | None, new: ModelSignature | None) -> list[Expected]:
    return [(c.path, c.kind, c.breaking) for c in diff_signatures(old, new)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a new required input breaks; a new optional one does not
        (
            inputs(column("long")),
            inputs(column("long"), column("string", "city")),
            [("inputs['city']", "added", BREAKING)],
        ),
        (
            inputs(column("long")),
            inputs(column("long"), column("string", "note", required=False)),
            [("inputs['note']", "added", COMPATIBLE)],
        ),
        # an input removed is dropped from callers' data
        (
            inputs(column("long"), column("string", "note")),
            inputs(column("long")),
            [("inputs['note']", "removed", COMPATIBLE)],
        ),
        # optional made required breaks; required made optional does not
        (
            inputs(column("long", required=False), column("long", "y")),
            inputs(column("long"), column("long", "y")),
            [("inputs['x']", "required", BREAKING)],
        ),
        (
            inputs(column("long"), column("long", "y")),
            inputs(column("long", required=False), column("long", "y")),
            [("inputs['x']", "required", COMPATIBLE)],
        ),
    ],
    ids=[
        "new-required-input",
        "new-optional-input",
        "input-removed",
        "optional-made-required",
        "required-made-optional",
    ],
)
def test_input_columns(old: ModelSignature, new: ModelSignature, expected: list[Expected]) -> None:
    assert changes(old, new) == expected


@pytest.mark.parametrize(
    ("old", "new", "breaking"),
    [
        # widened along the safe casts
        (DataType.integer, DataType.long, COMPATIBLE),
        (DataType.integer, DataType.double, COMPATIBLE),
        (DataType.float, DataType.double, COMPATIBLE),
        (DataType.string, AnyType(), COMPATIBLE),
        (Array(DataType.long), AnyType(), COMPATIBLE),
        # narrowed, or not a safe cast
        (DataType.double, DataType.float, BREAKING),
        (DataType.long, DataType.integer, BREAKING),
        (DataType.long, DataType.double, BREAKING),
        (DataType.integer, DataType.float, BREAKING),
        (AnyType(), DataType.string, BREAKING),
        (DataType.string, DataType.binary, BREAKING),
        (DataType.boolean, DataType.long, BREAKING),
        (DataType.long, Array(DataType.long), BREAKING),
        (Map(DataType.string), Object([field("a", "string")]), BREAKING),
    ],
    ids=str,
)
def test_input_type_changes(old: ColType, new: ColType, breaking: bool) -> None:
    assert changes(inputs(column(old)), inputs(column(new))) == [("inputs['x']", "type", breaking)]


def test_type_descriptions() -> None:
    diff = diff_signatures(inputs(column("double")), inputs(column("float")))
    assert [c.description for c in diff] == ["double -> float (narrowed)"]
    diff = diff_signatures(inputs(column("integer")), inputs(column("long")))
    assert [c.description for c in diff] == ["integer -> long (widened)"]
    diff = diff_signatures(inputs(column("long")), inputs(column("double")))
    assert [c.description for c in diff] == ["long -> double (changed)"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # nested paths: array items and map values
        (
            Array(Array(DataType.integer)),
            Array(Array(DataType.long)),
            [("inputs['x'][*][*]", "type", COMPATIBLE)],
        ),
        (Map(DataType.double), Map(DataType.float), [("inputs['x'].*", "type", BREAKING)]),
        # object fields: new required field breaks, new optional does not
        (
            Object([field("a", "string")]),
            Object([field("a", "string"), field("b", "long")]),
            [("inputs['x'].b", "added", BREAKING)],
        ),
        (
            Object([field("a", "string")]),
            Object([field("a", "string"), field("b", "long", required=False)]),
            [("inputs['x'].b", "added", COMPATIBLE)],
        ),
        # optional field made required breaks, the reverse does not
        (
            Object([field("a", "string", required=False)]),
            Object([field("a", "string")]),
            [("inputs['x'].a", "required", BREAKING)],
        ),
        (
            Object([field("a", "string")]),
            Object([field("a", "string", required=False)]),
            [("inputs['x'].a", "required", COMPATIBLE)],
        ),
        # a field removed: objects refuse the fields they do not declare
        (
            Object([field("a", "string"), field("b", "long")]),
            Object([field("a", "string")]),
            [("inputs['x'].b", "removed", BREAKING)],
        ),
        # field types, deep inside
        (
            Array(Object([field("m", Object([field("n", "float")]))])),
            Array(Object([field("m", Object([field("n", "double")]))])),
            [("inputs['x'][*].m.n", "type", COMPATIBLE)],
        ),
    ],
    ids=[
        "array-items",
        "map-values",
        "new-required-field",
        "new-optional-field",
        "field-made-required",
        "field-made-optional",
        "field-removed",
        "deep-field",
    ],
)
def test_composite_inputs(old: ColType, new: ColType, expected: list[Expected]) -> None:
    assert changes(inputs(column(old)), inputs(column(new))) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            TensorSpec(np.float32, (-1, 4)),
            TensorSpec(np.float64, (-1, 4)),
            [("inputs[0]", "type", COMPATIBLE)],
        ),
        (
            TensorSpec(np.int32, (-1, 4)),
            TensorSpec(np.float64, (-1, 4)),
            [("inputs[0]", "type", COMPATIBLE)],
        ),
        (
            TensorSpec(np.float64, (-1, 4)),
            TensorSpec(np.float32, (-1, 4)),
            [("inputs[0]", "type", BREAKING)],
        ),
        (
            TensorSpec(np.int64, (-1, 4)),
            TensorSpec(np.float64, (-1, 4)),
            [("inputs[0]", "type", BREAKING)],
        ),
        (
            TensorSpec(np.float32, (-1, 28, 28)),
            TensorSpec(np.float32, (-1, 784)),
            [("inputs[0]", "shape", BREAKING)],
        ),
        (
            TensorSpec(np.float32, (-1, 28)),
            TensorSpec(np.float32, (-1, -1)),
            [("inputs[0]", "shape", BREAKING)],
        ),
    ],
    ids=["widened", "int32-to-float64", "narrowed", "int64-to-float64", "shape", "free-dimension"],
)
def test_tensors(old: TensorSpec, new: TensorSpec, expected: list[Expected]) -> None:
    assert changes(inputs(old), inputs(new)) == expected


def test_named_tensors() -> None:
    old = inputs(TensorSpec(np.float32, (-1, 4), "a"), TensorSpec(np.int64, (-1,), "b"))
    new = inputs(TensorSpec(np.float32, (-1, 4), "a"), TensorSpec(np.int64, (-1,), "c"))
    assert changes(old, new) == [
        ("inputs['b']", "removed", COMPATIBLE),
        ("inputs['c']", "added", BREAKING),
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (inputs(column("long")), inputs(TensorSpec(np.int64, (-1,), "x"))),
        (inputs(column("long")), inputs(ColSpec("long"))),
        (inputs(ColSpec("long")), inputs(column("long"))),
    ],
    ids=["columns-to-tensors", "named-to-unnamed", "unnamed-to-named"],
)
def test_schema_layout(old: ModelSignature, new: ModelSignature) -> None:
    assert changes(old, new) == [("inputs", "schema", BREAKING)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a new output is compatible; an output removed or changed in any way breaks
        (
            outputs(column("double")),
            outputs(column("double"), column("string", "label")),
            [("outputs['label']", "added", COMPATIBLE)],
        ),
        (
            outputs(column("double"), column("string", "label")),
            outputs(column("double")),
            [("outputs['label']", "removed", BREAKING)],
        ),
        (outputs(column("double")), outputs(column("float")), [("outputs['x']", "type", BREAKING)]),
        (outputs(column("float")), outputs(column("double")), [("outputs['x']", "type", BREAKING)]),
        (outputs(column("long")), outputs(column(AnyType())), [("outputs['x']", "type", BREAKING)]),
        (
            outputs(column(Object([field("a", "long")]))),
            outputs(column(Object([field("a", "long"), field("b", "long", required=False)]))),
            [("outputs['x'].b", "added", BREAKING)],
        ),
        (
            outputs(column(Object([field("a", "long"), field("b", "long")]))),
            outputs(column(Object([field("a", "long")]))),
            [("outputs['x'].b", "removed", BREAKING)],
        ),
        # an output that may now be missing breaks; one that is now always there does not
        (
            outputs(column("long"), column("long", "y")),
            outputs(column("long", required=False), column("long", "y")),
            [("outputs['x']", "required", BREAKING)],
        ),
        (
            outputs(column("long", required=False), column("long", "y")),
            outputs(column("long"), column("long", "y")),
            [("outputs['x']", "required", COMPATIBLE)],
        ),
        (
            outputs(TensorSpec(np.float32, (-1, 10))),
            outputs(TensorSpec(np.float64, (-1, 10))),
            [("outputs[0]", "type", BREAKING)],
        ),
    ],
    ids=[
        "new-output",
        "output-removed",
        "output-narrowed",
        "output-widened",
        "output-to-any",
        "output-field-added",
        "output-field-removed",
        "output-made-optional",
        "output-made-required",
        "output-tensor-dtype",
    ],
)
def test_outputs(old: ModelSignature, new: ModelSignature, expected: list[Expected]) -> None:
    assert changes(old, new) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a new param with a default is compatible; without one it breaks
        (
            params(ParamSpec("k", "long", 3)),
            params(ParamSpec("k", "long", 3), ParamSpec("t", "double", 0.7)),
            [("params['t']", "added", COMPATIBLE)],
        ),
        (
            params(ParamSpec("k", "long", 3)),
            params(ParamSpec("k", "long", 3), ParamSpec("t", "double", None)),
            [("params['t']", "added", BREAKING)],
        ),
        # a param removed: callers that still pass it get a warning
        (
            params(ParamSpec("k", "long", 3), ParamSpec("t", "double", 0.7)),
            params(ParamSpec("k", "long", 3)),
            [("params['t']", "removed", COMPATIBLE)],
        ),
        # types: widened or narrowed, as for inputs
        (
            params(ParamSpec("k", "integer", 3)),
            params(ParamSpec("k", "long", 3)),
            [("params['k']", "type", COMPATIBLE)],
        ),
        (
            params(ParamSpec("t", "double", 0.5)),
            params(ParamSpec("t", "float", 0.5)),
            [("params['t']", "type", BREAKING)],
        ),
        # a scalar param that becomes a list (or back) breaks
        (
            params(ParamSpec("k", "long", 3)),
            params(ParamSpec("k", "long", [3], (-1,))),
            [("params['k']", "shape", BREAKING), ("params['k']", "default", COMPATIBLE)],
        ),
        # defaults: changed or added are compatible; removed breaks
        (
            params(ParamSpec("t", "double", 0.5)),
            params(ParamSpec("t", "double", 0.7)),
            [("params['t']", "default", COMPATIBLE)],
        ),
        (
            params(ParamSpec("t", "double", None)),
            params(ParamSpec("t", "double", 0.7)),
            [("params['t']", "default", COMPATIBLE)],
        ),
        (
            params(ParamSpec("t", "double", 0.5)),
            params(ParamSpec("t", "double", None)),
            [("params['t']", "default", BREAKING)],
        ),
        # a dict param: its fields follow the input rules
        (
            params(ParamSpec("o", Object([field("a", "long")]), {"a": 1})),
            params(
                ParamSpec("o", Object([field("a", "long"), field("b", "long")]), {"a": 1, "b": 2})
            ),
            [("params['o'].b", "added", BREAKING), ("params['o']", "default", COMPATIBLE)],
        ),
    ],
    ids=[
        "new-with-default",
        "new-without-default",
        "removed",
        "widened",
        "narrowed",
        "scalar-to-list",
        "default-changed",
        "default-added",
        "default-removed",
        "object-param",
    ],
)
def test_params(old: ModelSignature, new: ModelSignature, expected: list[Expected]) -> None:
    assert changes(old, new) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (None, inputs(column("long")), [("inputs", "schema", BREAKING)]),
        (inputs(column("long")), None, [("inputs", "schema", COMPATIBLE)]),
        (None, outputs(column("long")), [("outputs", "schema", COMPATIBLE)]),
        (outputs(column("long")), None, [("outputs", "schema", BREAKING)]),
        (None, params(ParamSpec("t", "double", 0.7)), [("params['t']", "added", COMPATIBLE)]),
        (None, None, []),
    ],
    ids=["inputs-added", "inputs-removed", "outputs-added", "outputs-removed", "params", "none"],
)
def test_missing_signatures_and_parts(
    old: ModelSignature | None, new: ModelSignature | None, expected: list[Expected]
) -> None:
    assert changes(old, new) == expected


def full_signature() -> ModelSignature:
    return ModelSignature(
        inputs=Schema([column("long", "age"), column(Array("string"), "tags", required=False)]),
        outputs=Schema([ColSpec("double")]),
        params=ParamSchema([ParamSpec("t", "double", 0.7)]),
    )


def test_same_signature_has_no_changes() -> None:
    diff = diff_signatures(full_signature(), full_signature())
    assert diff == SignatureDiff(())
    assert not diff.breaking and len(diff) == 0
    assert str(diff) == "No signature changes."


def test_every_change_is_listed_with_its_class() -> None:
    old = full_signature()
    new = ModelSignature(
        inputs=Schema([column("integer", "age"), column("string", "city")]),
        outputs=Schema([ColSpec("double")]),
        params=ParamSchema([ParamSpec("t", "double", 0.5), ParamSpec("k", "long", 3)]),
    )
    diff = diff_signatures(old, new)
    assert diff.breaking
    assert [c.path for c in diff.breaking_changes] == ["inputs['age']", "inputs['city']"]
    assert [c.path for c in diff.compatible_changes] == [
        "inputs['tags']",
        "params['t']",
        "params['k']",
    ]
    assert str(diff).splitlines() == [
        "BREAKING    inputs['age']: long -> integer (narrowed)",
        "compatible  inputs['tags']: input removed (callers may still send it: extra inputs "
        "are dropped)",
        "BREAKING    inputs['city']: new required input (string)",
        "compatible  params['t']: default 0.7 -> 0.5",
        "compatible  params['k']: new param (long, default 3)",
        "5 changes: 2 breaking, 3 compatible.",
    ]
    assert diff.to_dict()["breaking"] is True
    assert diff.to_dict()["changes"][0] == {
        "path": "inputs['age']",
        "kind": "type",
        "description": "long -> integer (narrowed)",
        "breaking": True,
    }


def test_signatures_read_from_json_compare_equal() -> None:
    signature = full_signature()
    again = ModelSignature.from_dict(signature.to_dict())
    assert list(diff_signatures(signature, again)) == []


def test_change_is_a_value() -> None:
    change = SignatureChange("inputs['x']", "type", "long -> integer (narrowed)", True)
    assert change == SignatureChange("inputs['x']", "type", "long -> integer (narrowed)", True)
    assert str(change) == "BREAKING    inputs['x']: long -> integer (narrowed)"
