"""Tensor and DataFrame hints, which hintsig checks by schema enforcement.

* `Annotated[np.ndarray, Tensor(dtype, shape)]`: a tensor input; the `Tensor` marker must sit
  on `np.ndarray`.
* a `TypedDict` whose values are tensor hints (named tensors): every key must be a required
  tensor. mypy sees each value as `np.ndarray` (it drops `Annotated` metadata), so a value
  written without its `Tensor` marker cannot be told apart.
* `Annotated[pd.DataFrame, Columns(Row)]`: the columns are the fields of `Row`, a pydantic
  model or a `TypedDict`, checked as the fields of a `list[Row]` input are (their findings
  named after the row type: `House.rooms: set[str]`).

The markers are read from the source (`_markers`); `RowLookup` finds the row's class.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mypy.nodes import TypeInfo
from mypy.types import Instance, ProperType, Type, TypedDictType, get_proper_type
from mypy.typevars import fill_typevars_with_any

from hintsig_mypy._classes import is_pydantic_model, model_fields, root_type
from hintsig_mypy._findings import Finding
from hintsig_mypy._hints import (
    Scope,
    check_model,
    drop_notes_if_failed,
    is_unknown,
    translate_type,
)
from hintsig_mypy._markers import MARKER_NAMES, Marker
from hintsig_mypy._show import show

__all__ = ["RowLookup", "check_enforced_hint"]

_NO_FIELDS = "a DataFrame row type needs at least one field"

#: The class a dotted name (`Row`, `models.Row`) means where the hint is written.
RowLookup = Callable[[str], TypeInfo | None]
_WRITE_TENSOR = "write `Annotated[np.ndarray, Tensor(dtype, shape)]`"
#: What each marker describes: the class (package, name), in words, and as written.
_MARKED = {
    "Tensor": ("numpy", "ndarray", "a numpy array", "np.ndarray"),
    "Columns": ("pandas", "DataFrame", "a DataFrame", "pd.DataFrame"),
}


def check_enforced_hint(
    typ: Type,
    markers: Sequence[Marker],
    rows: RowLookup | None,
    *,
    validate_unions: bool = False,
) -> list[Finding] | None:
    """What hintsig says about `typ` if it is a tensor or DataFrame hint (None: it is not)."""
    scope = Scope(show(typ), validate_unions=validate_unions)
    proper = get_proper_type(typ)
    if is_unknown(proper):  # a class mypy could not resolve: nothing to say
        return [] if markers else None
    if markers:
        _check_markers(typ, proper, markers, scope, rows)
    elif isinstance(proper, TypedDictType) and _array_keys(proper):
        _check_named_tensors(proper, scope)
    else:
        return None
    return drop_notes_if_failed(scope.findings)


def _check_markers(
    typ: Type,
    proper: ProperType,
    markers: Sequence[Marker],
    scope: Scope,
    rows: RowLookup | None,
) -> None:
    for kind in MARKER_NAMES:
        count = sum(marker.kind == kind for marker in markers)
        if count > 1:
            scope.invalid(typ, f"it has {count} {kind} annotations; keep one")
            return
    marker = next((m for m in markers if m.kind == "Tensor"), markers[0])
    package, name, what, written = _MARKED[marker.kind]
    if not _is_class(proper, package, name):
        fix = f"write `Annotated[{written}, {marker.text}]`"
        scope.invalid(typ, f"{marker.text} describes {what}; {fix}")
        return
    row = rows(marker.row) if marker.kind == "Columns" and marker.row and rows else None
    if row is not None:
        _check_row(row, marker, scope)


def _check_row(row: TypeInfo, marker: Marker, scope: Scope) -> None:
    """The fields of a `Columns(Row)` row type, as the fields of a `list[Row]` input."""
    row_scope = Scope(row.name, findings=scope.findings, validate_unions=scope.validate_unions)
    instance = fill_typevars_with_any(row)
    if is_pydantic_model(row) and isinstance(instance, Instance):
        if root_type(instance) is not None:
            row_scope.invalid(instance, "a DataFrame row type needs named fields, not a root model")
        elif model_fields(instance) == []:
            row_scope.invalid(instance, _NO_FIELDS)
        else:
            check_model(instance, row_scope)
    elif row.typeddict_type is not None:
        _check_typed_dict_row(row, row.typeddict_type, row_scope)
    else:
        problem = "the row type must be a pydantic model or a TypedDict"
        scope.findings.append(Finding("error", f"Invalid type hint `{marker.text}`: {problem}"))


def _check_typed_dict_row(row: TypeInfo, typed_dict: TypedDictType, scope: Scope) -> None:
    if not typed_dict.items:
        scope.invalid(typed_dict, _NO_FIELDS)
    for name, item in typed_dict.items.items():
        field_scope = scope.for_field(row, name)
        result = translate_type(item, field_scope)
        if result is not None and not result.has_schema:
            field_scope.unsupported(item, "it cannot be a DataFrame column")


def _check_named_tensors(typed_dict: TypedDictType, scope: Scope) -> None:
    """A `TypedDict` of tensors: every key a required `np.ndarray`."""
    arrays = _array_keys(typed_dict)
    for name in arrays:
        if name not in typed_dict.required_keys:
            problem = f"tensor {name!r} cannot be NotRequired: a tensor input is always given"
            scope.invalid(typed_dict, problem)
    plain = [name for name in typed_dict.items if name not in arrays]
    if plain:
        keys = ", ".join(repr(name) for name in plain)
        problem = f"every value of a TypedDict of tensors needs a Tensor hint; {keys} have none"
        scope.invalid(typed_dict, f"{problem} ({_WRITE_TENSOR})")


def _array_keys(typed_dict: TypedDictType) -> list[str]:
    return [
        name
        for name, item in typed_dict.items.items()
        if _is_class(get_proper_type(item), "numpy", "ndarray")
    ]


def _is_class(typ: ProperType, package: str, name: str) -> bool:
    return (
        isinstance(typ, Instance)
        and typ.type.name == name
        and typ.type.module_name.partition(".")[0] == package
    )
