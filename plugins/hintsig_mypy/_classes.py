"""What the hint rules need to know about classes: pydantic fields and enum values.

A pydantic field's default lives only in its class body (`name: str | None = None`), and mypy
does not keep the class bodies of modules it loads from its cache, nor those of modules it has
finished checking. So while mypy analyses a pydantic model, `record_fields` stores each field's
name and whether it has a default in the class's metadata, which outlives the body and is
cached with the class; `model_fields` reads it back (or the body itself, when the metadata is
missing).

Defaults follow pydantic's rules: `= value` and `= Field(value)`, `Field(default=value)` or
`Field(default_factory=...)` give a default; no value, `= ...`, `Field()` and `Field(...)` do
not. A `Field(...)` inside `Annotated[...]` cannot be seen (mypy drops its arguments while
parsing), so such a field counts as having a default: the plugin then says nothing rather than
something wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from mypy.expandtype import expand_type_by_instance
from mypy.maptype import map_instance_to_supertype
from mypy.nodes import (
    AssignmentStmt,
    CallExpr,
    ClassDef,
    EllipsisExpr,
    Expression,
    MemberExpr,
    NameExpr,
    TempNode,
    TypeInfo,
    Var,
)
from mypy.plugin import ClassDefContext
from mypy.types import Instance, RawExpressionType, Type, UnboundType, get_proper_type

__all__ = [
    "BASE_MODEL",
    "METADATA_KEY",
    "ROOT_MODEL",
    "ModelField",
    "enum_value_kinds",
    "is_pydantic_model",
    "model_fields",
    "record_fields",
    "root_type",
]

BASE_MODEL = "pydantic.main.BaseModel"
ROOT_MODEL = "pydantic.root_model.RootModel"
#: The key of the plugin's entry in a `TypeInfo`'s metadata.
METADATA_KEY = "hintsig_mypy"


@dataclass(frozen=True, slots=True)
class ModelField:
    """One field of a pydantic model: its name, its type (None: unknown) and its default."""

    name: str
    type: Type | None
    has_default: bool


def is_pydantic_model(info: TypeInfo) -> bool:
    """True for a pydantic `BaseModel` subclass."""
    return info.has_base(BASE_MODEL)


def record_fields(ctx: ClassDefContext) -> None:
    """Store the fields of a pydantic model defined in `ctx.cls` in its metadata."""
    info = ctx.cls.info
    if is_pydantic_model(info) and not _is_pydantic_own(info):
        fields = [[name, has_default] for name, has_default in _own_fields(ctx.cls)]
        info.metadata[METADATA_KEY] = {"fields": fields}


def model_fields(model: Instance) -> list[ModelField] | None:
    """The fields of a pydantic model, inherited ones first, with the model's type arguments.

    None when they cannot be known (a class mypy analysed without this plugin).
    """
    fields: dict[str, ModelField] = {}
    for base in reversed(model.type.mro):
        if not is_pydantic_model(base) or _is_pydantic_own(base):
            continue
        stored = _stored_fields(base)
        if stored is None:
            return None
        mapped = map_instance_to_supertype(model, base)
        for name, has_default in stored:
            node = base.names.get(name)
            var = node.node if node is not None else None
            if not isinstance(var, Var) or var.is_classvar:
                continue
            field_type = None if var.type is None else expand_type_by_instance(var.type, mapped)
            fields[name] = ModelField(name, field_type, has_default)
    return list(fields.values())


def root_type(model: Instance) -> Type | None:
    """The `root` type of a pydantic `RootModel` subclass (None for other models)."""
    for base in model.type.mro:
        if base.fullname == ROOT_MODEL:
            mapped = map_instance_to_supertype(model, base)
            return mapped.args[0] if mapped.args else None
    return None


def enum_value_kinds(info: TypeInfo) -> set[str]:
    """The kinds (`str`, `int`, `bool`, or another type's name) of an enum's member values."""
    kinds: set[str] = set()
    for name in info.enum_members:
        node = info.names[name].node
        value = get_proper_type(node.type) if isinstance(node, Var) and node.type else None
        if not isinstance(value, Instance):
            kinds.add("unknown")
        elif value.type.fullname == "enum.auto":
            kinds.add("str" if info.has_base("enum.StrEnum") else "int")
        else:
            kinds.add(value.type.fullname.removeprefix("builtins."))
    return kinds


def _is_pydantic_own(info: TypeInfo) -> bool:
    """True for pydantic's own classes (`BaseModel`, `RootModel`): they declare no fields."""
    return info.module_name.partition(".")[0] == "pydantic"


def _stored_fields(info: TypeInfo) -> list[tuple[str, bool]] | None:
    """The fields `record_fields` stored, else those of the class body (None: no body)."""
    stored = info.metadata.get(METADATA_KEY, {}).get("fields")
    if stored is not None:
        return [(str(name), bool(has_default)) for name, has_default in stored]
    if not info.defn.defs.body:  # a class analysed without this plugin
        return None
    return _own_fields(info.defn)


def _own_fields(defn: ClassDef) -> list[tuple[str, bool]]:
    """`(name, has_default)` of each field declared in the class body, in order."""
    assignments = [stmt for stmt in defn.defs.body if isinstance(stmt, AssignmentStmt)]
    fields = [(_field_name(stmt), _has_default(stmt)) for stmt in assignments]
    return [(name, has_default) for name, has_default in fields if name is not None]


def _field_name(stmt: AssignmentStmt) -> str | None:
    """The field an annotated class-body assignment declares (None: not a field)."""
    if stmt.unanalyzed_type is None:
        return None
    if len(stmt.lvalues) != 1 or not isinstance(stmt.lvalues[0], NameExpr):
        return None
    name = stmt.lvalues[0].name
    if name.startswith("_") or name == "model_config" or _is_class_var(stmt.unanalyzed_type):
        return None
    return name


def _is_class_var(annotation: Type) -> bool:
    return isinstance(annotation, UnboundType) and annotation.name.rpartition(".")[2] == "ClassVar"


def _has_default(stmt: AssignmentStmt) -> bool:
    value = stmt.rvalue
    if isinstance(value, TempNode):  # an annotation without a value
        return stmt.unanalyzed_type is not None and _annotated_call(stmt.unanalyzed_type)
    if isinstance(value, CallExpr) and _callee_name(value.callee) == "Field":
        return _field_call_has_default(value)
    return not isinstance(value, EllipsisExpr)


def _field_call_has_default(call: CallExpr) -> bool:
    for arg, name in zip(call.args, call.arg_names, strict=True):
        if name is None or name == "default":
            return not isinstance(arg, EllipsisExpr)
        if name == "default_factory":
            return not (isinstance(arg, NameExpr) and arg.name == "None")
    return False


def _callee_name(callee: Expression) -> str | None:
    if isinstance(callee, (NameExpr, MemberExpr)):
        return callee.name
    return None


def _annotated_call(annotation: Type) -> bool:
    """True for `Annotated[T, f(...)]`: the call may be a `Field(default=...)`."""
    return (
        isinstance(annotation, UnboundType)
        and annotation.name.rpartition(".")[2] == "Annotated"
        and any(
            isinstance(arg, RawExpressionType) and arg.literal_value is None
            for arg in annotation.args
        )
    )
