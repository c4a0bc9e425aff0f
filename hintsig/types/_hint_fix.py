"""What to write instead of a hint hintsig refuses: the closest hint it accepts, as text.

Every error about a hint says what to write instead, and that suggestion must itself be a
hint hintsig accepts where it sits. `suggest` repairs a hint part by part: `dict` keys become
`str`, `set[X]`, `tuple[X, ...]` and `Sequence[X]` become `list[X]`, `Mapping[K, V]` becomes
`dict[str, V]`, `None` is dropped where it is not allowed; a part that cannot be repaired (an
arbitrary class) leaves no suggestion, and the message then says what to do in words.
"""

from __future__ import annotations

import collections
import collections.abc
import sys
import typing
from typing import Any, Union

import typing_extensions

from hintsig.exceptions import InvalidHintError
from hintsig.types._hint_registry import (
    TranslationContext,
    Unsupported,
    hint_repr,
    normalise,
    translate,
)

__all__ = ["element_fix", "no_mapping_fix", "optional_list_fix", "suggest", "top_level_fix"]

_NONE = type(None)
_LIST_LIKE: frozenset[Any] = frozenset(
    {
        set,
        frozenset,
        tuple,
        collections.deque,
        collections.abc.Sequence,
        collections.abc.MutableSequence,
        collections.abc.Iterable,
        collections.abc.Collection,
        collections.abc.Set,
        collections.abc.MutableSet,
    }
)
_DICT_LIKE: frozenset[Any] = frozenset(
    {
        collections.abc.Mapping,
        collections.abc.MutableMapping,
        collections.defaultdict,
        collections.OrderedDict,
    }
)
_SUPPORTED = (
    "use str, int, float, bool, bytes, datetime, Literal[...], an Enum, list[...], "
    "dict[str, ...] or a pydantic model"
)
_NO_NONE = "list elements cannot be None"


def suggest(hint: Any, *, none_allowed: bool = False, in_model: bool = False) -> str | None:
    """The closest hint to `hint` that hintsig accepts, as text (None: there is none to name).

    `none_allowed`: the position may hold None (a dict value, a model field); `in_model`: the
    hint sits in a pydantic model field, where list elements may be None too.
    """
    try:
        bare, _ = normalise(hint)
    except InvalidHintError:
        return None
    origin, args = typing.get_origin(bare), typing.get_args(bare)
    if origin is Union:
        return _union(args, none_allowed=none_allowed, in_model=in_model)
    if bare is list or origin is list or _is_list_like(bare, origin, args):
        element = "str" if not args else suggest(args[0], none_allowed=in_model, in_model=in_model)
        return None if element is None else f"list[{element}]"
    if bare is dict or origin is dict or _belongs(bare, origin, _DICT_LIKE):
        value = "str" if len(args) != 2 else suggest(args[1], none_allowed=True, in_model=in_model)
        return None if value is None else f"dict[str, {value}]"
    return hint_repr(bare) if _has_schema(bare) else None


def top_level_fix(hint: Any) -> str:
    """What to write for a `predict` input hint that is not `list[...]`."""
    problem = "the model input is a batch, so its hint must be a list"
    item = suggest(hint)
    if item is None:
        return f"{problem} of a type hintsig supports; {_SUPPORTED}"
    fix = item if item.startswith("list[") else f"list[{item}]"
    if typing.get_origin(hint) is Union and _NONE in typing.get_args(hint):
        return f"{problem}; write `{fix}` ({_NO_NONE}); {_optional_field(item)}"
    return f"{problem}; write `{fix}`"


def optional_list_fix(member: Any) -> str:
    """What to write for an `Optional[list[...]]` model input (`member` is the list)."""
    fix = suggest(member)
    written = f"write `{fix}`" if fix is not None else "drop `None`"
    return f"the model input is a list, never None; {written}"


def element_fix(hint: Any) -> str:
    """What to write for a `list[X | None]` outside a pydantic model."""
    item = suggest(typing.get_args(hint)[0])
    if item is None:
        return f"{_NO_NONE}; {_optional_field('int')}"
    return f"{_NO_NONE}; write `list[{item}]`, or, {_optional_field(item)}"


def no_mapping_fix(hint: Any) -> str:
    """Why no translator accepts `hint`, and what to write instead."""
    problem = "hintsig has no schema type for it"
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and not _is_list_like(hint, origin, args):
        return f"{problem}; use a pydantic model with one field per item"
    if _belongs(hint, origin, _LIST_LIKE | _DICT_LIKE):
        fix = suggest(hint)
        if fix is not None:
            return f"{problem}; write `{fix}`"
    if hint is _NONE or hint is None:
        return f"{problem}; use a specific type"
    if typing_extensions.is_typeddict(hint):
        return f"{problem}; use a pydantic model with the same fields"
    if isinstance(hint, type) and hint.__module__.partition(".")[0] not in sys.stdlib_module_names:
        return f"{problem}; make `{hint.__name__}` a pydantic model (a `BaseModel` subclass)"
    return f"{problem}; {_SUPPORTED}"


def _optional_field(item: str) -> str:
    return (
        "for optional values, use a pydantic model with an Optional field with a default "
        f"(`name: {item} | None = None`)"
    )


def _union(args: tuple[Any, ...], *, none_allowed: bool, in_model: bool) -> str | None:
    members = [suggest(a, in_model=in_model) for a in args if a is not _NONE]
    if not members or None in members:
        return None
    if none_allowed and _NONE in args:
        members.append("None")
    return " | ".join(m for m in members if m is not None)


def _is_list_like(hint: Any, origin: Any, args: tuple[Any, ...]) -> bool:
    """`set[X]`, `Sequence[X]`, `tuple[X, ...]` and the like: one element type."""
    if hint is tuple:  # a bare `tuple`, like a bare `list`
        return True
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return _belongs(hint, origin, _LIST_LIKE)


def _belongs(hint: Any, origin: Any, group: frozenset[Any]) -> bool:
    """True when `hint` or its generic origin is one of `group`."""
    try:
        return hint in group or origin in group
    except TypeError:  # an unhashable hint
        return False


def _has_schema(hint: Any) -> bool:
    """True when `hint` translates to a schema type (as a model field would)."""
    context = TranslationContext(hint_repr(hint), in_model=True)
    try:
        return translate(hint, context).schema_type is not None
    except (InvalidHintError, Unsupported):
        return False
