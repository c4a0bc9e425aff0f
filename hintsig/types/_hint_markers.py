"""Helpers shared by the tensor and DataFrame hints: `Annotated` markers, `TypedDict` keys.

`single_marker` finds a hint's `Tensor` or `Columns` annotation; `is_class_of` recognises
`np.ndarray` or `pd.DataFrame` without importing numpy or pandas; `unqualified` and
`is_required_key` read the keys of a `TypedDict`.
"""

from __future__ import annotations

import typing
from typing import Any, TypeVar

import typing_extensions

from hintsig.types._hint_registry import TranslationContext

__all__ = ["is_class_of", "is_required_key", "single_marker", "unqualified"]

# typing_extensions re-exports typing's own qualifiers where Python has them.
_NOT_REQUIRED = typing_extensions.NotRequired
_REQUIRED = typing_extensions.Required
_QUALIFIERS = frozenset({_NOT_REQUIRED, _REQUIRED, typing_extensions.ReadOnly})

_M = TypeVar("_M")


def single_marker(
    metadata: tuple[Any, ...], kind: type[_M], context: TranslationContext, hint: Any
) -> _M | None:
    """The one `kind` marker in a hint's `Annotated` metadata (None without one)."""
    found = [m for m in metadata if isinstance(m, kind)]
    if len(found) > 1:
        context.invalid(hint, f"it has {len(found)} {kind.__name__} annotations; keep one")
    return found[0] if found else None


def is_class_of(hint: Any, package: str, name: str) -> bool:
    """True for the class `name` of `package` (or a generic alias of it), without importing it."""
    cls = typing.get_origin(hint) or hint
    return (
        isinstance(cls, type)
        and cls.__name__ == name
        and cls.__module__.partition(".")[0] == package
    )


def unqualified(hint: Any) -> Any:
    """A `TypedDict` value's hint without `Required`, `NotRequired` or `ReadOnly`."""
    while typing.get_origin(hint) in _QUALIFIERS:
        hint = typing.get_args(hint)[0]
    return hint


def is_required_key(typed_dict: Any, name: str, hint: Any) -> bool:
    """True when key `name` (hinted `hint`) must be present in a `TypedDict`.

    The hint is read as well as `__required_keys__`, which misses a `NotRequired` written
    as a string (under `from __future__ import annotations`) before Python 3.12.
    """
    while typing.get_origin(hint) in _QUALIFIERS:
        if typing.get_origin(hint) is _NOT_REQUIRED:
            return False
        if typing.get_origin(hint) is _REQUIRED:
            return True
        hint = typing.get_args(hint)[0]
    return name in typed_dict.__required_keys__
