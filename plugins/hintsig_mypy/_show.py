"""Type hints as the user wrote them: `list[Message]`, `dict[str, int]`, `int | None`.

mypy prints types with module paths (`list[app.models.Message]`); messages read better with
the short names hintsig's own errors use.
"""

from __future__ import annotations

from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NoneType,
    TupleType,
    Type,
    TypeAliasType,
    TypedDictType,
    TypeOfAny,
    TypeType,
    UnionType,
    get_proper_type,
)

__all__ = ["TYPE_FROM_EXAMPLE", "is_omitted", "is_type_from_example", "show"]

#: The name of hintsig's `TypeFromExample` alias (mypy sees `Any` behind it).
TYPE_FROM_EXAMPLE = "TypeFromExample"


def is_type_from_example(typ: Type) -> bool:
    """True for hintsig's `TypeFromExample` alias, wherever hintsig defines it."""
    if not isinstance(typ, TypeAliasType) or typ.alias is None:
        return False
    module, _, name = typ.alias.fullname.rpartition(".")
    return name == TYPE_FROM_EXAMPLE and module.partition(".")[0] == "hintsig"


def is_omitted(typ: Type) -> bool:
    """True for the `Any` mypy puts in for a missing type argument (bare `list`, `dict`)."""
    proper = get_proper_type(typ)
    return isinstance(proper, AnyType) and proper.type_of_any == TypeOfAny.from_omitted_generics


def show(typ: Type) -> str:
    """A short, readable form of `typ`."""
    if is_type_from_example(typ):
        return TYPE_FROM_EXAMPLE
    proper = get_proper_type(typ)
    if isinstance(proper, Instance):
        return _show_instance(proper)
    if isinstance(proper, UnionType):
        return _show_union(proper.items)
    if isinstance(proper, LiteralType):
        return f"Literal[{_literal_value(proper)}]"
    if isinstance(proper, NoneType):
        return "None"
    if isinstance(proper, AnyType):
        return "Any"
    if isinstance(proper, TupleType):
        return f"tuple[{', '.join(show(item) for item in proper.items)}]"
    if isinstance(proper, TypedDictType):
        return proper.fallback.type.name
    if isinstance(proper, TypeType):
        return f"type[{show(proper.item)}]"
    if isinstance(proper, CallableType):
        return "Callable[...]"
    return str(proper)


def _show_instance(typ: Instance) -> str:
    name = typ.type.name
    if not typ.args or all(is_omitted(arg) for arg in typ.args):
        return name
    if typ.type.fullname == "builtins.tuple":
        return f"tuple[{show(typ.args[0])}, ...]"
    return f"{name}[{', '.join(show(arg) for arg in typ.args)}]"


def _show_union(items: list[Type]) -> str:
    literals = [get_proper_type(item) for item in items]
    values = [_literal_value(item) for item in literals if isinstance(item, LiteralType)]
    if len(values) == len(items):
        return f"Literal[{', '.join(values)}]"
    return " | ".join(show(item) for item in items)


def _literal_value(typ: LiteralType) -> str:
    if typ.is_enum_literal():
        return f"{typ.fallback.type.name}.{typ.value}"
    return repr(typ.value)
