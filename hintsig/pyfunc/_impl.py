"""Calling a python model: a `PythonModel` instance or a function, with what it accepts.

`predict` may be written `predict(model_input)`, `predict(model_input, params=None)` or
`predict(context, model_input, params=None)` (any name for the context when there are two
positional parameters, as MLflow allows). The call plan is worked out once, from the
signature, when the model is loaded or saved; a call then only forwards its arguments.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Iterator
from typing import Any

from hintsig.exceptions import HintsigException

__all__ = ["ModelCaller", "bind_method"]

_logger = logging.getLogger(__name__)


def bind_method(
    function: Callable[..., Any], context: Any, what: str, *, allow_context: bool = True
) -> Callable[[Any, dict[str, Any] | None], Any]:
    """A `(model_input, params)` caller for `function`, passing the context if it takes one
    (never with `allow_context=False`) and the params if it takes them."""
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        raise HintsigException(f"Cannot read the signature of the model's {what}") from None
    takes_params = "params" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )
    positional = [
        name
        for name, p in parameters.items()
        if name not in ("self", "params")
        and p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    ]
    takes_context = allow_context and ("context" in parameters or len(positional) == 2)

    def call(model_input: Any, params: dict[str, Any] | None) -> Any:
        args = (context, model_input) if takes_context else (model_input,)
        if takes_params:
            return function(*args, params=params)
        if params:
            _logger.warning("The model's %s takes no params; ignoring %d params", what, len(params))
        return function(*args)

    return call


class ModelCaller:
    """`predict` / `predict_stream` of a loaded python model, with its context bound."""

    def __init__(self, python_model: Any, context: Any) -> None:
        from hintsig.pyfunc._python_model import PythonModel

        self.python_model = python_model
        if isinstance(python_model, PythonModel):
            predict: Callable[..., Any] = python_model.predict
            stream = _own_predict_stream(python_model)
        elif callable(python_model):
            predict, stream = python_model, None
        else:
            raise HintsigException(
                "A python model is a PythonModel instance or a function, "
                f"got {type(python_model).__name__}"
            )
        self._predict = bind_method(predict, context, "predict")
        self._stream = bind_method(stream, context, "predict_stream") if stream else None

    @property
    def streamable(self) -> bool:
        return self._stream is not None

    def predict(self, model_input: Any, params: dict[str, Any] | None = None) -> Any:
        return self._predict(model_input, params)

    def predict_stream(
        self, model_input: Any, params: dict[str, Any] | None = None
    ) -> Iterator[Any]:
        if self._stream is None:
            raise HintsigException("This model does not define predict_stream")
        result: Iterator[Any] = self._stream(model_input, params)
        return result


def _own_predict_stream(python_model: Any) -> Callable[..., Any] | None:
    """The model's `predict_stream`, unless it is only the base class placeholder."""
    from hintsig.pyfunc._python_model import PythonModel

    method = getattr(type(python_model), "predict_stream", None)
    if method is None or method is getattr(PythonModel, "predict_stream", None):
        return None
    bound: Callable[..., Any] = python_model.predict_stream
    return bound
