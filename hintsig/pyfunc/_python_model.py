"""`PythonModel`, the base class of custom models, and the `PythonModelContext` it loads with.

Defining a subclass wraps its `predict` (and `predict_stream`) as `@pyfunc` does: the type
hints are compiled when the class statement runs (an invalid hint raises there), and every
call validates its model input, so a saved-and-loaded model validates too.

```python
class ChatModel(PythonModel):
    def predict(self, model_input: list[Message]) -> list[str]:
        return [m.content for m in model_input]
```

`predict` may be written `predict(self, model_input)`, `predict(self, model_input,
params=None)` or `predict(self, context, model_input, params=None)`. Pass
`validate_output=True` as a class keyword (`class M(PythonModel, validate_output=True)`) to
check the return values of `predict` against its return hint as well (a stream's parts are
not checked). Pass `validate_unions=True` the same way, or set the class attribute
`validate_unions = True`, to validate the unions in the hints (`list[int | str]`,
discriminated unions of pydantic models), which are otherwise not checked, as in MLflow;
subclasses inherit it.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from hintsig.pyfunc.utils import wrap_predict

__all__ = ["PythonModel", "PythonModelContext"]


class PythonModelContext:
    """What a model gets when it is loaded: its artifacts (name -> local path) and config."""

    __slots__ = ("_artifacts", "_model_config")

    def __init__(
        self,
        artifacts: dict[str, str] | None = None,
        model_config: dict[str, Any] | None = None,
    ) -> None:
        self._artifacts: dict[str, str] = dict(artifacts or {})
        self._model_config: dict[str, Any] = dict(model_config or {})

    @property
    def artifacts(self) -> dict[str, str]:
        """`{name: absolute local path}` of the artifacts saved with the model."""
        return self._artifacts

    @property
    def model_config(self) -> dict[str, Any]:
        """The configuration given when the model was saved (or overridden when loaded)."""
        return self._model_config

    def __repr__(self) -> str:
        return (
            f"PythonModelContext(artifacts={self._artifacts!r}, "
            f"model_config={self._model_config!r})"
        )


class PythonModel:
    """Base class of a custom model: define `predict`, optionally `load_context`.

    Subclassing wraps `predict` and `predict_stream` so their model input is validated
    against their type hints (see the module docstring).
    """

    #: True to validate the unions in the hints of `predict` (also a class keyword).
    validate_unions: ClassVar[bool] = False

    def __init_subclass__(
        cls, *, validate_output: bool = False, validate_unions: bool | None = None, **kwargs: Any
    ) -> None:
        super().__init_subclass__(**kwargs)
        if validate_unions is not None:
            cls.validate_unions = validate_unions
        unions = cls.validate_unions
        namespace = sys._getframe(1).f_locals  # where the class statement runs
        for name, check_output in (("predict", validate_output), ("predict_stream", False)):
            method = cls.__dict__.get(name)
            if inspect.isfunction(method):
                wrapped = wrap_predict(
                    method,
                    validate_output=check_output,
                    validate_unions=unions,
                    localns=namespace,
                    warn_unhinted=name == "predict",
                )
                setattr(cls, name, wrapped)

    def load_context(self, context: PythonModelContext) -> None:
        """Called once when the model is loaded, before any `predict`: read artifacts here."""

    if TYPE_CHECKING:
        # Subclasses choose their own signature (with or without `context` and `params`).
        predict: Callable[..., Any]
        predict_stream: Callable[..., Iterator[Any]]
    else:

        def predict(self, context, model_input, params=None):
            """Evaluate a batch of inputs; every subclass defines it."""
            raise NotImplementedError(f"{type(self).__name__} must define predict()")

        def predict_stream(self, context, model_input, params=None):
            """Evaluate an input and yield the output in parts; optional."""
            raise NotImplementedError(f"{type(self).__name__} does not define predict_stream()")
