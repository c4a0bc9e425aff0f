"""Scoring one request: parse the body, predict, write the answer. No HTTP here.

`Scorer.score(body, content_type)` is what `POST /invocations` runs for each request, and
what `hintsig models predict` and `hintsig models validate` run on a file, so all answer the
same way:

1. the body is parsed into the values a local caller passes. A JSON body for a model whose
   type hints check its input is first tried in one pass, validated in pydantic's JSON mode
   straight from the bytes (`hintsig.types._hint_request`); any body that pass does not
   accept as plainly valid, and every other body, goes to `PyFuncModel.parse_serving_input`,
   which calls the one payload parser (JSON decoded strictly by `hintsig._strict_json`)
   and explains every problem;
2. `PyFuncModel.predict(data, params)` enforces the signature and calls the model;
3. the output is written as `{"predictions": ...}` (`_encode`).

Failures are `ServingError`s: a `HintsigException` (bad payload, bad data or params) is the
client's mistake, 400 (415 for an unsupported content type). Any other exception while the
body is parsed is a 400 too (the payload parser hands client data to pandas and numpy; the
traceback is logged as a warning, since it shows a case the parser should name). Any other
exception raised while predicting is a 500 naming the exception's type (its text may repeat
input values, so it is logged, not answered), and so is an `OutputValidationError` (the
model's return value broke its own hint, `validate_output=True`): the model's fault, not the
client's.
"""

from __future__ import annotations

import logging
from typing import Any

from hintsig._strict_json import invalid_serving_input
from hintsig.exceptions import HintsigException, OutputValidationError
from hintsig.models._payload import ServingInput, parse_content_type
from hintsig.pyfunc._loaded import PyFuncModel
from hintsig.serving._encode import predictions_bytes
from hintsig.serving._errors import ServingError
from hintsig.types._hint_request import RequestValidator, request_validator

__all__ = ["MAX_BODY_SIZE", "Scorer", "check_media_type"]

#: The largest request body accepted by default (100 MiB).
MAX_BODY_SIZE = 100 * 1024 * 1024

_logger = logging.getLogger("hintsig.serving")


def check_media_type(content_type: str) -> str:
    """The request's media type; a 415 `ServingError` unless the payload parser reads it."""
    try:
        return parse_content_type(content_type)
    except HintsigException as exc:
        raise ServingError.from_exception(exc) from None


class Scorer:
    """Parses, predicts and encodes for one loaded model.

    For the server (`log_model_errors=True`) an exception raised by the model is logged with
    its traceback and answered with its type only; for the command line its text is part of
    the message instead (the user is the one who passed the data).
    """

    def __init__(self, model: PyFuncModel, *, log_model_errors: bool = True) -> None:
        self.model = model
        self.log_model_errors = log_model_errors
        validator = model.input_validator
        self._fast: RequestValidator | None = None
        if validator is not None:
            self._fast = request_validator(validator)

    def score(self, body: bytes, content_type: str = "application/json") -> bytes:
        """The JSON answer to one request body; a `ServingError` on failure."""
        return predictions_bytes(self.predict(self.parse(body, content_type)))

    def parse(self, body: bytes, content_type: str = "application/json") -> ServingInput:
        """The body as `(data, params)`, as a local caller would pass them."""
        mime = check_media_type(content_type)
        if self._fast is not None and mime == "application/json":
            request = self._fast.validate_json(body)
            if request is not None:
                return ServingInput(request.inputs, request.params)
        try:
            return self.model.parse_serving_input(body, content_type)
        except HintsigException as exc:
            raise ServingError.from_exception(exc) from None
        except RecursionError:
            problem = "the body nests too deeply"
        except Exception as exc:  # pandas or numpy refusing odd client data the parser let by
            _logger.warning("The payload parser failed on a request", exc_info=True)
            problem = f"it cannot be read as this model's input ({type(exc).__name__})"
        raise ServingError.from_exception(invalid_serving_input(problem))

    def predict(self, parsed: ServingInput) -> Any:
        """The model's output; a 400 for data or params the signature refuses, else 500."""
        try:
            return self.model.predict(parsed.data, params=parsed.params)
        except OutputValidationError as exc:  # the model's return value broke its own hint
            if self.log_model_errors:
                _logger.error("The model's output does not fit its type hint: %s", exc.message)
            raise ServingError(500, exc.message, exc.errors) from None
        except HintsigException as exc:
            raise ServingError.from_exception(exc) from None
        except Exception as exc:  # the model's own code may raise anything
            name = type(exc).__name__
            if not self.log_model_errors:
                raise ServingError(500, f"The model raised {name}: {exc}") from None
            _logger.exception("The model raised %s", name)
            raise ServingError(500, f"The model raised {name} (see the server log)") from None
