"""Hypothesis strategies from a signature: every value its own validator accepts.

The schema node is the hub (STYLE.md, "The new consumers"): one table keyed by `DataType`
gives the strategy of a scalar, and `node_strategy` adds one small case per composite node
(`Array`, `Object`, `Map`, `AnyType`); tensors and column schemas are built from their specs.
A type hint is first translated by the same translation that builds its validator
(`hintsig.types.type_hints`); its schema node then drives the strategy, and the translated
Python type only narrows a leaf (`Literal` and `Enum` values from their sets, `date`) or
names the pydantic model whose fields are translated in turn. A new schema type therefore
gets its strategy where it gets its validator: in the translation and this table.

`valid=False` gives values that break the signature in exactly one place: one element of
the wrong type, one required field or column missing, one column of the wrong dtype, one
tensor of the wrong dtype or shape.
"""

from __future__ import annotations

import datetime as _dt
import enum
import inspect
import typing
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

import hypothesis.strategies as st
import pydantic
from hypothesis.strategies import SearchStrategy

from hintsig.exceptions import HintsigException, UnsupportedHintWarning
from hintsig.models.signature import ModelSignature
from hintsig.types.schema import (
    AnyType,
    Array,
    ColSpec,
    ColType,
    DataType,
    Map,
    Object,
    ParamSchema,
    ParamSpec,
    Schema,
    TensorSpec,
)
from hintsig.types.type_hints import (
    PredictHints,
    Translation,
    TranslationContext,
    get_predict_hints,
)

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Limits", "Source", "node_strategy", "source_of", "strategy"]

#: The default number of rows (list elements, DataFrame rows, tensor batch size).
MAX_ROWS = 10
#: The default size of nested lists, maps, strings and bytes, and of other tensor dimensions.
MAX_SIZE = 5


@dataclass(frozen=True, slots=True)
class Limits:
    """How large generated values get: rows of a batch, and everything nested in a row."""

    max_rows: int = MAX_ROWS
    max_size: int = MAX_SIZE

    def __post_init__(self) -> None:
        for name in ("max_rows", "max_size"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise HintsigException(f"{name} must be an int >= 0, got {value!r}")


# ----------------------------------------------------------------------------- scalars

_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
# pandas keeps datetimes as datetime64[ns]: 1677-09-21 to 2262-04-11.
_MIN_TIME = _dt.datetime(1900, 1, 1)
_MAX_TIME = _dt.datetime(2200, 1, 1)

#: The strategy of one value of each DataType, as the validator of that type accepts it.
SCALARS: dict[DataType, Callable[[Limits], SearchStrategy[Any]]] = {
    DataType.boolean: lambda limits: st.booleans(),
    DataType.integer: lambda limits: st.integers(*_INT32),
    DataType.long: lambda limits: st.integers(*_INT64),
    DataType.float: lambda limits: st.floats(width=32, allow_nan=False, allow_infinity=False),
    DataType.double: lambda limits: st.floats(allow_nan=False, allow_infinity=False),
    DataType.string: lambda limits: st.text(max_size=limits.max_size),
    DataType.binary: lambda limits: st.binary(max_size=limits.max_size),
    DataType.datetime: lambda limits: st.datetimes(_MIN_TIME, _MAX_TIME),
}

#: A value of the wrong type for each DataType (for `valid=False`).
WRONG_SCALARS: dict[DataType, Any] = {
    DataType.boolean: "true",
    DataType.integer: "1",
    DataType.long: "1",
    DataType.float: "1.5",
    DataType.double: "1.5",
    DataType.string: 1,
    DataType.binary: 1,
    DataType.datetime: 1.5,
}


def json_values(limits: Limits) -> SearchStrategy[Any]:
    """Any JSON value (finite numbers), nested up to `limits.max_size`: `AnyType`'s values."""
    leaves = st.none() | st.booleans() | st.integers(*_INT64) | SCALARS[DataType.double](limits)
    leaves |= st.text(max_size=limits.max_size)
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=limits.max_size)
            | st.dictionaries(st.text(max_size=limits.max_size), inner, max_size=limits.max_size)
        ),
        max_leaves=limits.max_size * 2,
    )


# ----------------------------------------------------------------------------- nodes


@dataclass(slots=True)
class _Hints:
    """What a hint's translation adds to its schema node while strategies are built."""

    context: TranslationContext
    models: dict[type, SearchStrategy[Any]] = field(default_factory=dict)


def node_strategy(
    node: ColType, limits: Limits, python_type: Any = Any, hints: _Hints | None = None
) -> SearchStrategy[Any]:
    """The values of one schema node; `python_type` (from a hint's translation) narrows it."""
    bare, _ = _unwrap(python_type)
    match node:
        case DataType():
            return _leaf(node, bare, limits)
        case Array(dtype=items):
            return st.lists(
                node_strategy(items, limits, _arg(bare, 0), hints), max_size=limits.max_size
            )
        case Map(value_type=values):
            return st.dictionaries(
                st.text(max_size=limits.max_size),
                node_strategy(values, limits, _arg(bare, 1), hints),
                max_size=limits.max_size,
            )
        case Object():
            if hints is not None and _is_model(bare):
                return _model(bare, limits, hints)
            return _object(node, limits)
        case AnyType():
            return _any(bare, limits, hints)
    raise HintsigException(f"No strategy for the schema type {node!r}")


def _leaf(node: DataType, python_type: Any, limits: Limits) -> SearchStrategy[Any]:
    if typing.get_origin(python_type) is Literal:
        return st.sampled_from(typing.get_args(python_type))
    if isinstance(python_type, type) and issubclass(python_type, enum.Enum):
        return st.sampled_from(list(python_type))
    if python_type is _dt.date:
        return st.dates(_MIN_TIME.date(), _MAX_TIME.date())
    return SCALARS[node](limits)


def _object(node: Object, limits: Limits) -> SearchStrategy[dict[str, Any]]:
    """A dict per `Object`: optional properties sometimes absent, sometimes None."""
    required = {p.name: node_strategy(p.dtype, limits) for p in node.properties if p.required}
    optional = {
        p.name: st.none() | node_strategy(p.dtype, limits)
        for p in node.properties
        if not p.required
    }
    return st.fixed_dictionaries(required, optional=optional)


def _model(model: type[pydantic.BaseModel], limits: Limits, hints: _Hints) -> SearchStrategy[Any]:
    """Instances of a pydantic model, its fields translated as its validator's were."""
    if model in hints.models:
        return hints.models[model]
    hints.models[model] = st.deferred(lambda: built)  # a recursive model refers to itself
    required: dict[str, SearchStrategy[Any]] = {}
    optional: dict[str, SearchStrategy[Any]] = {}
    for name, info in model.model_fields.items():
        translation = _translate_field(model, name, info, hints)
        assert translation.schema_type is not None  # the translation refuses such fields
        values = node_strategy(translation.schema_type, limits, translation.python_type, hints)
        key = _input_key(name, info)
        if info.is_required():
            required[key] = values
        else:  # a field with a default may be absent; None only when it is Optional
            optional[key] = values if translation.required else st.none() | values
    built = st.fixed_dictionaries(required, optional=optional).map(model.model_validate)
    hints.models[model] = built
    return built


def _translate_field(
    model: type[pydantic.BaseModel], name: str, info: Any, hints: _Hints
) -> Translation:
    context = hints.context.for_field(model, name)
    if model in hints.context.models:  # recursive: translate the field afresh
        context = TranslationContext(where=context.where, in_model=True, models=(model,))
    return context.translate(info.annotation)


def _any(python_type: Any, limits: Limits, hints: _Hints | None) -> SearchStrategy[Any]:
    """`AnyType`: any JSON value, unless the translation says more (a validated union, a
    recursive model)."""
    if hints is not None:
        if _is_model(python_type):
            return _model(python_type, limits, hints)
        if typing.get_origin(python_type) is Union:
            members = [m for m in typing.get_args(python_type) if m is not type(None)]
            return st.one_of([_hint_values(m, limits, hints) for m in members])
    return json_values(limits)


def _hint_values(hint: Any, limits: Limits, hints: _Hints) -> SearchStrategy[Any]:
    translation = hints.context.translate(hint)
    assert translation.schema_type is not None
    return node_strategy(translation.schema_type, limits, translation.python_type, hints)


def _unwrap(python_type: Any) -> tuple[Any, bool]:
    """`python_type` without `Annotated` and `Optional`, and whether it allows None."""
    nullable = False
    while True:
        if typing.get_origin(python_type) is Annotated:
            python_type = python_type.__origin__
            continue
        args = typing.get_args(python_type)
        if typing.get_origin(python_type) is Union and type(None) in args:
            rest = [a for a in args if a is not type(None)]
            nullable = True
            if len(rest) == 1:
                python_type = rest[0]
                continue
            python_type = typing.cast(Any, Union)[tuple(rest)]
        return python_type, nullable


def _arg(python_type: Any, index: int) -> Any:
    args = typing.get_args(python_type)
    return args[index] if len(args) > index else Any


def _is_model(python_type: Any) -> bool:
    return isinstance(python_type, type) and issubclass(python_type, pydantic.BaseModel)


def _input_key(name: str, info: Any) -> str:
    from hintsig.types._hint_builtins import input_key

    return input_key(name, info)


# ----------------------------------------------------------------------------- specs


def tensor_strategy(spec: TensorSpec, limits: Limits) -> SearchStrategy[np.ndarray[Any, Any]]:
    """Arrays of the spec's dtype; each `-1` dimension varies (the first up to `max_rows`)."""
    from hypothesis.extra import numpy as hnp

    dims = [
        st.integers(1, limits.max_rows if i == 0 else limits.max_size) if d == -1 else st.just(d)
        for i, d in enumerate(spec.shape)
    ]
    dtype = spec.type
    if dtype.kind == "U":
        dtype = _sized(dtype, limits)
    return hnp.arrays(dtype, st.tuples(*dims), elements=_elements(dtype, limits))


def _sized(dtype: np.dtype[Any], limits: Limits) -> np.dtype[Any]:
    import numpy as np

    return np.dtype(f"{dtype.kind}{max(limits.max_size, 1)}")


def _elements(dtype: np.dtype[Any], limits: Limits) -> SearchStrategy[Any] | None:
    if dtype.kind == "f":
        width: Literal[16, 32, 64] = (
            16 if dtype.itemsize == 2 else 32 if dtype.itemsize == 4 else 64
        )
        return st.floats(width=width, allow_nan=False, allow_infinity=False)
    if dtype.kind == "U":
        return st.text(max_size=limits.max_size).filter(lambda s: not s.endswith("\x00"))
    if dtype.kind == "M":
        import numpy as np

        return st.datetimes(_MIN_TIME, _MAX_TIME).map(lambda t: np.datetime64(t).astype(dtype))
    return None


def frame_strategy(schema: Schema, limits: Limits, min_rows: int = 0) -> SearchStrategy[Any]:
    """DataFrames of a column schema: every column of its pandas dtype, optional columns
    sometimes absent; an unnamed schema's columns are labelled 0, 1, ..."""
    specs = [s for s in schema.inputs if isinstance(s, ColSpec)]
    return st.integers(min_rows, max(min_rows, limits.max_rows)).flatmap(
        lambda rows: _frame(specs, rows, limits)
    )


def _frame(specs: list[ColSpec], rows: int, limits: Limits) -> SearchStrategy[Any]:
    by_label = {_label(i, spec): spec for i, spec in enumerate(specs)}
    columns = st.fixed_dictionaries(
        {label: _column(spec, rows, limits) for label, spec in by_label.items()}
    )
    present = st.fixed_dictionaries(
        {label: st.just(True) if s.required else st.booleans() for label, s in by_label.items()}
    )
    return st.tuples(columns, present).map(
        lambda drawn: _to_frame(drawn[0], drawn[1], by_label, rows)
    )


def _label(index: int, spec: ColSpec) -> str | int:
    return spec.name if spec.name is not None else index


def _column(spec: ColSpec, rows: int, limits: Limits) -> SearchStrategy[list[Any]]:
    return st.lists(node_strategy(spec.type, limits), min_size=rows, max_size=rows)


def _to_frame(
    values: Mapping[str | int, list[Any]],
    keep: Mapping[str | int, bool],
    specs: Mapping[str | int, ColSpec],
    rows: int,
) -> Any:
    """The DataFrame of the drawn columns, in the schema's order."""
    import pandas as pd

    data = {
        label: pd.Series(values[label], dtype=_pandas_dtype(spec), name=label)
        for label, spec in specs.items()
        if keep[label]
    }
    return pd.DataFrame(data, index=pd.RangeIndex(rows))


def _pandas_dtype(spec: ColSpec) -> Any:
    if isinstance(spec.type, DataType):
        return spec.type.to_pandas()
    return object


def params_strategy(schema: ParamSchema, limits: Limits) -> SearchStrategy[dict[str, Any]]:
    """Params dicts: each param sometimes absent (its default applies), else of its type."""
    return st.fixed_dictionaries({}, optional={p.name: _param(p, limits) for p in schema})


def _param(spec: ParamSpec, limits: Limits) -> SearchStrategy[Any]:
    values = node_strategy(spec.dtype, limits)
    if spec.shape is not None:
        return st.lists(values, max_size=limits.max_size)
    return values


# ----------------------------------------------------------------------------- invalid


def broken_values(node: ColType, value: Any, limits: Limits) -> SearchStrategy[Any] | None:
    """`value` (valid for `node`) broken in exactly one place; None when nothing can break.

    A scalar becomes one of the wrong type, a list gets one wrong element, an object loses one
    required property or gets one wrong property.
    """
    match node:
        case DataType():
            return st.just(WRONG_SCALARS[node])
        case Array(dtype=items):
            options = [st.just({"not": "a list"})]
            if value:
                options.append(_break_item(items, list(value), limits))
            return st.one_of(options)
        case Map(value_type=values):
            inner = [
                broken.map(_setter(value, k))
                for k in list(value)[:1]
                if (broken := broken_values(values, value[k], limits)) is not None
            ]
            return st.one_of([st.just(["not", "a dict"]), *inner])
        case Object(properties=props):
            options = [
                st.just({k: v for k, v in value.items() if k != p.name})
                for p in props
                if p.required and p.name in value
            ]
            for p in props:
                if p.name in value and value[p.name] is not None:
                    broken = broken_values(p.dtype, value[p.name], limits)
                    if broken is not None:
                        options.append(broken.map(_setter(value, p.name)))
            return st.one_of(options) if options else None
    return None  # AnyType: every value fits


def _setter(mapping: Mapping[str, Any], key: str) -> Callable[[Any], dict[str, Any]]:
    """A function giving a copy of `mapping` with `key` set to its argument."""
    return lambda v: {**mapping, key: v}


def _break_item(items: ColType, value: list[Any], limits: Limits) -> SearchStrategy[Any]:
    def at(index: int) -> SearchStrategy[Any]:
        broken = broken_values(items, value[index], limits)
        if broken is None:
            return st.nothing()
        return broken.map(lambda v: [*value[:index], v, *value[index + 1 :]])

    return st.integers(0, len(value) - 1).flatmap(at)


# ----------------------------------------------------------------------------- sources


@dataclass(frozen=True, slots=True)
class Source:
    """What inputs are generated from: a hint (with its compiled hints) or a schema."""

    schema: Schema | None
    hints: PredictHints | None = None
    params: ParamSchema | None = None

    @property
    def from_hint(self) -> bool:
        """True when a `list[...]` hint gives the inputs (lists of values or instances)."""
        return self.hints is not None and self.hints.input_validator is not None


def source_of(spec: Any) -> Source:
    """The `Source` for anything `strategy` takes (a model's hints before its schema)."""
    from hintsig.pyfunc._loaded import PyFuncModel

    if isinstance(spec, Schema):
        return Source(spec)
    if isinstance(spec, ModelSignature):
        return Source(spec.inputs, params=spec.params)
    if isinstance(spec, PyFuncModel):
        hints = spec.input_hints
        return Source(spec.metadata.get_input_schema(), hints, spec.metadata.get_params_schema())
    if _is_model_object(spec):
        hints = get_predict_hints(spec)
        if hints is None or hints.input_schema is None:
            raise HintsigException(
                f"{_name(spec)} has no input type hint hintsig can generate values from"
            )
        return Source(hints.input_schema, hints)
    return Source(None, _hint_plan(spec))


def _is_model_object(spec: Any) -> bool:
    from hintsig.pyfunc._python_model import PythonModel

    return isinstance(spec, PythonModel) or inspect.isfunction(spec)


def _name(spec: Any) -> str:
    return getattr(spec, "__qualname__", type(spec).__name__)


def _hint_plan(hint: Any) -> PredictHints:
    """The compiled hints of a bare type hint, as `predict(model_input: hint)` compiles them."""
    from hintsig.types._hint_predict import compile_predict_hints

    def predict(model_input: Any) -> Any:
        raise NotImplementedError

    predict.__annotations__ = {"model_input": hint}
    with warnings.catch_warnings():  # notes on how a hint is recorded are the model's to give
        warnings.simplefilter("ignore", UnsupportedHintWarning)
        hints = compile_predict_hints(predict)
    if hints is None or hints.input_schema is None:
        raise HintsigException(
            f"No strategy for the type hint {hint!r}: it gives no schema (a DataFrame, "
            "ndarray or TypeFromExample hint takes its schema from an input example)"
        )
    return hints


def input_strategy(source: Source, limits: Limits, *, valid: bool = True) -> SearchStrategy[Any]:
    """The model inputs of `source`: valid ones, or ones broken in one place."""
    if source.from_hint:
        assert source.hints is not None
        return _hint_inputs(source.hints, limits, valid)
    schema = source.schema if source.schema is not None else _hint_schema(source)
    if schema is None:
        raise HintsigException("There is no input schema to generate values from")
    if schema.is_tensor_spec():
        return _tensor_inputs(schema, limits, valid)
    if valid:
        return frame_strategy(schema, limits)
    return frame_strategy(schema, limits, min_rows=1).flatmap(
        lambda frame: _broken_frame(schema, frame)
    )


def _hint_schema(source: Source) -> Schema | None:
    return source.hints.input_schema if source.hints is not None else None


def _hint_inputs(hints: PredictHints, limits: Limits, valid: bool) -> SearchStrategy[Any]:
    node, items = _items(hints, limits)
    if valid:
        return st.lists(items, max_size=limits.max_rows)
    plain = node_strategy(node, limits)  # JSON-like values, then broken in one place
    rows = st.lists(plain, min_size=1, max_size=max(limits.max_rows, 1))
    return rows.flatmap(lambda values: _break_item_or_nothing(node, values, limits))


def _items(hints: PredictHints, limits: Limits) -> tuple[ColType, SearchStrategy[Any]]:
    """The element node of a `list[...]` hint and the strategy of its elements, narrowed by
    the hint's translation (the one its validator was compiled from)."""
    assert hints.input_schema is not None
    column = hints.input_schema.inputs[0]
    assert isinstance(column, ColSpec)
    context = TranslationContext(where="input", validate_unions=hints.validate_unions)
    translation = context.translate(_list_hint(hints.input_hint))
    item_type = _arg(_unwrap(translation.python_type)[0], 0)
    return column.type, node_strategy(column.type, limits, item_type, _Hints(context))


def _list_hint(hint: Any) -> Any:
    from hintsig.types._hint_registry import normalise

    return normalise(hint)[0]


def _break_item_or_nothing(node: ColType, values: list[Any], limits: Limits) -> Any:
    broken = broken_values(Array(node), values, limits)
    return broken if broken is not None else st.nothing()


def _tensor_inputs(schema: Schema, limits: Limits, valid: bool) -> SearchStrategy[Any]:
    specs = [s for s in schema.inputs if isinstance(s, TensorSpec)]
    if not schema.has_input_names():
        arrays = tensor_strategy(specs[0], limits)
        return arrays if valid else arrays.flatmap(lambda a: _broken_tensor(specs[0], a))
    named = st.fixed_dictionaries({s.name: tensor_strategy(s, limits) for s in specs if s.name})
    if valid:
        return named
    return named.flatmap(
        lambda arrays: st.sampled_from(specs).flatmap(
            lambda spec: _broken_tensor(spec, arrays[str(spec.name)]).map(
                _setter(arrays, str(spec.name))
            )
        )
    )


def _broken_tensor(spec: TensorSpec, array: Any) -> SearchStrategy[Any]:
    """The array with another dtype kind, or with one more dimension, or a fixed one wrong."""
    import numpy as np

    other = np.dtype("float64") if spec.type.kind in "biuUSMmO" else np.dtype("int64")
    if spec.type.kind == "f":
        other = np.dtype("U1") if array.size else np.dtype("int64")
    options = [st.just(np.zeros(array.shape, dtype=other)), st.just(array[..., np.newaxis])]
    fixed = [i for i, d in enumerate(spec.shape) if d != -1]
    for i in fixed[:1]:
        shape = list(array.shape)
        shape[i] += 1
        options.append(st.just(np.zeros(shape, dtype=spec.type)))
    return st.one_of(options)


def _broken_frame(schema: Schema, frame: Any) -> SearchStrategy[Any]:
    """The frame with one required column missing, or one column of a wrong dtype."""
    options: list[SearchStrategy[Any]] = []
    for i, spec in enumerate(schema.inputs):
        assert isinstance(spec, ColSpec)
        label = _label(i, spec)
        if spec.required and label in frame.columns and schema.has_input_names():
            options.append(st.just(frame.drop(columns=[label])))
        if label in frame.columns and isinstance(spec.type, DataType):
            options.append(st.just(_replace_column(frame, label, WRONG_SCALARS[spec.type])))
    return st.one_of(options) if options else st.nothing()


def _replace_column(frame: Any, label: Any, value: Any) -> Any:
    copy = frame.copy()
    copy[label] = [value] * len(frame)
    return copy


# ----------------------------------------------------------------------------- public


def strategy(
    spec: Any,
    *,
    max_rows: int = MAX_ROWS,
    max_size: int = MAX_SIZE,
    valid: bool = True,
) -> SearchStrategy[Any]:
    """A Hypothesis strategy of the values `spec`'s own validator accepts.

    `spec` is a `Schema`, a `ModelSignature` (its inputs), a `ParamSchema` (params dicts), a
    type hint (`list[Message]`, `dict[str, float]`, a pydantic model, a tensor or DataFrame
    hint), a `PyFuncModel`, a `PythonModel` or a `@pyfunc` function. Values come in the form
    the model receives them: DataFrames with the schema's dtypes for column schemas, arrays
    of the spec's dtype (its `-1` dimensions varied) for tensor schemas, lists of values or
    pydantic instances for `list[...]` hints. `max_rows` bounds the batch (rows, elements,
    the first tensor dimension), `max_size` everything nested in it.

    With `valid=False` the values break the signature in exactly one place instead (one
    element of a wrong type, a required field or column missing, a column of a wrong dtype,
    a tensor of a wrong dtype or shape), for negative tests. A bare hint that is not a
    `list[...]` (`dict[str, float]`, a model) describes one element: its values are
    generated, as `list[hint]` would validate each.
    """
    limits = Limits(max_rows, max_size)
    if isinstance(spec, ParamSchema):
        if not valid:
            raise HintsigException("valid=False is not supported for a ParamSchema")
        return params_strategy(spec, limits)
    if not isinstance(spec, (Schema, ModelSignature)) and not _is_model_object(spec):
        from hintsig.pyfunc._loaded import PyFuncModel

        if not isinstance(spec, PyFuncModel) and not _is_whole_input(spec):
            return _element_strategy(spec, limits, valid)
    return input_strategy(source_of(spec), limits, valid=valid)


def _is_whole_input(hint: Any) -> bool:
    """True for hints that describe a whole input (`list[...]`, tensor and DataFrame hints,
    and those with no schema), False for those that describe one element of a list."""
    import typing_extensions

    from hintsig.types._hint_frames import Columns
    from hintsig.types._hint_registry import Unsupported, normalise
    from hintsig.types._hint_tensors import Tensor

    bare, metadata = normalise(hint)
    if typing.get_origin(bare) is list or any(isinstance(m, (Tensor, Columns)) for m in metadata):
        return True
    if typing_extensions.is_typeddict(bare):
        return True
    try:
        return TranslationContext(where="input").translate(bare).schema_type is None
    except (HintsigException, Unsupported):
        return False


def _element_strategy(hint: Any, limits: Limits, valid: bool) -> SearchStrategy[Any]:
    """Values of a hint that describes one element (`dict[str, float]`, a model, `int`)."""
    node, items = _items(_hint_plan(list[hint]), limits)
    if valid:
        return items
    return node_strategy(node, limits).flatmap(
        lambda value: broken_values(node, value, limits) or st.nothing()
    )
