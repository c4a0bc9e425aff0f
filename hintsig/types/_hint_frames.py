"""DataFrame hints: `Annotated[pd.DataFrame, Columns(Row)]`.

`Row` is a pydantic model or a `TypedDict`; each of its fields becomes a named column
(`ColSpec(type, name, required)`), translated as the fields of a `list[Row]` input are:
`Optional` fields and fields with a default (`NotRequired` keys of a `TypedDict`) are
optional columns. Calls are checked by schema enforcement (`_hint_enforced.SchemaEnforcer`),
vectorised over whole columns: required columns present, safe casts only, extra columns
dropped.

This module imports neither pandas nor numpy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import typing_extensions

from hintsig.exceptions import InvalidHintError
from hintsig.types._hint_builtins import input_key, is_pydantic_model
from hintsig.types._hint_markers import is_class_of, single_marker, typed_dict_keys
from hintsig.types._hint_registry import TranslationContext, hint_repr
from hintsig.types.schema import ColSpec, Object, Schema

__all__ = ["Columns", "columns_schema"]


@dataclass(frozen=True, slots=True)
class Columns:
    """The columns of a DataFrame input: `Annotated[pd.DataFrame, Columns(Row)]`.

    `row` is a pydantic model or a `TypedDict` describing one row; its fields name the columns.
    """

    row: type

    def __post_init__(self) -> None:
        if not (is_pydantic_model(self.row) or typing_extensions.is_typeddict(self.row)):
            raise InvalidHintError(
                f"Invalid type hint `Columns({hint_repr(self.row)})`: the row type must be a "
                "pydantic model or a TypedDict"
            )

    def __repr__(self) -> str:
        return f"Columns({hint_repr(self.row)})"


def columns_schema(
    hint: Any, metadata: tuple[Any, ...], context: TranslationContext
) -> Schema | None:
    """The column schema of a normalised input hint (None when it is no `Columns` hint)."""
    marker = single_marker(metadata, Columns, context, hint)
    if marker is None:
        return None
    if not is_class_of(hint, "pandas", "DataFrame"):
        context.invalid(
            hint, f"{marker!r} describes a DataFrame; write `Annotated[pd.DataFrame, {marker!r}]`"
        )
    row = marker.row
    # Errors in the fields name them after the row type: `House.rooms`.
    row_context = TranslationContext(
        where=hint_repr(row), notes=context.notes, validate_unions=context.validate_unions
    )
    if is_pydantic_model(row):
        specs = _model_columns(row, row_context)
    else:
        specs = _typed_dict_columns(row, row_context)
    if not specs:
        context.invalid(row, "a DataFrame row type needs at least one field")
    return Schema(specs)


def _model_columns(model: Any, context: TranslationContext) -> list[ColSpec]:
    """A pydantic row: its fields, translated as the properties of a `list[Row]` input."""
    if not model.model_fields:  # before the list-element advice for empty models
        context.invalid(model, "a DataFrame row type needs at least one field")
    translated = context.translate(model).schema_type
    if not isinstance(translated, Object):  # a RootModel
        context.invalid(model, "a DataFrame row type needs named fields, not a root model")
    by_key = {p.name: p for p in translated.properties}  # sorted by name: restore field order
    ordered = (by_key[input_key(n, f)] for n, f in model.model_fields.items())
    return [ColSpec(p.dtype, p.name, p.required) for p in ordered]


def _typed_dict_columns(typed_dict: Any, context: TranslationContext) -> list[ColSpec]:
    """A `TypedDict` row: one column per key; `NotRequired` keys and `Optional` values are
    optional columns."""
    specs = []
    for name, hint, value, key_required in typed_dict_keys(typed_dict):
        field_context = context.for_field(typed_dict, name)
        item = field_context.translate(value)
        if item.schema_type is None:
            field_context.unsupported(hint, "it cannot be a DataFrame column")
        specs.append(ColSpec(item.schema_type, name, item.required and key_required))
    return specs
