"""What to write instead of a hint hintsig refuses, from mypy's types.

The same repairs as the run-time translator's (`hintsig.types._hint_fix`): `dict` keys become
`str`, `set[X]`, `tuple[X, ...]` and `Sequence[X]` become `list[X]`, `Mapping[K, V]` becomes
`dict[str, V]`, `None` is dropped where it is not allowed. A part that cannot be repaired
leaves no suggestion (None), and the message says what to do in words.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.types import (
    Instance,
    NoneType,
    Type,
    UnionType,
    flatten_nested_unions,
    get_proper_type,
)

from hintsig_mypy._show import is_omitted, is_type_from_example, show

__all__ = ["DICT_LIKE", "LIST_LIKE", "Accepts", "suggest"]

#: True when a hint (a leaf: no list, dict or union) translates to a schema type.
Accepts = Callable[[Type], bool]

LIST_LIKE = frozenset(
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
DICT_LIKE = frozenset(
    {
        "typing.Mapping",
        "typing.MutableMapping",
        "collections.defaultdict",
        "collections.OrderedDict",
    }
)


def suggest(
    typ: Type, accepts: Accepts, *, none_allowed: bool = False, in_model: bool = False
) -> str | None:
    """The closest hint to `typ` that hintsig accepts, as text (None: there is none to name).

    `none_allowed`: the position may hold None (a dict value, a model field); `in_model`: the
    hint sits in a pydantic model field, where list elements may be None too.
    """
    if is_type_from_example(typ):
        return None
    proper = get_proper_type(typ)
    if isinstance(proper, UnionType):
        return _union(proper, accepts, none_allowed=none_allowed, in_model=in_model)
    if isinstance(proper, Instance):
        fullname = proper.type.fullname
        args = [] if all(is_omitted(arg) for arg in proper.args) else proper.args
        if fullname == "builtins.list" or fullname in LIST_LIKE:
            element = (
                suggest(args[0], accepts, none_allowed=in_model, in_model=in_model)
                if args
                else "str"
            )
            return None if element is None else f"list[{element}]"
        if fullname == "builtins.dict" or fullname in DICT_LIKE:
            value = (
                suggest(args[1], accepts, none_allowed=True, in_model=in_model)
                if len(args) == 2
                else "str"
            )
            return None if value is None else f"dict[str, {value}]"
    return show(typ) if accepts(typ) else None


def _union(typ: UnionType, accepts: Accepts, *, none_allowed: bool, in_model: bool) -> str | None:
    items = flatten_nested_unions(typ.items)
    others = [item for item in items if not isinstance(get_proper_type(item), NoneType)]
    if len(others) > 1 and accepts(UnionType.make_union(others)):  # `Literal['a', 'b']`
        members: list[str | None] = [show(UnionType.make_union(others))]
    else:
        members = [suggest(item, accepts, in_model=in_model) for item in others]
    if not members or None in members:
        return None
    if none_allowed and len(others) < len(items):
        members.append("None")
    return " | ".join(member for member in members if member is not None)
