"""A whole REST request for a type-hinted model, validated in one pass from its JSON bytes.

A request body for a model whose hints validate its input is `{"inputs": [...]}`, optionally
with `"params": {...}`. `RequestValidator.validate_json(body)` checks it in pydantic's JSON
mode straight from the bytes: the JSON is parsed and the inputs are validated (base64 text to
`bytes`, ISO text to `datetime`, objects to pydantic models, at any depth) in one pass, with
no intermediate Python objects.

This is the fast path only. It answers None (never an error) whenever the body is not plainly
valid, and the caller then runs the full parser, which explains every problem. Both paths must
accept the same bodies, and pydantic's JSON reader reads `NaN`, `Infinity` and `1e999` (as
non-finite floats) where the strict decoder of `hintsig._strict_json` refuses them. So
every float in the request's schema is made finite-only, the params are checked after the
pass (they are few), and a hint whose schema lets a value through unchecked (`Any`, a plain or
wrap validator function of the user's) gets no fast path at all.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

from pydantic_core import SchemaValidator, ValidationError, core_schema

from hintsig.types._validators import Validator, build_validator, map_schema

__all__ = ["RequestValidator", "ValidatedRequest", "request_validator"]

#: Core schema types that may pass a JSON value on unchecked (a NaN would get through).
_UNCHECKED = frozenset({"any", "function-plain", "function-wrap", "callable", "json"})


class ValidatedRequest(NamedTuple):
    """The validated inputs of a request and its params (None when it has none)."""

    inputs: Any
    params: dict[str, Any] | None


class RequestValidator:
    """`{"inputs": <the input hint>, "params": {...} | null}` with no other key."""

    __slots__ = ("_validator",)

    def __init__(self, inputs: core_schema.CoreSchema) -> None:
        """`inputs`: the schema of the input hint, its floats already made finite-only."""
        params = core_schema.nullable_schema(
            core_schema.dict_schema(core_schema.str_schema(), core_schema.any_schema())
        )
        request = core_schema.typed_dict_schema(
            {
                "inputs": core_schema.typed_dict_field(inputs),
                "params": core_schema.typed_dict_field(params, required=False),
            },
            extra_behavior="forbid",
        )
        self._validator: SchemaValidator = build_validator(request, serving=True)

    def validate_json(self, body: bytes) -> ValidatedRequest | None:
        """The validated request, or None when the full parser must explain the body."""
        try:
            request = self._validator.validate_json(body)
        except (ValidationError, RecursionError):
            return None
        params = request.get("params")
        if params is not None and not _all_finite(params):
            return None
        return ValidatedRequest(request["inputs"], params)


_cache: dict[Validator, RequestValidator | None] = {}


def request_validator(inputs: Validator) -> RequestValidator | None:
    """The request validator of a model whose input hint compiled to `inputs` (cached).

    None when the hint's schema can let a value through unchecked: such a model's JSON
    bodies always go through the full parser.
    """
    if inputs not in _cache:
        kinds: set[Any] = set()
        finite = map_schema(inputs.hint_schema, lambda node: _finite(node, kinds))
        _cache[inputs] = None if kinds & _UNCHECKED else RequestValidator(finite)
    return _cache[inputs]


def _finite(node: dict[str, Any], kinds: set[Any]) -> dict[str, Any]:
    """`node` (a copy) with a float made to refuse NaN and infinity; its type added to `kinds`."""
    kinds.add(node.get("type"))
    if node.get("type") == "float":
        node["allow_inf_nan"] = False
    return node


def _all_finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_all_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_all_finite(v) for v in value)
    return True
