"""The `@pyfunc` decorator: validate every call of a `predict` function against its hints.

```python
@pyfunc
def predict(model_input: list[Message]) -> list[str]:
    return [m.content for m in model_input]

predict([{"role": "user", "content": "Hi"}])  # the dict arrives as a Message
predict(["hello"])                             # DataValidationError: [0]: expected a dict...
```

The hints are translated and compiled once, when the function is decorated: an invalid hint
raises `InvalidHintError` there, an unsupported one warns and leaves the function as it is.
A call then validates (and converts) its model input, and with `validate_output=True` its
return value, before anything else. A Union of several types (`list[int | str]`, a pydantic
discriminated union) is recorded as `AnyType` and not checked, as in MLflow, unless
`validate_unions=True`: its values are then validated (smart union, strict); the schema
still says `AnyType`.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar, overload

from hintsig.types._hint_predict import HINTS_ATTRIBUTE, PredictHints, compile_predict_hints

__all__ = ["is_pyfunc", "pyfunc", "wrap_predict"]

P = ParamSpec("P")
R = TypeVar("R")

_OUTPUT_FLAG = "__hintsig_validate_output__"
_UNIONS_FLAG = "__hintsig_validate_unions__"


@overload
def pyfunc(func: Callable[P, R], /) -> Callable[P, R]: ...


@overload
def pyfunc(
    *, validate_output: bool = False, validate_unions: bool = False
) -> Callable[[Callable[P, R]], Callable[P, R]]: ...


def pyfunc(
    func: Callable[P, R] | None = None,
    /,
    *,
    validate_output: bool = False,
    validate_unions: bool = False,
) -> Callable[P, R] | Callable[[Callable[P, R]], Callable[P, R]]:
    """Validate the model input of every call against the function's type hints.

    Use it bare (`@pyfunc`) or configured: `@pyfunc(validate_output=True)` also checks the
    return value against the return hint; `@pyfunc(validate_unions=True)` validates the
    unions in the hints (`list[int | str]`, discriminated unions of pydantic models), which
    are otherwise not checked. Works on functions and methods; the model input is the
    `model_input` parameter (or the one after `context`, or the only one).
    """
    namespace = sys._getframe(1).f_locals
    if func is None:

        def decorate(function: Callable[P, R]) -> Callable[P, R]:
            return wrap_predict(
                function,
                validate_output=validate_output,
                validate_unions=validate_unions,
                localns=sys._getframe(1).f_locals,
                warn_unhinted=True,
            )

        return decorate
    return wrap_predict(
        func,
        validate_output=validate_output,
        validate_unions=validate_unions,
        localns=namespace,
        warn_unhinted=True,
    )


def is_pyfunc(obj: object) -> bool:
    """True for a function wrapped by `@pyfunc` (or by a `PythonModel` subclass)."""
    return hasattr(obj, HINTS_ATTRIBUTE)


def wrap_predict(
    func: Callable[P, R],
    *,
    validate_output: bool = False,
    validate_unions: bool = False,
    localns: Mapping[str, Any] | None = None,
    warn_unhinted: bool = False,
) -> Callable[P, R]:
    """`func` wrapped to validate its input (and output) against its compiled hints.

    `warn_unhinted` gives a `MissingHintsWarning` when the model input has no hint at all (as
    MLflow warns when a model's `predict` is defined).

    A function wrapped already is returned as it is (or re-wrapped from its original when
    `validate_output` or `validate_unions` differs). The wrapper keeps the hints for
    `get_predict_hints`.
    """
    if is_pyfunc(func):
        flags = (getattr(func, _OUTPUT_FLAG, False), getattr(func, _UNIONS_FLAG, False))
        if flags == (validate_output, validate_unions):
            return func
        func = func.__wrapped__  # type: ignore[attr-defined]
    hints = compile_predict_hints(
        func,
        validate_output=validate_output,
        validate_unions=validate_unions,
        localns=localns,
        warn_unhinted=warn_unhinted,
    )
    wrapper = _wrapper(func, hints)
    functools.update_wrapper(wrapper, func)
    setattr(wrapper, HINTS_ATTRIBUTE, hints)
    setattr(wrapper, _OUTPUT_FLAG, validate_output)
    setattr(wrapper, _UNIONS_FLAG, validate_unions)
    return wrapper


def _wrapper(func: Callable[P, R], hints: PredictHints | None) -> Callable[P, R]:
    if hints is None:
        return _calling(func)
    inner = func
    if hints.output_validator is not None:
        inner = _checking_output(func, hints.output_validator.validate)
    check = hints.input_check
    if check is not None:
        return _validating_input(inner, check.validate, hints.input_position, hints.input_param)
    return inner if inner is not func else _calling(func)


def _calling(func: Callable[P, R]) -> Callable[P, R]:
    """A plain forwarding wrapper (the hints give nothing to validate)."""

    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        return func(*args, **kwargs)

    return call


def _checking_output(func: Callable[P, R], check: Callable[[Any], Any]) -> Callable[P, R]:
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        result: R = check(func(*args, **kwargs))
        return result

    return call


def _validating_input(
    func: Callable[P, R], validate: Callable[[Any], Any], position: int, name: str
) -> Callable[P, R]:
    """Validate argument `position` (or keyword `name`), then call `func`.

    The two usual positions (a function's first argument, a method's second) get their own
    closure: a call then costs one length check more than the validation itself.
    """
    if position == 0:

        def first(*args: Any, **kwargs: Any) -> R:
            if args:
                return func(validate(args[0]), *args[1:], **kwargs)
            if name in kwargs:
                kwargs[name] = validate(kwargs[name])
            return func(*args, **kwargs)

        return first
    if position == 1:

        def second(*args: Any, **kwargs: Any) -> R:
            if len(args) > 1:
                return func(args[0], validate(args[1]), *args[2:], **kwargs)
            if name in kwargs:
                kwargs[name] = validate(kwargs[name])
            return func(*args, **kwargs)

        return second

    def any_position(*args: Any, **kwargs: Any) -> R:
        if len(args) > position:
            args = (*args[:position], validate(args[position]), *args[position + 1 :])
        elif name in kwargs:
            kwargs[name] = validate(kwargs[name])
        return func(*args, **kwargs)

    return any_position
