"""hintsig's hint rules, applied to mypy's types.

This mirrors the run-time translator (`hintsig.types.type_hints`) step by step, so that mypy
reports exactly the hints `@pyfunc` would refuse or warn about:

* *invalid* hints (the translator raises `InvalidHintError`): bare `list`/`dict`, `dict` keys
  that are not `str`, `Optional` list elements outside a pydantic model, a pydantic `Optional`
  field without a default, a pydantic model without fields;
* *unsupported* hints (the translator warns and does not validate): a `predict` input that is
  not `list[...]`, `Optional[list[...]]`, element types with no schema type (`set`, `tuple`,
  arbitrary classes, ...);
* hints that are accepted but *not validated* (a note): `Any` and unions of several types
  outside a pydantic model (unless `validate_unions=True`: their members are then checked).

Every "write `...`" suggestion is itself a hint hintsig accepts (`_suggest`). Tensor and
DataFrame hints are checked in `_enforced`.

Invalid and unsupported hints are errors, each naming the hint, where it sits and what to write
instead; a hint with an error gets no note. A hint mypy itself could not resolve (an `Any` from
an error or an untyped module) is left alone.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TypeGuard

from mypy.nodes import TypeInfo
from mypy.types import (
    AnyType,
    Instance,
    LiteralType,
    NoneType,
    ProperType,
    TupleType,
    Type,
    TypedDictType,
    TypeOfAny,
    UnionType,
    flatten_nested_unions,
    get_proper_type,
)

from hintsig_mypy._classes import enum_value_kinds, is_pydantic_model, model_fields, root_type
from hintsig_mypy._findings import Finding
from hintsig_mypy._show import is_omitted, is_type_from_example, show
from hintsig_mypy._suggest import DICT_LIKE, LIST_LIKE, suggest

__all__ = [
    "Scope",
    "Translated",
    "check_input_hint",
    "check_model",
    "check_output_hint",
    "drop_notes_if_failed",
    "is_legacy",
    "is_unknown",
    "translate_type",
]

_PRIMITIVES = frozenset(
    {
        "builtins.str",
        "builtins.int",
        "builtins.float",
        "builtins.bool",
        "builtins.bytes",
        "datetime.datetime",
        "datetime.date",
    }
)
_VALUE_KINDS = ({"str"}, {"int"}, {"bool"})
_SUPPORTED = (
    "use str, int, float, bool, bytes, datetime, Literal[...], an Enum, list[...], "
    "dict[str, ...] or a pydantic model"
)
_NO_NONE = "list elements cannot be None"
_WHOLE_INPUT_ONLY = "a DataFrame, an ndarray or TypeFromExample can only be the whole model input"
_NOT_A_LIST = "the model input is a batch, so its hint must be a list"
_EMPTY_MODEL = (
    "a model with no fields cannot describe an input; add fields to it, or write "
    "`dict[str, str]` for free-form keys"
)


@dataclass(frozen=True, slots=True)
class Translated:
    """What a hint translates to: whether it has a schema type, and whether it is required."""

    has_schema: bool = True
    required: bool = True


_NO_SCHEMA = Translated(has_schema=False)


@dataclass(frozen=True, slots=True)
class Scope:
    """Where the rules are working: the hint's position, inside a pydantic model or not.

    `validate_unions` is True for `@pyfunc(validate_unions=True)` (or the `PythonModel`
    class keyword or attribute): unions are then validated, so their members are checked.
    """

    where: str
    in_model: bool = False
    models: tuple[TypeInfo, ...] = ()
    findings: list[Finding] = field(default_factory=list)
    validate_unions: bool = False

    def for_field(self, model: TypeInfo, name: str) -> Scope:
        return Scope(
            f"{self.where}.{name}",
            True,
            (*self.models, model),
            self.findings,
            self.validate_unions,
        )

    def invalid(self, typ: Type, problem: str) -> None:
        self.findings.append(Finding("error", f"Invalid type hint {self._locate(typ)}: {problem}"))

    def unsupported(self, typ: Type, problem: str) -> None:
        message = f"Unsupported type hint {self._locate(typ)}: {problem}"
        self.findings.append(Finding("error", message))

    def unvalidated(self, typ: Type, reason: str) -> None:
        message = f"Type hint {self._locate(typ)} is not validated: {reason}"
        self.findings.append(Finding("note", message))

    def _locate(self, typ: Type) -> str:
        shown = show(typ)
        if self.where == shown:
            return f"`{shown}`"
        if self.in_model:  # `where` is a field path: `list[Message].tags: set[str]`
            return f"`{self.where}: {shown}`"
        return f"`{shown}` in `{self.where}`"


def check_input_hint(typ: Type, *, validate_unions: bool = False) -> list[Finding]:
    """What hintsig says about `typ` as the hint of a `predict` model input."""
    scope = Scope(show(typ), validate_unions=validate_unions)
    proper = get_proper_type(typ)
    optional_list = _optional_list_member(proper)
    if is_unknown(proper):
        return []
    if optional_list is not None:
        scope.unsupported(typ, _optional_list_fix(optional_list))
    elif _is_list(proper):
        _top_list(typ, scope)
    elif not _has_no_schema(typ):
        scope.unsupported(typ, _top_level_fix(proper))
    return drop_notes_if_failed(scope.findings)


def check_output_hint(typ: Type, *, validate_unions: bool = False) -> list[Finding]:
    """What hintsig says about `typ` (annotated) as a return hint checked by
    `validate_output=True`."""
    scope = Scope(show(typ), validate_unions=validate_unions)
    proper = get_proper_type(typ)
    if is_unknown(proper):
        return []
    result = _top_list(typ, scope) if _is_list(proper) else translate_type(typ, scope)
    if result is not None and not _is_list(proper) and not (result.has_schema and result.required):
        scope.unsupported(typ, "an output needs a list, a scalar, a dict or a model hint")
    return drop_notes_if_failed(scope.findings)


def drop_notes_if_failed(findings: list[Finding]) -> list[Finding]:
    errors = [f for f in findings if f.severity == "error"]
    return errors or findings


def _has_no_schema(typ: Type) -> bool:
    """True for hints accepted as a whole input with no schema (DataFrame, TypeFromExample)."""
    scratch = Scope(show(typ))
    result = translate_type(typ, scratch)
    return result is not None and not result.has_schema and not scratch.findings


# ----------------------------------------------------------------------------- translation


def translate_type(typ: Type, scope: Scope) -> Translated | None:
    """The translation of `typ`, or None after recording why it fails."""
    if is_type_from_example(typ):
        return _NO_SCHEMA
    proper = get_proper_type(typ)
    if isinstance(proper, AnyType):
        return _any(proper, scope)
    if isinstance(proper, UnionType):
        return _union(proper, scope)
    if isinstance(proper, LiteralType):
        return _literal([proper], typ, scope)
    if isinstance(proper, Instance):
        return _instance(proper, typ, scope)
    scope.unsupported(typ, _no_mapping_fix(proper))
    return None


def _any(typ: AnyType, scope: Scope) -> Translated:
    if not is_unknown(typ) and not scope.in_model:
        scope.unvalidated(typ, "it is recorded as AnyType; use a specific type")
    return Translated()


def _instance(typ: Instance, original: Type, scope: Scope) -> Translated | None:
    info = typ.type
    if info.is_newtype and info.bases:
        return translate_type(info.bases[0], scope)
    if is_legacy(info):
        return _NO_SCHEMA
    if info.fullname in _PRIMITIVES:
        return Translated()
    if info.fullname == "builtins.list":
        return _list(typ, scope)
    if info.fullname == "builtins.dict":
        return _dict(typ, scope)
    if info.is_enum:
        return _enum(typ, scope)
    if is_pydantic_model(info):
        return check_model(typ, scope)
    scope.unsupported(original, _no_mapping_fix(typ))
    return None


def _list(typ: Instance, scope: Scope) -> Translated | None:
    item_type = typ.args[0]
    if is_omitted(item_type):
        scope.invalid(typ, "a list needs its element type; write `list[str]`, for example")
        return None
    item = translate_type(item_type, scope)
    return Translated() if _nests(item, item_type, "a list element", scope) else None


def _top_list(typ: Type, scope: Scope) -> Translated | None:
    """The `list[...]` a hint is as a whole: its elements cannot be None (a nested list's, a
    dict value's or a model field's can, as in MLflow's schema)."""
    proper = get_proper_type(typ)
    result = translate_type(typ, scope)
    if isinstance(proper, Instance) and proper.args and not is_omitted(proper.args[0]):
        element = get_proper_type(proper.args[0])
        if isinstance(element, UnionType) and any(
            isinstance(get_proper_type(m), NoneType) for m in element.items
        ):
            scope.invalid(typ, _element_fix(proper))
            return None
    return result


def _dict(typ: Instance, scope: Scope) -> Translated | None:
    key, value = typ.args
    if is_omitted(key) and is_omitted(value):
        scope.invalid(typ, "a dict needs its key and value types; write `dict[str, int]`")
        return None
    key_ok = _is_str(key)
    if not key_ok:
        fix = suggest(typ, _accepts, in_model=scope.in_model)
        written = "use `str` keys" if fix is None else f"write `{fix}`"
        scope.invalid(typ, f"dict keys must be str (as in JSON); {written}")
    item = translate_type(value, scope)
    if not key_ok:
        return None
    return Translated() if _nests(item, value, "a dict value", scope) else None


def _union(typ: UnionType, scope: Scope) -> Translated | None:
    items = flatten_nested_unions(typ.items)
    members = [item for item in items if not isinstance(get_proper_type(item), NoneType)]
    required = len(members) == len(items)
    if not members:
        scope.invalid(typ, "a Union needs at least one type besides None")
        return None
    literals = [get_proper_type(m) for m in members]
    if all(isinstance(m, LiteralType) for m in literals):
        result = _literal([m for m in literals if isinstance(m, LiteralType)], typ, scope)
    elif len(members) == 1:
        result = translate_type(members[0], scope)
    elif scope.validate_unions:
        result = _validated_union(members, scope)
    else:
        if not scope.in_model:
            scope.unvalidated(
                typ,
                "a Union of several types is recorded as AnyType and its values are not "
                "checked; pass `validate_unions=True` to `@pyfunc` (or to the PythonModel "
                "class) to validate each case",
            )
        result = Translated()
    return None if result is None else Translated(result.has_schema, required)


def _validated_union(members: list[Type], scope: Scope) -> Translated | None:
    """A Union whose values are validated: every member must translate to a schema type."""
    failed = False
    for member in members:
        result = translate_type(member, scope)
        if result is not None and not result.has_schema:
            scope.unsupported(member, "it cannot be a member of a validated Union")
        failed = failed or result is None or not result.has_schema
    return None if failed else Translated()


def _literal(values: list[LiteralType], original: Type, scope: Scope) -> Translated | None:
    kinds = {value.fallback.type.fullname.removeprefix("builtins.") for value in values}
    if kinds not in _VALUE_KINDS:
        scope.unsupported(original, "its values must all be str, all be int or all be bool")
        return None
    return Translated()


def _enum(typ: Instance, scope: Scope) -> Translated | None:
    if enum_value_kinds(typ.type) not in _VALUE_KINDS:
        scope.unsupported(typ, "its values must all be str, all be int or all be bool")
        return None
    return Translated()


def check_model(typ: Instance, scope: Scope) -> Translated | None:
    info = typ.type
    if info in scope.models:  # a recursive model: its own validation covers it
        return Translated()
    root = root_type(typ)
    if root is not None:
        result = translate_type(root, scope.for_field(info, "root"))
        return None if result is None else Translated(result.has_schema)
    fields = model_fields(typ)
    if fields is None:
        return Translated()  # unknown fields: nothing to say
    if not fields:
        scope.invalid(typ, _EMPTY_MODEL)
        return None
    failed = False
    for model_field in fields:
        if model_field.type is None:
            continue
        field_scope = scope.for_field(info, model_field.name)
        result = translate_type(model_field.type, field_scope)
        if not _nests(result, model_field.type, "a field of an input model", field_scope):
            failed = True
        elif not result.required and not model_field.has_default:
            shown = show(model_field.type)
            fix = f"write `{model_field.name}: {shown} = None`"
            field_scope.invalid(model_field.type, f"an Optional field needs a default; {fix}")
            failed = True
    return None if failed else Translated()


# ----------------------------------------------------------------------------- helpers


def is_unknown(typ: ProperType) -> bool:
    """True for an `Any` the user did not write: a class from an untyped module, an error."""
    if not isinstance(typ, AnyType):
        return False
    source = typ.source_any if typ.source_any is not None else typ
    return source.type_of_any != TypeOfAny.explicit


def _is_list(typ: ProperType) -> bool:
    return isinstance(typ, Instance) and typ.type.fullname == "builtins.list"


def _is_str(typ: Type) -> bool:
    proper = get_proper_type(typ)
    return isinstance(proper, Instance) and proper.type.fullname == "builtins.str"


def is_legacy(info: TypeInfo) -> bool:
    """`pd.DataFrame`, `pd.Series`, `np.ndarray` and scipy sparse types: whole inputs only."""
    root = info.module_name.partition(".")[0]
    if info.module_name.startswith("scipy.sparse"):
        return info.name.endswith(("_matrix", "_array")) or info.name in ("spmatrix", "sparray")
    return (root, info.name) in {
        ("pandas", "DataFrame"),
        ("pandas", "Series"),
        ("numpy", "ndarray"),
    }


def _optional_list_member(typ: ProperType) -> Type | None:
    """The `list[...]` member of an `Optional[list[...]]` hint (None for other hints)."""
    if not isinstance(typ, UnionType):
        return None
    items = flatten_nested_unions(typ.items)
    if not any(isinstance(get_proper_type(item), NoneType) for item in items):
        return None
    return next((item for item in items if _is_list(get_proper_type(item))), None)


def _accepts(typ: Type) -> bool:
    """True when `typ` translates to a schema type, as a model field would."""
    scratch = Scope(show(typ), in_model=True)
    result = translate_type(typ, scratch)
    failed = any(finding.severity == "error" for finding in scratch.findings)
    return result is not None and result.has_schema and not failed


def _optional_list_fix(member: Type) -> str:
    """What to write for an `Optional[list[...]]` model input."""
    fix = suggest(member, _accepts)
    written = f"write `{fix}`" if fix is not None else "drop `None`"
    return f"the model input is a list, never None; {written}"


def _top_level_fix(typ: ProperType) -> str:
    """What to write for a `predict` input hint that is not `list[...]`."""
    item = suggest(typ, _accepts)
    if item is None:
        return f"{_NOT_A_LIST} of a type hintsig supports; {_SUPPORTED}"
    fix = item if item.startswith("list[") else f"list[{item}]"
    if isinstance(typ, UnionType) and any(
        isinstance(get_proper_type(member), NoneType) for member in typ.items
    ):
        return f"{_NOT_A_LIST}; write `{fix}` ({_NO_NONE}); {_optional_field(item)}"
    return f"{_NOT_A_LIST}; write `{fix}`"


def _element_fix(typ: Instance) -> str:
    """What to write for a `list[X | None]` outside a pydantic model."""
    item = suggest(typ.args[0], _accepts)
    if item is None:
        return f"{_NO_NONE}; {_optional_field('int')}"
    return f"{_NO_NONE}; write `list[{item}]`, or, {_optional_field(item)}"


def _optional_field(item: str) -> str:
    return (
        "for optional values, use a pydantic model with an Optional field with a default "
        f"(`name: {item} | None = None`)"
    )


def _nests(item: Translated | None, typ: Type, role: str, scope: Scope) -> TypeGuard[Translated]:
    """True when `item`, the translation of `typ`, can be `role` (a list element, ...): it has
    a schema type. A whole-input hint (a DataFrame, ...) gets an error saying so."""
    if item is not None and not item.has_schema:
        scope.unsupported(typ, f"it cannot be {role}; {_WHOLE_INPUT_ONLY}")
    return item is not None and item.has_schema


def _no_mapping_fix(typ: ProperType) -> str:
    """Why `typ` has no schema type, and what to write instead."""
    problem = "hintsig has no schema type for it"
    if isinstance(typ, TupleType):
        return f"{problem}; use a pydantic model with one field per item"
    if isinstance(typ, TypedDictType):
        return f"{problem}; use a pydantic model with the same fields"
    if isinstance(typ, NoneType):
        return f"{problem}; use a specific type"
    if isinstance(typ, Instance):
        fix = suggest(typ, _accepts) if typ.type.fullname in LIST_LIKE | DICT_LIKE else None
        if fix is not None:
            return f"{problem}; write `{fix}`"
        if typ.type.module_name.partition(".")[0] not in sys.stdlib_module_names:
            return f"{problem}; make `{typ.type.name}` a pydantic model (a `BaseModel` subclass)"
    return f"{problem}; {_SUPPORTED}"
