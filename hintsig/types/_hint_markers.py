"""Helpers shared by the tensor and DataFrame hints: `Annotated` markers, `TypedDict` keys.

`single_marker` finds a hint's `Tensor` or `Columns` annotation; `is_class_of` recognises
`np.ndarray` or `pd.DataFrame` without importing numpy or pandas; `typed_dict_keys` reads the
keys of a `TypedDict`.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any, TypeVar

import typing_extensions

from hintsig.types._hint_registry import TranslationContext

__all__ = ["is_class_of", "single_marker", "typed_dict_keys"]

# typing_extensions re-exports typing's own qualifiers where Python has them.
_REQUIRED = typing_extensions.Required
_READ_ONLY = typing_extensions.ReadOnly
_QUALIFIERS = frozenset({typing_extensions.NotRequired, _REQUIRED, _READ_ONLY})

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


def typed_dict_keys(typed_dict: Any) -> Iterator[tuple[str, Any, Any, bool]]:
    """`(name, hint, value, required)` for each key of a `TypedDict`: the key's hint as written,
    that hint without `Required`, `NotRequired` or `ReadOnly`, and whether the key must be present.

    The hint is read as well as `__required_keys__`, which misses a `NotRequired` written
    as a string (under `from __future__ import annotations`) before Python 3.12.
    """
    for name, hint in typing.get_type_hints(typed_dict, include_extras=True).items():
        value, marks = hint, []  # marks: the Required / NotRequired met, outermost first
        while (origin := typing.get_origin(value)) in _QUALIFIERS:
            if origin is not _READ_ONLY:
                marks.append(origin)
            value = typing.get_args(value)[0]
        required = marks[0] is _REQUIRED if marks else name in typed_dict.__required_keys__
        yield name, hint, value, required
