"""The hints of one `predict` function, compiled once: `PredictHints` and `get_predict_hints`.

`predict` takes `model_input` (and optionally `context` before it and `params` after it);
its input hint gives the input schema and the validator, its return hint the output schema.
"""

from __future__ import annotations

import inspect
import sys
import typing
import warnings
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hintsig.exceptions import HintsigException, InvalidHintError, MissingHintsWarning
from hintsig.types._hint_enforced import SchemaEnforcer
from hintsig.types._hint_registry import external_stacklevel, warn_notes
from hintsig.types._hint_root import plan_input, plan_output
from hintsig.types._validators import Validator
from hintsig.types.schema import AnyType, ColSpec, Schema

__all__ = [
    "HINTS_ATTRIBUTE",
    "PredictHints",
    "compile_predict_hints",
    "get_predict_hints",
    "predict_function",
]

#: The attribute a wrapped `predict` keeps its `PredictHints` (or None) in.
HINTS_ATTRIBUTE = "__hintsig_hints__"

_PARAMETER_NAMES = ("context", "model_input", "params")
_SELF_NAMES = ("self", "cls")


@dataclass(frozen=True, slots=True, eq=False)
class PredictHints:
    """What the hints of one `predict` function mean, compiled once.

    `input_param` is the parameter holding the model input and `input_position` its index
    among the positional arguments (counting `self`). `input_schema` is None when the hint
    gives none (DataFrame, ndarray, `TypeFromExample`, unsupported hints); `output_schema`
    comes from the return hint (AnyType when it gives none but the input hint does).
    A `list[...]` input is checked by `input_validator` (pydantic); a tensor or DataFrame
    input (`Tensor`, `Columns` hints) by `input_enforcer` (schema enforcement); at most one
    of the two is set (`input_check` is whichever is; the REST fast path reads the pydantic
    schema of `input_validator`). `validate_unions` is the flag the hints were compiled with.
    `output_notes` are the warnings about the return hint (`-> Any`: not checked), given when
    a signature is saved from the hints, as MLflow gives them (not at definition).
    """

    input_hint: Any
    output_hint: Any
    input_param: str
    input_position: int
    input_schema: Schema | None
    output_schema: Schema | None
    type_from_example: bool
    input_validator: Validator | None
    output_validator: Validator | SchemaEnforcer | None = None
    input_enforcer: SchemaEnforcer | None = None
    validate_unions: bool = False
    output_notes: tuple[str, ...] = ()

    @property
    def validates_input(self) -> bool:
        """True when calls are validated against the input hint."""
        return self.input_check is not None

    @property
    def input_check(self) -> Validator | SchemaEnforcer | None:
        """What checks each input: the pydantic validator or the schema enforcer (or None)."""
        return self.input_validator if self.input_enforcer is None else self.input_enforcer

    @property
    def validates_output(self) -> bool:
        """True when return values are validated (`@pyfunc(validate_output=True)`)."""
        return self.output_validator is not None

    def validate_input(self, data: Any, *, serving: bool = False) -> Any:
        """`data` converted and validated against the input hint (unchanged without one).

        With `serving=True` the data is JSON-decoded: base64 strings become `bytes` and ISO
        strings `datetime`/`date` wherever the hint expects them (tensor hints: nested lists
        become arrays). Raises `DataValidationError` listing every invalid element.
        """
        check = self.input_check
        if check is None:
            return data
        if serving:
            return check.validate_serving(data)
        return check.validate(data)

    def validate_json(self, raw: str | bytes) -> Any:
        """The input list parsed from JSON text and validated as `validate_input(serving=True)`."""
        check = self.input_check
        if check is None:
            import json

            return json.loads(raw)
        return check.validate_json(raw)

    def validate_output(self, data: Any) -> Any:
        """`data` validated against the return hint when output validation is on."""
        if self.output_validator is None:
            return data
        return self.output_validator.validate(data)


def compile_predict_hints(
    func: Callable[..., Any],
    *,
    validate_output: bool = False,
    validate_unions: bool = False,
    localns: Mapping[str, Any] | None = None,
    warn_unhinted: bool = False,
) -> PredictHints | None:
    """The `PredictHints` of `func` (None without an input hint); warns about its hints.

    `warn_unhinted` gives a `MissingHintsWarning` when the model input has no hint (as MLflow
    warns when a model's `predict` is defined).

    Raises `InvalidHintError` for an invalid hint. `localns` resolves string annotations
    naming local classes (the namespace where `func` was defined). With `validate_unions`,
    the unions in its hints are validated instead of recorded as unchecked `AnyType`.
    """
    name = getattr(func, "__qualname__", repr(func))
    position, param = _input_parameter(func, name)
    if param is None:
        if validate_output:
            raise InvalidHintError(f"validate_output=True: `{name}` has no model input parameter")
        return None
    hints = _resolve_hints(func, name, localns)
    input_hint = hints.get(param)
    if input_hint is None:
        if validate_output:
            raise InvalidHintError(
                f"validate_output=True needs type hints on `{name}`; add them to its "
                f"`{param}` parameter and its return value"
            )
        if warn_unhinted:
            warnings.warn(
                f"{name} has no type hint on its model input, so hintsig validates nothing and "
                "infers the signature only from an input example. Add a hint (`model_input: "
                "list[str]`, a pydantic model, ...) to validate inputs and build the signature.",
                MissingHintsWarning,
                stacklevel=external_stacklevel(),
            )
        return None
    source = plan_input(input_hint, validate_unions=validate_unions)
    result = plan_output(
        hints.get("return"), validate=validate_output, validate_unions=validate_unions
    )
    output_notes = () if validate_output else tuple(f"{name}: {n}" for n in result.notes)
    warn_notes((*source.notes, *(result.notes if validate_output else ())), prefix=f"{name}: ")
    output_schema = result.schema
    if output_schema is None and source.schema is not None:
        output_schema = Schema([ColSpec(AnyType())])
    return PredictHints(
        input_hint=input_hint,
        output_hint=hints.get("return"),
        input_param=param,
        input_position=position,
        input_schema=source.schema,
        output_schema=output_schema,
        type_from_example=source.from_example,
        input_validator=source.validator if isinstance(source.validator, Validator) else None,
        output_validator=result.validator,
        input_enforcer=source.validator if isinstance(source.validator, SchemaEnforcer) else None,
        validate_unions=validate_unions,
        output_notes=output_notes,
    )


_computed: weakref.WeakKeyDictionary[Callable[..., Any], PredictHints | None] = (
    weakref.WeakKeyDictionary()
)


def get_predict_hints(model: object, method: str = "predict") -> PredictHints | None:
    """The compiled hints of a model's `predict` (None when its input has no hint).

    `model` is a `PythonModel` instance or class, a `@pyfunc` function, a plain function or
    any object with a `predict` method (or a callable object). Hints of a wrapped `predict`
    were compiled when it was wrapped; others are compiled once and cached.
    """
    func = predict_function(model, method)
    stored = getattr(func, HINTS_ATTRIBUTE, _MISSING)
    if stored is not _MISSING:
        return typing.cast("PredictHints | None", stored)
    if func not in _computed:
        _computed[func] = compile_predict_hints(func)
    return _computed[func]


_MISSING = object()


def predict_function(model: object, method: str = "predict") -> Callable[..., Any]:
    """The function behind `model.<method>` (unbound), or `model` itself for a function."""
    if inspect.isfunction(model):
        return model
    if inspect.ismethod(model):
        return model.__func__
    owner = model if isinstance(model, type) else type(model)
    func = inspect.getattr_static(owner, method, None)
    if func is None and not isinstance(model, type) and callable(model):
        func = inspect.getattr_static(owner, "__call__", None)
    if isinstance(func, (staticmethod, classmethod)):
        func = func.__func__
    if not callable(func):
        raise HintsigException(
            f"{owner.__qualname__} has no `{method}` method and is not a function"
        )
    return typing.cast("Callable[..., Any]", func)


def _input_parameter(func: Callable[..., Any], name: str) -> tuple[int, str | None]:
    """`(position, name)` of the model input parameter: `model_input`, or the one after
    `context`, or the second of two, or the only one. Warns about other parameter names."""
    parameters = list(inspect.signature(func).parameters.values())
    offset = 1 if parameters and parameters[0].name in _SELF_NAMES else 0
    named = [
        p
        for p in parameters[offset:]
        if p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]
    names = [p.name for p in named]
    unknown = [n for n in names if n not in _PARAMETER_NAMES]
    candidates = [n for n in names if n != "params"]
    if "model_input" in names:
        chosen: str | None = "model_input"
    elif "context" in names:
        chosen = next((n for n in candidates[candidates.index("context") + 1 :]), None)
    else:
        chosen = candidates[1] if len(candidates) == 2 else next(iter(candidates), None)
    if unknown:
        warnings.warn(
            f"`{name}` has parameters other than {', '.join(_PARAMETER_NAMES)}: "
            f"{', '.join(unknown)}; hintsig passes the model input as `{chosen}`",
            UserWarning,
            stacklevel=external_stacklevel(),
        )
    if chosen is None:
        return -1, None
    position = [p.name for p in parameters].index(chosen)
    positional = parameters[position].kind in (
        inspect.Parameter.POSITIONAL_ONLY,
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
    )
    return (position if positional else sys.maxsize), chosen


def _resolve_hints(
    func: Callable[..., Any], name: str, localns: Mapping[str, Any] | None
) -> dict[str, Any]:
    try:
        return typing.get_type_hints(func, include_extras=True)
    except NameError as exc:
        problem = exc
    if localns is not None:
        try:
            return typing.get_type_hints(func, localns=dict(localns), include_extras=True)
        except NameError as exc:
            problem = exc
    raise InvalidHintError(
        f"The type hints of `{name}` name something undefined ({problem}); define it before "
        "the function"
    )
