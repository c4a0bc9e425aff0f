"""What a whole `predict` input or output hint becomes: a schema and a compiled validator.

The input of `predict` is a batch, so its hint must be `list[...]`: the schema then has one
unnamed column of the element's type. `pd.DataFrame`, `np.ndarray`, scipy sparse types and
`TypeFromExample` are accepted with no schema (an input example or a signature gives it).
A tensor hint (`Annotated[np.ndarray, Tensor(...)]`, or a `TypedDict` of them) gives a tensor
schema and a DataFrame hint (`Annotated[pd.DataFrame, Columns(Row)]`) a named column schema,
both checked by schema enforcement. Any other top-level hint is unsupported: a warning, and
no validation.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any, Union

from typing_extensions import TypeForm

from hintsig.exceptions import InvalidHintError
from hintsig.types._hint_builtins import is_dict, is_list, is_pydantic_model
from hintsig.types._hint_convert import ElementKind
from hintsig.types._hint_enforced import SchemaEnforcer
from hintsig.types._hint_errors import What
from hintsig.types._hint_fix import element_fix, optional_list_fix, top_level_fix
from hintsig.types._hint_frames import Columns, columns_schema
from hintsig.types._hint_registry import (
    Translation,
    TranslationContext,
    Unsupported,
    hint_repr,
    is_type_from_example,
    normalise,
    translate,
    warn_notes,
    with_metadata,
)
from hintsig.types._hint_tensors import Tensor, tensor_schema
from hintsig.types._validators import Validator, compile_validator
from hintsig.types.schema import Array, ColSpec, ColType, Schema

__all__ = ["HintPlan", "plan_input", "plan_output", "schema_from_hint"]

_NOT_VALIDATED = (
    "; hintsig does not validate this input, and the model's signature must come from an "
    "input example or an explicit signature"
)


@dataclass(frozen=True, slots=True)
class HintPlan:
    """A top-level hint's schema (None: none inferred), validator and the warnings it raises."""

    hint: Any
    schema: Schema | None
    validator: Validator | SchemaEnforcer | None
    notes: tuple[str, ...] = ()
    from_example: bool = False


def plan_input(hint: Any, *, validate_unions: bool = False) -> HintPlan:
    """The plan for a `predict` input hint; raises `InvalidHintError` for an invalid hint.

    With `validate_unions`, unions inside the hint are validated (see `_hint_builtins._union`).
    """
    label = hint_repr(hint)
    context = TranslationContext(where=label, validate_unions=validate_unions)
    bare, metadata = normalise(hint, context)
    try:
        enforced = _enforced_plan(hint, bare, metadata, context, "input")
        if enforced is not None:
            return enforced
        member = _optional_list(bare)
        if member is not None:
            context.unsupported(bare, optional_list_fix(member))
        if is_list(bare):
            if _optional_element(bare, context):
                context.invalid(bare, element_fix(bare))
            translation = translate(bare, context)
            items = _items(translation)
            python_type = with_metadata(translation.python_type, metadata)
            kind = _element_kind(bare, context)
            validator = compile_validator(python_type, label, "input", kind)
            return HintPlan(hint, Schema([ColSpec(items)]), validator, tuple(context.notes))
        if _has_no_schema(bare, context):
            return HintPlan(hint, None, None, from_example=is_type_from_example(bare))
        context.unsupported(bare, top_level_fix(bare))
    except Unsupported as exc:
        return HintPlan(hint, None, None, (exc.message + _NOT_VALIDATED,))


def plan_output(hint: Any, *, validate: bool, validate_unions: bool = False) -> HintPlan:
    """The plan for a return hint: `list[X]` or `X` gives a column of X (MLflow's rule).

    A tensor or DataFrame hint gives its tensor or column schema. A return hint hintsig
    cannot translate gives no schema, unless `validate` (then it is an `InvalidHintError`:
    outputs cannot be validated against it).
    """
    label = hint_repr(hint)
    context = TranslationContext(where=label, validate_unions=validate_unions)
    try:
        bare, metadata = normalise(hint, context)
        enforced = _enforced_plan(hint, bare, metadata, context, "output")
        if enforced is not None:
            return enforced if validate else HintPlan(hint, enforced.schema, None)
        if is_list(bare) and _optional_element(bare, context):  # MLflow: AnyType outputs
            context.unsupported(bare, "list elements cannot be None")
        translation = translate(bare, context)
        if is_list(bare):
            column = _items(translation)
        elif translation.schema_type is None or not translation.required:
            context.unsupported(bare, "an output needs a list, a scalar, a dict or a model hint")
        else:
            column = translation.schema_type
    except (InvalidHintError, Unsupported) as exc:
        if validate:
            problem = "add one, such as `-> list[str]`" if hint is None else str(exc)
            raise InvalidHintError(
                f"validate_output=True needs a return type hint hintsig can check; {problem}"
            ) from None
        return HintPlan(hint, None, None)
    schema = Schema([ColSpec(column)])
    if not validate:  # the notes are given when a signature is saved from the hints
        return HintPlan(hint, schema, None, tuple(context.notes))
    python_type = with_metadata(translation.python_type, metadata)
    validator = compile_validator(python_type, label, "output")
    return HintPlan(hint, schema, validator, tuple(context.notes))


def schema_from_hint(hint: TypeForm[Any]) -> Schema | None:
    """The input schema a `predict` hint gives (None for DataFrame, ndarray, TypeFromExample).

    Raises `InvalidHintError` for an invalid hint; an unsupported one warns and gives None.
    """
    plan = plan_input(hint)
    warn_notes(plan.notes)
    return plan.schema


def _enforced_plan(
    hint: Any, bare: Any, metadata: tuple[Any, ...], context: TranslationContext, what: What
) -> HintPlan | None:
    """The plan of a tensor or DataFrame hint, checked by schema enforcement (None: neither)."""
    schema = tensor_schema(bare, metadata, context)
    if schema is None:
        schema = columns_schema(bare, metadata, context)
        if schema is None:
            return None
    marker = next((m for m in metadata if isinstance(m, (Tensor, Columns))), None)
    label = hint_repr(bare) if marker is None else f"Annotated[{hint_repr(bare)}, {marker!r}]"
    return HintPlan(hint, schema, SchemaEnforcer(schema, label, what), tuple(context.notes))


def _items(translation: Translation) -> ColType:
    """The element type of a `list[X]` translation (always an `Array`)."""
    assert isinstance(translation.schema_type, Array)
    return translation.schema_type.dtype


def _element_kind(hint: Any, context: TranslationContext) -> ElementKind:
    """How a DataFrame given to the `list[...]` hint becomes elements: rows as dicts for
    dict and model elements (and unions of them), one column's values for any other."""
    element, _ = normalise(typing.get_args(hint)[0], context)
    members = [element]
    if typing.get_origin(element) is Union:
        members = [m for m in typing.get_args(element) if m is not type(None)]
    records = all(is_dict(m) or is_pydantic_model(m) for m in map(_bare, members))
    return "records" if records else "values"


def _bare(hint: Any) -> Any:
    return normalise(hint)[0]


def _optional_element(hint: Any, context: TranslationContext) -> bool:
    """True for `list[X | None]`: the elements of a batch are never None (nested lists,
    dict values and model fields may hold None)."""
    args = typing.get_args(hint)
    if not args:
        return False
    element, _ = normalise(args[0], context)
    return typing.get_origin(element) is Union and type(None) in typing.get_args(element)


def _optional_list(hint: Any) -> Any | None:
    """The `list[...]` member of an `Optional` union that has one (None for any other hint)."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) is not Union or type(None) not in args:
        return None
    return next((a for a in args if is_list(a)), None)


def _has_no_schema(hint: Any, context: TranslationContext) -> bool:
    """True for hints accepted as a whole input without a schema (DataFrame, ndarray, ...)."""
    try:
        return translate(hint, TranslationContext(context.where)).schema_type is None
    except (InvalidHintError, Unsupported):
        return False
