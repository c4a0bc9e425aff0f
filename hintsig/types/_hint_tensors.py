"""Tensor hints: `Annotated[np.ndarray, Tensor(np.float32, (-1, 28, 28, 1))]`.

As the `predict` input hint, a `Tensor`-annotated array gives the schema
`Schema([TensorSpec(np.dtype("float32"), (-1, 28, 28, 1))])`, and a `TypedDict` whose values
are all such hints gives one named `TensorSpec` per key (multi-input models). Calls are
checked by schema enforcement (`_hint_enforced.SchemaEnforcer`): exact dtype, every fixed
dimension, nested lists converted to arrays of the spec's dtype.

This module imports neither numpy nor pandas: numpy is loaded when a `Tensor` is created.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typing_extensions

from hintsig.exceptions import InvalidHintError, SchemaDefinitionError
from hintsig.types._hint_markers import is_class_of, single_marker, typed_dict_keys
from hintsig.types._hint_registry import TranslationContext, normalise
from hintsig.types.schema import DataType, Schema, TensorSpec, _tensor_dtype, _tensor_shape

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Tensor", "tensor_schema"]


@dataclass(frozen=True, slots=True, init=False)
class Tensor:
    """The dtype and shape of a numpy array input: `Annotated[np.ndarray, Tensor(...)]`.

    `dtype` is anything `numpy.dtype()` accepts (`np.float32`, `"uint8"`) or a `DataType`
    (or its name: `"float"` is `float32`, `"double"` is `float64`, as in a schema).
    `shape` gives every dimension, `-1` for one of any size (usually the batch).
    """

    dtype: np.dtype[Any]
    shape: tuple[int, ...]

    def __init__(self, dtype: Any, shape: Sequence[int]) -> None:
        where = f"Invalid type hint `Tensor({_shown(dtype)}, {shape!r})`"
        if isinstance(dtype, str) and dtype in DataType.__members__:
            dtype = DataType[dtype]
        if isinstance(dtype, DataType):
            dtype = dtype.to_numpy()
        try:
            object.__setattr__(self, "dtype", _tensor_dtype(dtype, where))
            object.__setattr__(self, "shape", _tensor_shape(shape, where))
        except SchemaDefinitionError as exc:
            raise InvalidHintError(exc.message) from None

    def spec(self, name: str | None = None) -> TensorSpec:
        """The `TensorSpec` this hint stands for."""
        return TensorSpec(self.dtype, self.shape, name)

    def __repr__(self) -> str:
        return f"Tensor({self.dtype.name!r}, {self.shape!r})"


def _shown(dtype: Any) -> str:
    return getattr(dtype, "__name__", None) or repr(dtype)


def tensor_schema(
    hint: Any, metadata: tuple[Any, ...], context: TranslationContext
) -> Schema | None:
    """The tensor schema of a normalised input hint (None when it is no tensor hint)."""
    marker = single_marker(metadata, Tensor, context, hint)
    if marker is not None:
        _require_array(hint, marker, context)
        return Schema([marker.spec()])
    if typing_extensions.is_typeddict(hint):
        return _named_tensors(hint, context)
    return None


def _named_tensors(typed_dict: Any, context: TranslationContext) -> Schema | None:
    """One named `TensorSpec` per key of a `TypedDict` of tensor hints (None: not one)."""
    specs: list[TensorSpec] = []
    plain: list[str] = []
    for name, _, value, required in typed_dict_keys(typed_dict):
        bare, metadata = normalise(value, context)
        marker = single_marker(metadata, Tensor, context, bare)
        if marker is None:
            plain.append(name)
            continue
        _require_array(bare, marker, context)
        if not required:
            context.invalid(
                typed_dict, f"tensor {name!r} cannot be NotRequired: a tensor input is always given"
            )
        specs.append(marker.spec(name))
    if not specs:
        return None
    if plain:
        keys = ", ".join(repr(n) for n in plain)
        context.invalid(
            typed_dict,
            f"every value of a TypedDict of tensors needs a Tensor hint, missing on {keys} "
            "(write `Annotated[np.ndarray, Tensor(dtype, shape)]`)",
        )
    return Schema(specs)


def _require_array(hint: Any, marker: Tensor, context: TranslationContext) -> None:
    if not is_class_of(hint, "numpy", "ndarray"):
        context.invalid(
            hint, f"{marker!r} describes a numpy array; write `Annotated[np.ndarray, {marker!r}]`"
        )
