"""Schema types: the portable description of a model's inputs, outputs and params.

Every type node is a frozen value: two nodes built the same way compare equal, hash equal and
can be dict keys. `repr()` and `str()` are the forms MLflow prints (`'tokens': Array(long)
(required)`, `Map(str -> DataType.long)`, `Tensor('float32', (-1, 2))`, a schema as a list of
its specs), so a printed signature reads the same in both libraries. `str(DataType.long)` is
`DataType.long`, as in MLflow, while an f-string gives the bare name (`long`) that hintsig's
messages use.

The JSON form of every node (`to_dict()`, `to_json()`, `from_json()`, and the helpers
`type_to_dict` / `type_from_dict` / `spec_from_dict` at the bottom of this module) is the one
MLflow 3.x writes, key for key, so a signature written by either library reads back in the other.

hintsig refuses what MLflow cannot read back, and is stricter in a few places:

* duplicate input names are an error (MLflow accepts them and then enforces only one of the
  specs);
* an unnamed optional column, several unnamed tensors and `Object([])` are errors (as in MLflow);
* binary params are an error (as in MLflow: their default has no JSON form there);
* a param default is checked when the `ParamSpec` is built: `None` is allowed only for a
  scalar param, a list param needs a list, an `Object` param a dict; `integer` defaults must fit
  in 32 bits (MLflow does not check the range);
* a datetime param keeps a `datetime.date` default as a date (written `"2024-01-02"`, as MLflow
  writes it) and reads a date-only ISO string back as a `date`;
* a tensor dtype is kept in native byte order and a text or bytes dtype must be unsized
  (`np.dtype(str)`, not `"<U5"`): the JSON form keeps only the dtype's name;
* MLflow's Spark-only `sparkml_vector` type is not supported.

A dict param (`ParamSpec(name, Object(...), {...})`) is written as MLflow writes it; note that
MLflow 3.x's own reader refuses such a default when it holds a `datetime` or `float` property.

numpy is imported only when a tensor spec is built or a dtype is asked for.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from hintsig.exceptions import SchemaDefinitionError, format_errors

if TYPE_CHECKING:
    import numpy as np
from hintsig.types._schema_dtypes import _NUMPY_NAMES as _NUMPY_NAMES
from hintsig.types._schema_dtypes import _PYTHON_TYPES as _PYTHON_TYPES
from hintsig.types._schema_dtypes import DataType as DataType
from hintsig.types._schema_dtypes import _describe as _describe
from hintsig.types._schema_dtypes import _required_word as _required_word
from hintsig.types._schema_dtypes import _type_name as _type_name
from hintsig.types._schema_params import ParamSchema as ParamSchema
from hintsig.types._schema_params import ParamSpec as ParamSpec
from hintsig.types._schema_params import _freeze as _freeze
from hintsig.types._schema_params import _mentions_binary as _mentions_binary
from hintsig.types._schema_params import _param_default as _param_default
from hintsig.types._schema_params import _param_shape as _param_shape
from hintsig.types._schema_params import _param_type as _param_type
from hintsig.types._schema_params import param_spec_from_dict as param_spec_from_dict
from hintsig.types._schema_specs import ColSpec as ColSpec
from hintsig.types._schema_specs import Spec as Spec
from hintsig.types._schema_specs import TensorSpec as TensorSpec
from hintsig.types._schema_specs import _column_name as _column_name
from hintsig.types._schema_specs import _dim_label as _dim_label
from hintsig.types._schema_specs import _is_dim as _is_dim
from hintsig.types._schema_specs import _load_json as _load_json
from hintsig.types._schema_specs import _parse_list as _parse_list
from hintsig.types._schema_specs import _tensor_dtype as _tensor_dtype
from hintsig.types._schema_specs import _tensor_shape as _tensor_shape
from hintsig.types._schema_specs import spec_from_dict as spec_from_dict
from hintsig.types._schema_types import _COL_TYPES as _COL_TYPES
from hintsig.types._schema_types import _T as _T
from hintsig.types._schema_types import AnyType as AnyType
from hintsig.types._schema_types import Array as Array
from hintsig.types._schema_types import ColType as ColType
from hintsig.types._schema_types import Map as Map
from hintsig.types._schema_types import Object as Object
from hintsig.types._schema_types import Property as Property
from hintsig.types._schema_types import _as_list as _as_list
from hintsig.types._schema_types import _coerce_type as _coerce_type
from hintsig.types._schema_types import _duplicates as _duplicates
from hintsig.types._schema_types import _field as _field
from hintsig.types._schema_types import _not_instances as _not_instances
from hintsig.types._schema_types import _object_from_dict as _object_from_dict
from hintsig.types._schema_types import _reject_duplicates as _reject_duplicates
from hintsig.types._schema_types import _required_flag as _required_flag
from hintsig.types._schema_types import _typed_dict as _typed_dict
from hintsig.types._schema_types import type_from_dict as type_from_dict
from hintsig.types._schema_types import type_to_dict as type_to_dict
from hintsig.types._schema_values import _DATE_ONLY as _DATE_ONLY
from hintsig.types._schema_values import _INT32 as _INT32
from hintsig.types._schema_values import _INT64 as _INT64
from hintsig.types._schema_values import _NUMPY_KINDS as _NUMPY_KINDS
from hintsig.types._schema_values import ParamType as ParamType
from hintsig.types._schema_values import ParamValue as ParamValue
from hintsig.types._schema_values import _is_sequence_value as _is_sequence_value
from hintsig.types._schema_values import _join_path as _join_path
from hintsig.types._schema_values import _join_problems as _join_problems
from hintsig.types._schema_values import _map_problems as _map_problems
from hintsig.types._schema_values import _numpy_kind as _numpy_kind
from hintsig.types._schema_values import _object_problems as _object_problems
from hintsig.types._schema_values import _param_value_to_json as _param_value_to_json
from hintsig.types._schema_values import _scalar_kind as _scalar_kind
from hintsig.types._schema_values import _to_datetime as _to_datetime
from hintsig.types._schema_values import type_label as type_label
from hintsig.types._schema_values import validate_param_value as validate_param_value
from hintsig.types._schema_values import validate_scalar as validate_scalar
from hintsig.types._schema_values import value_problems as value_problems

__all__ = [
    "AnyType",
    "Array",
    "ColSpec",
    "DataType",
    "Map",
    "ModelSignature",
    "Object",
    "ParamSchema",
    "ParamSpec",
    "Property",
    "Schema",
    "TensorSpec",
]


# ----------------------------------------------------------------------------- schema


class Schema:
    """An ordered list of column specs or of tensor specs (never both).

    The specs are all named or all unnamed, with unique names; unnamed columns are required,
    and only one tensor may be unnamed.
    """

    __slots__ = ("_inputs",)

    def __init__(self, inputs: Iterable[Spec]) -> None:
        specs = _as_list(inputs, "Schema inputs")
        if not specs:
            raise SchemaDefinitionError("A Schema needs at least one ColSpec or TensorSpec")
        problems = _schema_problems(specs)
        if problems:
            raise SchemaDefinitionError(format_errors("Invalid Schema:", problems))
        self._inputs: tuple[Spec, ...] = tuple(specs)

    @property
    def inputs(self) -> list[Spec]:
        return list(self._inputs)

    def __iter__(self) -> Iterator[Spec]:
        return iter(self._inputs)

    def __len__(self) -> int:
        return len(self._inputs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Schema) and self._inputs == other._inputs

    def __hash__(self) -> int:
        return hash(self._inputs)

    def __repr__(self) -> str:
        return repr(list(self._inputs))

    def is_tensor_spec(self) -> bool:
        """True for a schema of TensorSpecs."""
        return isinstance(self._inputs[0], TensorSpec)

    def has_input_names(self) -> bool:
        """True when the inputs are named (they are then all named)."""
        return self._inputs[0].name is not None

    def input_names(self) -> list[str | int]:
        """Each input's name, or its position when the schema is unnamed."""
        return [_name_or_index(i, s) for i, s in enumerate(self._inputs)]

    def required_input_names(self) -> list[str | int]:
        """The names (or positions) of the inputs that must be present."""
        return [_name_or_index(i, s) for i, s in enumerate(self._inputs) if s.required]

    def optional_input_names(self) -> list[str | int]:
        """The names of the columns that may be missing (`required=False`)."""
        return [_name_or_index(i, s) for i, s in enumerate(self._inputs) if not s.required]

    def input_types(self) -> list[ColType | np.dtype[Any]]:
        """Each input's type: a DataType or composite type, or a tensor's numpy dtype."""
        return [s.type for s in self._inputs]

    def input_types_dict(self) -> dict[str | int, ColType | np.dtype[Any]]:
        """Input name -> type, for a named schema."""
        return {name: spec.type for name, spec in self.input_dict().items()}

    def input_dict(self) -> dict[str | int, Spec]:
        """Input name -> spec, for a named schema."""
        if not self.has_input_names():
            raise SchemaDefinitionError("input_dict() needs a schema with named inputs")
        return {s.name: s for s in self._inputs if s.name is not None}

    def numpy_types(self) -> list[np.dtype[Any]]:
        """The numpy dtype of each input (tensor dtypes, or each scalar column's DataType)."""
        return [
            spec.type if isinstance(spec, TensorSpec) else _scalar_type(spec).to_numpy()
            for spec in self._inputs
        ]

    def pandas_types(self) -> list[np.dtype[Any] | type[object]]:
        """The pandas dtype of each scalar column (`DataType.to_pandas()`: the builtin `object`
        for text and bytes); tensor schemas have none."""
        if self.is_tensor_spec():
            raise SchemaDefinitionError(
                "pandas_types() is not defined for a tensor schema; use numpy_types()"
            )
        return [_scalar_type(s).to_pandas() for s in self._inputs if isinstance(s, ColSpec)]

    def to_dict(self) -> list[dict[str, Any]]:
        return [s.to_dict() for s in self._inputs]

    def to_json(self) -> str:
        """The schema as MLflow writes it: a JSON list of specs."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, json_str: str) -> Schema:
        """The schema written by `to_json()` (or by MLflow)."""
        return cls(_parse_list(json_str, "schema", spec_from_dict))

    def as_spark_schema(self) -> Any:
        """The Spark type of this schema (a `StructType`; one unnamed column: its type), as in
        MLflow. Needs the `spark` extra."""
        from hintsig.types._spark import as_spark_schema

        return as_spark_schema(self)

    @classmethod
    def from_spark(cls, source: Any) -> Schema:
        """The schema of a Spark DataFrame or `StructType`, read as `infer_signature` reads
        a Spark DataFrame (MLflow's reading). Needs the `spark` extra."""
        from hintsig.types._spark import spark_columns

        return cls(spark_columns(source))


def _name_or_index(index: int, spec: Spec) -> str | int:
    return spec.name if spec.name is not None else index


def _schema_problems(specs: list[Any]) -> list[tuple[str, str]]:
    """Every reason `specs` is not a valid Schema, as `(position, message)` pairs."""
    bad = _not_instances(specs, ColSpec, TensorSpec)
    if bad:
        return bad
    problems: list[tuple[str, str]] = []
    if len({type(s) for s in specs}) > 1:
        problems.append(("", "it mixes ColSpec and TensorSpec; use one kind for all inputs"))
    unnamed = [i for i, s in enumerate(specs) if s.name is None]
    if unnamed and len(unnamed) < len(specs):
        positions = ", ".join(str(i) for i in unnamed)
        problems.append(("", f"it mixes named and unnamed inputs (unnamed: {positions})"))
    unnamed_tensors = [i for i in unnamed if isinstance(specs[i], TensorSpec)]
    if len(unnamed_tensors) > 1:
        problems.append(("", "it has several unnamed tensors; name each of them"))
    problems.extend(
        (f"[{i}]", "an unnamed column cannot be optional; name the columns")
        for i in unnamed
        if specs[i].required is False  # MLflow lets an unset (None) flag through
    )
    dupes = _duplicates([s.name for s in specs if s.name is not None])
    if dupes:
        problems.append(("", f"duplicate input names: {dupes}"))
    return problems


def _scalar_type(spec: ColSpec) -> DataType:
    if not isinstance(spec.type, DataType):
        label = repr(spec.name) if spec.name is not None else "the input"
        raise SchemaDefinitionError(
            f"numpy and pandas dtypes exist only for scalar columns; {label} is {spec.type!r}"
        )
    return spec.type


# ----------------------------------------------------------------------------- signature


class ModelSignature:
    """A model's input schema, output schema and param schema.

    Any part may be None, but not all three (MLflow cannot read such a signature back); an
    empty ParamSchema is stored as None, as MLflow writes it. The parts are plain attributes,
    as in MLflow, so a signature is not hashable.
    """

    __slots__ = ("inputs", "outputs", "params")
    __hash__ = None  # type: ignore[assignment]

    def __init__(
        self,
        inputs: Schema | None = None,
        outputs: Schema | None = None,
        params: ParamSchema | None = None,
    ) -> None:
        inputs, outputs = _from_dataclass(inputs), _from_dataclass(outputs)  # as MLflow
        wrong = [
            (label, f"expected {cls.__name__} or None, got {type(value).__name__}")
            for label, value, cls in (
                ("inputs", inputs, Schema),
                ("outputs", outputs, Schema),
                ("params", params, ParamSchema),
            )
            if value is not None and not isinstance(value, cls)
        ]
        if wrong:
            raise SchemaDefinitionError(format_errors("Invalid ModelSignature:", wrong))
        if params is not None and not len(params):
            params = None
        if inputs is None and outputs is None and params is None:
            raise EmptySignatureError(
                "A ModelSignature needs at least one of inputs, outputs or params"
            )
        self.inputs = inputs
        self.outputs = outputs
        self.params = params

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ModelSignature)
            and self.inputs == other.inputs
            and self.outputs == other.outputs
            and self.params == other.params
        )

    def __repr__(self) -> str:
        return (
            f"inputs: \n  {self.inputs!r}\noutputs: \n  {self.outputs!r}\n"
            f"params: \n  {self.params!r}\n"
        )

    def to_dict(self) -> dict[str, str | None]:
        """The signature as MLflow stores it: each part as a JSON string, or None."""
        return {
            "inputs": self.inputs.to_json() if self.inputs is not None else None,
            "outputs": self.outputs.to_json() if self.outputs is not None else None,
            "params": self.params.to_json() if self.params is not None else None,
        }

    @classmethod
    def from_dict(cls, signature_dict: Mapping[str, Any]) -> ModelSignature:
        """The signature written by `to_dict()` (or by MLflow); missing parts are None."""
        if not isinstance(signature_dict, Mapping):
            raise SchemaDefinitionError(
                "A signature must be a mapping with 'inputs', 'outputs' and 'params', "
                f"got {type(signature_dict).__name__}"
            )
        return cls(
            _signature_part(signature_dict, "inputs", Schema.from_json),
            _signature_part(signature_dict, "outputs", Schema.from_json),
            _signature_part(signature_dict, "params", ParamSchema.from_json),
        )


class EmptySignatureError(SchemaDefinitionError, ValueError):
    """A ModelSignature with no inputs, outputs or params; also a `ValueError`, as MLflow
    raises for it."""


_Part = TypeVar("_Part", Schema, ParamSchema)


def _signature_part(
    data: Mapping[str, Any], key: str, parse: Callable[[str], _Part]
) -> _Part | None:
    text = data.get(key)
    if text is None:
        return None
    if not isinstance(text, str):
        raise SchemaDefinitionError(
            f"Signature {key!r}: expected a JSON string or None, got {type(text).__name__}"
        )
    try:
        return parse(text)
    except SchemaDefinitionError as exc:
        raise SchemaDefinitionError(f"Signature {key!r}: {exc.message}") from None


def _from_dataclass(part: Any) -> Any:
    """A dataclass (class or instance) given as a signature part: the Schema of its fields."""
    import dataclasses

    if part is None or isinstance(part, Schema) or not dataclasses.is_dataclass(part):
        return part
    from hintsig.types._dataclass_schema import dataclass_columns

    return Schema(dataclass_columns(part))
