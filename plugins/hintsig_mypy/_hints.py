"""hintsig's hint rules, applied to mypy's types.

This mirrors the run-time translator (`hintsig.types.type_hints`) step by step, so that mypy
reports exactly the hints `@pyfunc` would refuse or warn about:

* *invalid* hints (the translator raises `InvalidHintError`): bare `list`/`dict`, `dict` keys
  that are not `str`, `Optional` list elements, a pydantic `Optional` field without a default;
* *unsupported* hints (the translator warns and does not validate): a `predict` input that is
  not `list[...]`, `Optional[list[...]]`, element types with no schema type (`set`, `tuple`,
  arbitrary classes, ...);
* hints that are accepted but *not validated* (a note): `Any` and unions of several types
  outside a pydantic model.

Invalid and unsupported hints are errors, each naming the hint, where it sits and what to write
instead; a hint with an error gets no note. A hint mypy itself could not resolve (an `Any` from
an error or an untyped module) is left alone.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

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

__all__ = ["check_input_hint", "check_output_hint"]

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
_LIST_LIKE = frozenset(
    {
        "builtins.set",
        "builtins.frozenset",
        "builtins.tuple",
        "typing.Sequence",
        "typing.MutableSequence",
        "typing.Iterable",
        "typing.Collection",
        "typing.AbstractSet",
        "typing.MutableSet",
        "collections.deque",
    }
)
_DICT_LIKE = frozenset(
    {
        "typing.Mapping",
        "typing.MutableMapping",
        "collections.defaultdict",
        "collections.OrderedDict",
        "collections.Counter",
    }
)
_SUPPORTED = (
    "str, int, float, bool, bytes, datetime, Literal[...], an Enum, list[...], dict[str, ...] "
    "or a pydantic model"
)
_OPTIONAL_FIX = "or make it a pydantic model field with a default (`name: {item} | None = None`)"
_NOT_A_LIST = "the model input is a batch, so its hint must be a list; write `list[{item}]`"


@dataclass(frozen=True, slots=True)
class _Hint:
    """What a hint translates to: whether it has a schema type, and whether it is required."""

    has_schema: bool = True
    required: bool = True


_NO_SCHEMA = _Hint(has_schema=False)


@dataclass(frozen=True, slots=True)
class _Scope:
    """Where the rules are working: the hint's position, inside a pydantic model or not."""

    where: str
    in_model: bool = False
    models: tuple[TypeInfo, ...] = ()
    findings: list[Finding] = field(default_factory=list)

    def for_field(self, model: TypeInfo, name: str) -> _Scope:
        return _Scope(f"{self.where}.{name}", True, (*self.models, model), self.findings)

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


def check_input_hint(typ: Type) -> list[Finding]:
    """What hintsig says about `typ` as the hint of a `predict` model input."""
    scope = _Scope(show(typ))
    proper = get_proper_type(typ)
    optional_list = _optional_list_member(proper)
    if _is_unknown(proper):
        return []
    if optional_list is not None:
        fix = f"the model input is a list, never None; write `{show(optional_list)}`"
        scope.unsupported(typ, fix)
    elif _is_list(proper):
        _translate(typ, scope)
    elif not _has_no_schema(typ):
        scope.unsupported(typ, _NOT_A_LIST.format(item=show(_without_none(proper))))
    return _drop_notes_if_failed(scope.findings)


def check_output_hint(typ: Type) -> list[Finding]:
    """What hintsig says about `typ` as a return hint checked by `validate_output=True`."""
    scope = _Scope(show(typ))
    proper = get_proper_type(typ)
    if isinstance(proper, AnyType) and proper.type_of_any == TypeOfAny.unannotated:
        return [Finding("error", "validate_output=True needs a return type hint")]
    if _is_unknown(proper):
        return []
    result = _translate(typ, scope)
    if result is not None and not _is_list(proper) and not (result.has_schema and result.required):
        scope.unsupported(typ, "an output needs a list, a scalar, a dict or a model hint")
    findings = _drop_notes_if_failed(scope.findings)
    return [Finding(f.severity, f"validate_output=True: {f.message}") for f in findings]


def _drop_notes_if_failed(findings: list[Finding]) -> list[Finding]:
    errors = [f for f in findings if f.severity == "error"]
    return errors or findings


def _has_no_schema(typ: Type) -> bool:
    """True for hints accepted as a whole input with no schema (DataFrame, TypeFromExample)."""
    scratch = _Scope(show(typ))
    result = _translate(typ, scratch)
    return result is not None and not result.has_schema and not scratch.findings


# ----------------------------------------------------------------------------- translation


def _translate(typ: Type, scope: _Scope) -> _Hint | None:
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


def _any(typ: AnyType, scope: _Scope) -> _Hint:
    if not _is_unknown(typ) and not scope.in_model:
        scope.unvalidated(typ, "it is recorded as AnyType; use a specific type")
    return _Hint()


def _instance(typ: Instance, original: Type, scope: _Scope) -> _Hint | None:
    info = typ.type
    if info.is_newtype and info.bases:
        return _translate(info.bases[0], scope)
    if _is_legacy(info):
        return _NO_SCHEMA
    if info.fullname in _PRIMITIVES:
        return _Hint()
    if info.fullname == "builtins.list":
        return _list(typ, scope)
    if info.fullname == "builtins.dict":
        return _dict(typ, scope)
    if info.is_enum:
        return _enum(typ, scope)
    if is_pydantic_model(info):
        return _pydantic_model(typ, scope)
    scope.unsupported(original, _no_mapping_fix(typ))
    return None


def _list(typ: Instance, scope: _Scope) -> _Hint | None:
    item_type = typ.args[0]
    if is_omitted(item_type):
        scope.invalid(typ, "a list needs its element type; write `list[str]`, for example")
        return None
    item = _translate(item_type, scope)
    if item is None:
        return None
    if not item.required:
        element = show(_without_none(get_proper_type(item_type)))
        fix = f"write `list[{element}]`, {_OPTIONAL_FIX.format(item=element)}"
        scope.invalid(typ, f"list elements cannot be None; {fix}")
        return None
    if not item.has_schema:
        scope.unsupported(item_type, f"it cannot be a list element; {_whole_input_fix()}")
        return None
    return _Hint()


def _dict(typ: Instance, scope: _Scope) -> _Hint | None:
    key, value = typ.args
    if is_omitted(key) and is_omitted(value):
        scope.invalid(typ, "a dict needs its key and value types; write `dict[str, int]`")
        return None
    key_ok = _is_str(key)
    if not key_ok:
        fix = f"write `dict[str, {show(value)}]`"
        scope.invalid(typ, f"dict keys must be str (as in JSON); {fix}")
    item = _translate(value, scope)
    if item is None or not key_ok:
        return None
    if not item.has_schema:
        scope.unsupported(value, f"it cannot be a dict value; {_whole_input_fix()}")
        return None
    return _Hint()


def _union(typ: UnionType, scope: _Scope) -> _Hint | None:
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
        result = _translate(members[0], scope)
    elif all(_is_pydantic_instance(m) for m in literals):
        results = [_translate(member, scope) for member in members]
        result = None if None in results else _Hint()
    else:
        if not scope.in_model:
            scope.unvalidated(
                typ,
                "a Union of several types is recorded as AnyType and its values are not "
                "checked; use one type, or a Union of pydantic models to validate each case",
            )
        result = _Hint()
    return None if result is None else _Hint(result.has_schema, required)


def _literal(values: list[LiteralType], original: Type, scope: _Scope) -> _Hint | None:
    kinds = {value.fallback.type.fullname.removeprefix("builtins.") for value in values}
    if kinds not in _VALUE_KINDS:
        scope.unsupported(original, "its values must all be str, all be int or all be bool")
        return None
    return _Hint()


def _enum(typ: Instance, scope: _Scope) -> _Hint | None:
    if enum_value_kinds(typ.type) not in _VALUE_KINDS:
        scope.unsupported(typ, "its values must all be str, all be int or all be bool")
        return None
    return _Hint()


def _pydantic_model(typ: Instance, scope: _Scope) -> _Hint | None:
    info = typ.type
    if info in scope.models:  # a recursive model: its own validation covers it
        return _Hint()
    root = root_type(typ)
    if root is not None:
        result = _translate(root, scope.for_field(info, "root"))
        return None if result is None else _Hint(result.has_schema)
    fields = model_fields(typ)
    if fields is None:
        return _Hint()  # unknown fields: nothing to say
    if not fields:
        scope.invalid(typ, "a model with no fields cannot describe an input; add fields to it")
        return None
    failed = False
    for model_field in fields:
        if model_field.type is None:
            continue
        field_scope = scope.for_field(info, model_field.name)
        result = _translate(model_field.type, field_scope)
        if result is None:
            failed = True
        elif not result.has_schema:
            fix = f"it cannot be a field of an input model; {_whole_input_fix()}"
            field_scope.unsupported(model_field.type, fix)
            failed = True
        elif not result.required and not model_field.has_default:
            shown = show(model_field.type)
            fix = f"write `{model_field.name}: {shown} = None`"
            field_scope.invalid(model_field.type, f"an Optional field needs a default; {fix}")
            failed = True
    return None if failed else _Hint()


# ----------------------------------------------------------------------------- helpers


def _is_unknown(typ: ProperType) -> bool:
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


def _is_pydantic_instance(typ: ProperType) -> bool:
    return isinstance(typ, Instance) and is_pydantic_model(typ.type)


def _is_legacy(info: TypeInfo) -> bool:
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


def _without_none(typ: ProperType) -> Type:
    """`X` for `X | None` (`typ` itself otherwise)."""
    if isinstance(typ, UnionType):
        items = [i for i in typ.items if not isinstance(get_proper_type(i), NoneType)]
        if len(items) == 1:
            return items[0]
        return UnionType.make_union(items)
    return typ


def _whole_input_fix() -> str:
    return "a DataFrame, an ndarray or TypeFromExample can only be the whole model input"


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
        fullname = typ.type.fullname
        if fullname in _LIST_LIKE and typ.args:
            return f"{problem}; write `list[{show(typ.args[0])}]`"
        if fullname in _DICT_LIKE and len(typ.args) == 2:
            return f"{problem}; write `dict[str, {show(typ.args[1])}]`"
        if typ.type.module_name.partition(".")[0] not in sys.stdlib_module_names:
            return f"{problem}; make `{typ.type.name}` a pydantic model (a `BaseModel` subclass)"
    return f"{problem}; use {_SUPPORTED}"
