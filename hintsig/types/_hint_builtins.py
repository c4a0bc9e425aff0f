"""The built-in translators, registered in order by `register_builtins`.

Each function handles one kind of hint and returns its schema type and the Python type
pydantic validates against. A hint none of them accepts is unsupported.
"""

from __future__ import annotations

import datetime as _dt
import enum
import types
import typing
from typing import Any, Literal, Optional, Union, cast

import pydantic
import typing_extensions

from hintsig.types._hint_fix import no_mapping_fix, suggest
from hintsig.types._hint_registry import (
    Translation,
    TranslationContext,
    hint_repr,
    install_builtins,
    is_type_from_example,
    normalise,
    register_translator,
)
from hintsig.types.schema import AnyType, Array, DataType, Map, Object, Property

__all__ = ["input_key", "is_dict", "is_list", "is_pydantic_model", "register_builtins"]

_PRIMITIVES: dict[Any, DataType] = {
    str: DataType.string,
    int: DataType.long,
    float: DataType.double,
    bool: DataType.boolean,
    bytes: DataType.binary,
    _dt.datetime: DataType.datetime,
    _dt.date: DataType.datetime,
}
_LITERAL_ORIGINS = {Literal, typing_extensions.Literal}
_NONE = type(None)
_LEGACY = {("pandas", "DataFrame"), ("pandas", "Series"), ("numpy", "ndarray")}
_SPARSE_BASES = ("spmatrix", "sparray")

_ELEMENT_FIX = "write `list[str]`, `list[dict[str, int]]` or `list[MyModel]`, for example"
_WHOLE_INPUT = "a DataFrame, an ndarray or TypeFromExample can only be the whole model input"
_EMPTY_MODEL = (
    "a model with no fields cannot describe an input; add fields to it, or write "
    "`dict[str, str]` for free-form keys"
)


def register_builtins() -> None:
    """Register the built-in translators, most specific first."""
    for predicate, handler in (
        (is_type_from_example, _no_schema),
        (_is_legacy, _no_schema),
        (_is_primitive, _primitive),
        (_is_any, _any),
        (is_list, _list),
        (is_dict, _dict),
        (_is_union, _union),
        (_is_literal, _literal),
        (_is_enum, _enum),
        (is_pydantic_model, _pydantic_model),
    ):
        register_translator(predicate, handler)


# ----------------------------------------------------------------------------- predicates


def _is_legacy(hint: Any) -> bool:
    """`pd.DataFrame`, `pd.Series`, `np.ndarray` (also `NDArray[...]`), scipy sparse types."""
    cls = typing.get_origin(hint) or hint
    if not isinstance(cls, type):
        return False
    module = cls.__module__
    if module.startswith("scipy.sparse"):
        return cls.__name__.endswith(("_matrix", "_array")) or cls.__name__ in _SPARSE_BASES
    return (module.partition(".")[0], cls.__name__) in _LEGACY


def _is_primitive(hint: Any) -> bool:
    try:
        return hint in _PRIMITIVES
    except TypeError:  # an unhashable hint
        return False


def _is_any(hint: Any) -> bool:
    return hint is Any


def is_list(hint: Any) -> bool:
    """True for `list` and `list[X]`."""
    return hint is list or typing.get_origin(hint) is list


def is_dict(hint: Any) -> bool:
    """True for `dict` and `dict[K, V]`."""
    return hint is dict or typing.get_origin(hint) is dict


def _is_union(hint: Any) -> bool:
    return hint is Union or hint is Optional or typing.get_origin(hint) is Union


def _is_literal(hint: Any) -> bool:
    return typing.get_origin(hint) in _LITERAL_ORIGINS


def _is_enum(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, enum.Enum)


def is_pydantic_model(hint: Any) -> bool:
    """True for a pydantic `BaseModel` subclass."""
    return isinstance(hint, type) and issubclass(hint, pydantic.BaseModel)


# ----------------------------------------------------------------------------- handlers


def _no_schema(hint: Any, context: TranslationContext) -> Translation:
    """Accepted as a whole `predict` input; no schema, no validation."""
    return Translation(None)


_DATE_NOTE = (
    "MLflow's schema has no date type, so it is recorded as datetime; values are validated "
    "as dates (serving reads ISO dates such as 2024-01-31), and MLflow itself leaves this "
    "hint unsupported"
)


def _primitive(hint: Any, context: TranslationContext) -> Translation:
    if hint is _dt.date and not context.in_model:  # a model documents its own fields
        context.note(hint, _DATE_NOTE)
    return Translation(_PRIMITIVES[hint], hint)


def _any(hint: Any, context: TranslationContext) -> Translation:
    if not context.in_model:
        context.note_unvalidated(hint, "it is recorded as AnyType; use a specific type")
    return Translation(AnyType(), Any)


def _list(hint: Any, context: TranslationContext) -> Translation:
    args = typing.get_args(hint)
    if not args:
        context.invalid(hint, f"a list needs its element type; {_ELEMENT_FIX}")
    if len(args) > 1:
        fix = suggest(types.GenericAlias(list, args[:1]), in_model=context.in_model)
        written = f"; write `{fix}`" if fix is not None else ""
        context.invalid(hint, f"a list has one element type, got {len(args)}{written}")
    item = context.translate(args[0])
    # Elements may be None inside a nested list, a dict value or a model (the schema keeps the
    # element type, as MLflow's); `plan_input` refuses None elements of the input list itself.
    if item.schema_type is None:
        context.unsupported(args[0], f"it cannot be a list element; {_WHOLE_INPUT}")
    return Translation(Array(item.schema_type), types.GenericAlias(list, (item.python_type,)))


def _dict(hint: Any, context: TranslationContext) -> Translation:
    args = typing.get_args(hint)
    if len(args) != 2:
        context.invalid(hint, "a dict needs its key and value types; write `dict[str, int]`")
    key, value = args
    if normalise(key, context)[0] is not str:
        fix = suggest(hint, in_model=context.in_model)
        written = "use `str` keys" if fix is None else f"write `{fix}`"
        context.invalid(hint, f"dict keys must be str (as in JSON); {written}")
    item = context.translate(value)
    if item.schema_type is None:
        context.unsupported(value, f"it cannot be a dict value; {_WHOLE_INPUT}")
    return Translation(Map(item.schema_type), types.GenericAlias(dict, (str, item.python_type)))


def _union(hint: Any, context: TranslationContext) -> Translation:
    """`X | None` keeps X's type and is not required; other unions become AnyType.

    Their values are validated (smart union, strict) only with `validate_unions=True`;
    otherwise, as in MLflow, they are not checked and a note says so.
    """
    args = typing.get_args(hint)
    members = [a for a in args if a is not _NONE]
    if not members:
        context.invalid(hint, "a Union needs at least one type besides None")
    required = len(members) == len(args)
    if len(members) == 1:
        item = context.translate(members[0])
        python_type = item.python_type if required else _optional(item.python_type)
        return Translation(item.schema_type, python_type, required)
    if context.validate_unions:
        validated = []
        for member in members:
            item = context.translate(member)
            if item.schema_type is None:
                context.unsupported(member, "it cannot be a member of a validated Union")
            validated.append(item.python_type)
        union = _union_of(validated)
        return Translation(AnyType(), union if required else _optional(union), required)
    if not context.in_model:
        context.note_unvalidated(
            hint,
            "a Union of several types is recorded as AnyType and its values are not checked; "
            "pass `validate_unions=True` to `@pyfunc` (or to the PythonModel class) to "
            "validate each case",
        )
    return Translation(AnyType(), Any, required)


def _union_of(members: typing.Sequence[Any]) -> Any:
    return cast(Any, Union)[tuple(members)]


def _optional(python_type: Any) -> Any:
    return python_type if python_type is Any else _union_of([python_type, _NONE])


def _literal(hint: Any, context: TranslationContext) -> Translation:
    return Translation(_base_type(hint, typing.get_args(hint), context), hint)


def _enum(hint: Any, context: TranslationContext) -> Translation:
    return Translation(_base_type(hint, [m.value for m in hint], context), hint)


def _base_type(hint: Any, values: typing.Sequence[Any], context: TranslationContext) -> DataType:
    """The DataType shared by every allowed value of a Literal or an Enum."""
    kinds = {type(v) for v in values}
    if kinds == {str}:
        return DataType.string
    if kinds == {bool}:
        return DataType.boolean
    if kinds == {int}:
        return DataType.long
    context.unsupported(hint, "its values must all be str, all be int or all be bool")


def _pydantic_model(hint: Any, context: TranslationContext) -> Translation:
    """An `Object` with one `Property` per field; nested models become nested `Object`s."""
    if hint in context.models:  # a recursive model: its own validation covers it
        return Translation(AnyType(), hint)
    _complete(hint, context)
    if issubclass(hint, pydantic.RootModel):
        root = context.for_field(hint, "root").translate(hint.model_fields["root"].annotation)
        return Translation(root.schema_type, hint)
    fields: dict[str, Any] = hint.model_fields
    if not fields:
        context.invalid(hint, _EMPTY_MODEL)
    return Translation(Object(_property(hint, n, f, context) for n, f in fields.items()), hint)


def _complete(model: type[pydantic.BaseModel], context: TranslationContext) -> None:
    if model.__pydantic_complete__:
        return
    try:
        model.model_rebuild()
    except pydantic.PydanticUndefinedAnnotation as exc:
        # As MLflow: a model whose field types cannot be resolved is left unvalidated.
        context.unsupported(
            model,
            f"its field types are not all defined ({exc.message}); define them before the "
            "model, or import them where it is defined",
        )


def _property(
    model: type[pydantic.BaseModel],
    name: str,
    info: pydantic.fields.FieldInfo,
    context: TranslationContext,
) -> Property:
    field_context = context.for_field(model, name)
    item = field_context.translate(info.annotation)
    if item.schema_type is None:
        field_context.unsupported(
            info.annotation, f"it cannot be a field of an input model; {_WHOLE_INPUT}"
        )
    if not item.required and info.is_required():
        field_context.invalid(
            info.annotation,
            f"an Optional field needs a default; write "
            f"`{name}: {hint_repr(info.annotation)} = None`",
        )
    # Any field with a default may be omitted (MLflow marks `k: int = 3` required).
    required = item.required and info.is_required()
    return Property(input_key(name, info), item.schema_type, required)


def input_key(name: str, info: pydantic.fields.FieldInfo) -> str:
    """The key an input dict uses for the field: its alias when it has one."""
    for alias in (info.validation_alias, info.alias):
        if isinstance(alias, str):
            return alias
    return name


install_builtins(register_builtins, no_mapping_fix)
