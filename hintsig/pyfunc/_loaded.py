"""`PyFuncModel`: a loaded model that enforces its signature on every call.

`predict(data, params=None)` does, in order:

1. the input schema: `hintsig.models.enforcement.enforce_schema` (required and optional
   columns, safe casts, tensor dtypes and shapes). Skipped when the model's own type hints
   validate its input and the stored input schema is the one those hints give: the hints are
   the stricter check (pydantic, element by element), and each input is validated once.
   With a different stored schema (for example one set with `set_signature`) both run.
2. for `TypeFromExample` models, the input is given back the input example's format (a
   DataFrame becomes a list, a dict or a scalar when the example was one; a list or dict
   becomes a DataFrame when the example was a DataFrame).
3. the params: `enforce_params` (defaults, types, shapes; unknown params warn).
4. the model's own `predict`, whose type hints still validate.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from hintsig.exceptions import HintsigException
from hintsig.models import enforcement
from hintsig.models._payload import ServingInput, parse_serving_input
from hintsig.models.model import Model
from hintsig.pyfunc._impl import ModelCaller, bind_method

if TYPE_CHECKING:
    from hintsig.types._validators import Validator
    from hintsig.types.type_hints import PredictHints

__all__ = ["PyFuncModel", "to_example_format"]

_UNLOADED = object()


class PyFuncModel:
    """A saved model, loaded: `predict` validates the input and params against the signature.

    Built by `hintsig.pyfunc.load_model`; `metadata` is the model's `MLmodel` contents.
    `input_example` (read from the model directory when first needed) may be given when the
    example is already in memory, as it is while the model is being saved.
    """

    def __init__(
        self, model_meta: Model, model_impl: Any, *, input_example: Any = _UNLOADED
    ) -> None:
        if not callable(getattr(model_impl, "predict", None)):
            raise HintsigException("A model implementation needs a predict method")
        self._meta = model_meta
        self._impl = model_impl
        self._call: Callable[[Any, dict[str, Any] | None], Any]
        if isinstance(model_impl, ModelCaller):
            self._call = model_impl.predict
        else:
            self._call = bind_method(model_impl.predict, None, "predict", allow_context=False)
        self._hints = _validating_hints(model_impl, model_meta)
        self._example: Any = input_example

    def __repr__(self) -> str:
        where = self._meta.model_dir or "memory"
        return f"<PyFuncModel from {where}>"

    @property
    def metadata(self) -> Model:
        """The model's metadata: `signature`, `get_input_schema()`, `load_input_example()`..."""
        return self._meta

    @property
    def model_id(self) -> str | None:
        return self._meta.model_id

    @property
    def validated_by_hints(self) -> bool:
        """True when the model's type hints, not the input schema, check each input."""
        return self._hints is not None

    @property
    def input_hints(self) -> PredictHints | None:
        """The model's compiled hints when they check each input (see `validated_by_hints`)."""
        return self._hints

    @property
    def input_validator(self) -> Validator | None:
        """The pydantic validator of the model's `list[...]` input hint, when it checks each
        input. Such a model reads a REST payload as `{"inputs": ...}` only, its JSON values
        converted by this validator; tensor and DataFrame hints (checked by schema
        enforcement) take every payload format."""
        return None if self._hints is None else self._hints.input_validator

    @property
    def input_example(self) -> Any:
        """The input example saved with the model (None if there is none); read once."""
        if self._example is _UNLOADED:
            self._example = self._meta.load_input_example()
        return self._example

    def unwrap_python_model(self) -> Any:
        """The `PythonModel` instance or function inside, as loaded."""
        if not isinstance(self._impl, ModelCaller):
            raise HintsigException("This model was not saved from a python model")
        return self._impl.python_model

    def predict(self, data: Any, params: Mapping[str, Any] | None = None) -> Any:
        """Enforce the input schema and the params schema, then call the model."""
        data, checked = self._prepare(data, params)
        return self._call(data, checked)

    def predict_stream(self, data: Any, params: Mapping[str, Any] | None = None) -> Iterator[Any]:
        """`predict`, for models that define `predict_stream`: chunks as the model yields them."""
        if not isinstance(self._impl, ModelCaller) or not self._impl.streamable:
            raise HintsigException("This model does not define predict_stream")
        data, checked = self._prepare(data, params)
        return self._impl.predict_stream(data, checked)

    def parse_serving_input(
        self, payload: str | bytes | Mapping[str, Any], content_type: str = "application/json"
    ) -> ServingInput:
        """A REST request body as `(data, params)` for this model, exactly as served.

        For a model whose `list[...]` type hints validate its input, the payload must be
        `{"inputs": ...}` and its JSON values are converted by the hints (base64 text to
        bytes, ISO text to datetimes, objects to pydantic models), as a local caller's would be.
        Tensor and DataFrame hints (checked by schema enforcement) take every payload format.
        """
        parsed = parse_serving_input(
            payload,
            schema=self._meta.get_input_schema(),
            content_type=content_type,
            inputs_only=self.input_validator is not None,
        )
        if self._hints is None:
            return parsed
        return ServingInput(self._hints.validate_input(parsed.data, serving=True), parsed.params)

    def _prepare(
        self, data: Any, params: Mapping[str, Any] | None
    ) -> tuple[Any, dict[str, Any] | None]:
        """Steps 1-3 of the module docstring; warnings name the caller of predict."""
        meta = self._meta
        schema = meta.get_input_schema()
        if schema is not None and self._hints is None:
            data = enforcement.enforce_schema(data, schema)
        if meta.type_hint_from_example and self.input_example is not None:
            data = to_example_format(data, self.input_example)
        return data, enforcement.enforce_params(params, meta.get_params_schema(), stacklevel=4)


def _validating_hints(model_impl: Any, meta: Model) -> PredictHints | None:
    """The model's hints, when they validate its input against the schema stored with it."""
    if not isinstance(model_impl, ModelCaller):
        return None
    from hintsig.types.type_hints import get_predict_hints

    hints = get_predict_hints(model_impl.python_model)
    if hints is None or not hints.validates_input or hints.input_schema is None:
        return None
    return hints if hints.input_schema == meta.get_input_schema() else None


def to_example_format(data: Any, example: Any) -> Any:
    """`data` in the container type of a `TypeFromExample` model's input example."""
    pd = sys.modules.get("pandas")
    if pd is None or not hasattr(pd, "DataFrame"):  # not imported, or being imported now
        return data
    if isinstance(data, pd.DataFrame):
        return _frame_to_example_format(data, example, pd)
    if isinstance(example, pd.DataFrame) and isinstance(data, (list, dict)):
        if isinstance(data, list) and data and not isinstance(data[0], Mapping):
            return pd.DataFrame({example.columns[0]: data})
        return pd.DataFrame(data if isinstance(data, list) else [data])
    return data


def _frame_to_example_format(data: Any, example: Any, pd: Any) -> Any:
    if isinstance(example, pd.DataFrame):
        return data
    if isinstance(example, list):
        scalars = all(not isinstance(x, (Mapping, list)) for x in example)
        if len(data.columns) == 1 and scalars:
            return data.iloc[:, 0].tolist()
        return data.to_dict(orient="records")
    if isinstance(example, Mapping) and len(data) == 1:
        return data.to_dict(orient="records")[0]
    if isinstance(example, (str, bytes, int, float, bool)) and data.shape == (1, 1):
        return data.iloc[0, 0]
    return data
