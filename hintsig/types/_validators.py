"""Compiled validators: each hint's pydantic validator, built once and cached.

pydantic builds the core schema of a hint (user models keep their own validators, `extra`
settings and classes); hintsig then rewrites that schema once:

* every scalar and container is strict, as MLflow validates (`"123"` is not an int, `1` is
  not a str, `True` is not an int), except that an int is accepted for a float;
* an Enum accepts its members and, strictly, their values (`"red"` for a str Enum, never
  `"1"` for an int one);
* for serving, a second validator also decodes base64 strings into `bytes` and ISO strings
  into `datetime`/`date`, at any depth, inside user models too (a model's own
  `val_json_bytes` setting would not reach its nested fields; this does).

A call then costs one `SchemaValidator.validate_python`: each element is checked once.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import threading
from collections.abc import Callable
from typing import Any

import pydantic
from pydantic_core import PydanticCustomError, SchemaValidator, ValidationError, core_schema

from hintsig.exceptions import InvalidHintError
from hintsig.types._hint_convert import ElementKind, to_list
from hintsig.types._hint_errors import What, data_error, field_names, headline

__all__ = ["Validator", "build_validator", "compile_validator", "map_schema"]

#: Keys of a core schema whose values hold core schemas.
_SCHEMA_KEYS = frozenset(
    {
        "arguments_schema",
        "choices",
        "definitions",
        "extras_keys_schema",
        "extras_schema",
        "fields",
        "items_schema",
        "json_schema",
        "keys_schema",
        "lax_schema",
        "python_schema",
        "schema",
        "steps",
        "strict_schema",
        "values_schema",
        "var_args_schema",
        "var_kwargs_schema",
    }
)
#: Core schema types made strict (unless the user's schema already says otherwise).
_STRICT_TYPES = frozenset(
    {
        "bool",
        "bytes",
        "complex",
        "date",
        "datetime",
        "decimal",
        "dict",
        "float",
        "frozenset",
        "int",
        "lax-or-strict",
        "list",
        "set",
        "str",
        "time",
        "timedelta",
        "tuple",
        "uuid",
    }
)


class Validator:
    """One hint, compiled: `validate` (Python values), `validate_serving`, `validate_json`."""

    __slots__ = (
        "_headline",
        "_names",
        "_python",
        "_schema",
        "_serving",
        "kind",
        "label",
        "python_type",
        "what",
    )

    def __init__(
        self, python_type: Any, label: str, what: What = "input", kind: ElementKind | None = None
    ) -> None:
        self.python_type = python_type
        self.label = label
        self.what = what
        self.kind = kind  # None: values are never converted (outputs)
        self._headline = headline(what, label)
        self._schema = _core_schema(python_type, label)
        self._names = field_names(self._schema)  # to keep dict keys out of error paths
        self._python = build_validator(self._schema, serving=False)
        self._serving: SchemaValidator | None = None  # built on the first serving call

    def validate(self, data: Any) -> Any:
        """`data` converted (DataFrame, ndarray) and validated; dicts become model instances."""
        return self._validate_python(self._python, data)

    def validate_serving(self, data: Any) -> Any:
        """As `validate`, for JSON-decoded data: base64 -> bytes, ISO string -> datetime."""
        return self._validate_python(self._serving_validator(), data)

    def validate_json(self, raw: str | bytes) -> Any:
        """As `validate_serving`, straight from JSON text (the input list itself)."""
        try:
            return self._serving_validator().validate_json(raw)
        except ValidationError as exc:
            raise data_error(exc, self.what, self._headline, None, self._names) from None

    @property
    def hint_schema(self) -> core_schema.CoreSchema:
        """The hint's core schema as pydantic builds it, before hintsig's rewrite."""
        return self._schema

    def _validate_python(self, validator: SchemaValidator, data: Any) -> Any:
        if self.kind is not None and type(data) is not list:
            data = to_list(data, self.kind, self._headline, self.label)
        try:
            return validator.validate_python(data)
        except ValidationError as exc:
            raise data_error(exc, self.what, self._headline, data, self._names) from None

    def _serving_validator(self) -> SchemaValidator:
        if self._serving is None:
            self._serving = build_validator(self._schema, serving=True)
        return self._serving

    def __repr__(self) -> str:
        return f"Validator({self.label}, {self.what})"

    def __reduce__(self) -> tuple[Callable[..., Validator], tuple[Any, ...]]:
        # Pickled models recompile on load rather than carry pydantic-core objects.
        return compile_validator, (self.python_type, self.label, self.what, self.kind)


_cache: dict[tuple[Any, ...], Validator] = {}


def compile_validator(
    python_type: Any, label: str, what: What = "input", kind: ElementKind | None = None
) -> Validator:
    """The validator of `python_type`, built on first use and cached."""
    key = (python_type, label, what, kind)
    try:
        cached = _cache.get(key)
    except TypeError:  # a hint with unhashable metadata: compiled each time it is decorated
        return Validator(python_type, label, what, kind)
    if cached is None:
        cached = _cache[key] = Validator(python_type, label, what, kind)
    return cached


def _core_schema(python_type: Any, label: str) -> core_schema.CoreSchema:
    try:
        return pydantic.TypeAdapter(python_type).core_schema
    except pydantic.PydanticUserError as exc:
        raise InvalidHintError(
            f"Invalid type hint `{label}`: pydantic cannot validate it ({exc.message})"
        ) from None


# ----------------------------------------------------------------------------- rewriting

_build_lock = threading.Lock()


def build_validator(schema: core_schema.CoreSchema, *, serving: bool) -> SchemaValidator:
    """A validator for the rewritten `schema`.

    pydantic-core reuses the validator a complete model class already has instead of
    building one from the schema it is given, which would drop the rewrite. While the
    validator is built, the models in the schema are therefore marked incomplete
    (`__pydantic_complete__`, read from the class `__dict__`), then marked complete again.
    """
    classes: list[type] = []
    rewritten = _rewrite(schema, serving=serving, classes=classes)
    complete = [c for c in dict.fromkeys(classes) if c.__dict__.get("__pydantic_complete__")]
    with _build_lock:
        for cls in complete:
            type.__setattr__(cls, "__pydantic_complete__", False)
        try:
            return SchemaValidator(rewritten)
        finally:
            for cls in complete:
                type.__setattr__(cls, "__pydantic_complete__", True)


def map_schema(node: Any, visit: Callable[[dict[str, Any]], Any]) -> Any:
    """A copy of a core schema: `visit` turns each schema dict (its children mapped already,
    the dict itself a fresh copy) into what replaces it."""
    if isinstance(node, (list, tuple)):  # a list of schemas; a union choice (schema, label)
        return type(node)(map_schema(n, visit) for n in node)
    if not isinstance(node, dict):
        return node
    return visit(
        {k: _map_children(k, v, visit) if k in _SCHEMA_KEYS else v for k, v in node.items()}
    )


def _map_children(key: str, value: Any, visit: Callable[[dict[str, Any]], Any]) -> Any:
    if isinstance(value, dict) and key in ("fields", "choices"):  # name/tag -> schema
        return {n: map_schema(v, visit) for n, v in value.items()}
    return map_schema(value, visit)


def _rewrite(schema: core_schema.CoreSchema, *, serving: bool, classes: list[type]) -> Any:
    """A copy of a core schema made strict (and JSON-tolerant when `serving`).

    The classes of the models, dataclasses and TypedDicts met are appended to `classes`.
    """

    def visit(node: dict[str, Any]) -> Any:
        kind = node.get("type")
        if kind in _STRICT_TYPES:
            node.setdefault("strict", True)
        if kind in ("model", "dataclass", "typed-dict") and isinstance(node.get("cls"), type):
            classes.append(node["cls"])
        if kind == "enum":
            return _strict_enum(node)
        if kind == "literal":
            return _strict_literal(node)
        if serving and kind in _FROM_JSON_STRING:
            return _before(_FROM_JSON_STRING[kind], node)
        return node

    return map_schema(schema, visit)


def _before(function: Callable[[Any], Any], inner: dict[str, Any]) -> Any:
    """`function` applied before `inner`; a definition `ref` moves to the outer schema."""
    ref = inner.pop("ref", None)
    return core_schema.no_info_before_validator_function(function, inner, ref=ref)


def _strict_enum(node: dict[str, Any]) -> Any:
    """An Enum that accepts its members and their exact values (no `"1"` for `1`)."""
    cls = node["cls"]
    members = node["members"]
    kinds = {type(m.value) for m in members}
    if len(kinds) != 1 or not kinds <= {str, int, bool}:
        return node
    value_type = kinds.pop()
    by_value = {m.value: m for m in members}
    expected = " or ".join(repr(m.value) for m in members[:10]) + (
        f" (or {len(members) - 10} more)" if len(members) > 10 else ""
    )

    def to_member(value: Any) -> Any:
        if isinstance(value, cls):
            return value
        if type(value) is value_type or (value_type is str and isinstance(value, str)):
            member = by_value.get(value)
            if member is not None:
                return member
        raise PydanticCustomError("enum", "Input should be {expected}", {"expected": expected})

    return core_schema.no_info_plain_validator_function(to_member, ref=node.get("ref"))


def _strict_literal(node: dict[str, Any]) -> Any:
    """A Literal of str/int/bool values that accepts only those exact values (no `True`
    for `1`, which pydantic lets through as `True == 1`)."""
    expected = node["expected"]
    if not all(type(v) in (str, int, bool) for v in expected):
        return node
    allowed = {(_value_kind(v), v): v for v in expected}
    message = " or ".join(repr(v) for v in expected)

    def check(value: Any) -> Any:
        try:
            return allowed[(_value_kind(value), value)]
        except (KeyError, TypeError):  # TypeError: an unhashable input
            raise PydanticCustomError(
                "literal_error", "Input should be {expected}", {"expected": message}
            ) from None

    return core_schema.no_info_plain_validator_function(check, ref=node.get("ref"))


def _value_kind(value: Any) -> type:
    return str if isinstance(value, str) else type(value)


def _from_base64(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:  # line breaks are allowed (base64.encodebytes writes them); other characters not
        return base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        raise PydanticCustomError("base64_decode", "expected a base64-encoded string") from None


def _from_iso(parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return parse(value)
        except ValueError:
            raise PydanticCustomError("iso_format", "expected an ISO 8601 string") from None

    return convert


def _parse_datetime(text: str) -> _dt.datetime:
    # Python 3.10's fromisoformat does not read the "Z" (UTC) suffix.
    return _dt.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)


_FROM_JSON_STRING: dict[str, Callable[[Any], Any]] = {
    "bytes": _from_base64,
    "datetime": _from_iso(_parse_datetime),
    "date": _from_iso(_dt.date.fromisoformat),
}
