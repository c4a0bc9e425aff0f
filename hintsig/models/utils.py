"""Serving examples: read the saved REST payload and check it the way the server will."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from hintsig._hooks import load_saved_model
from hintsig.exceptions import HintsigException
from hintsig.models._uri import resolve_model_uri

__all__ = ["load_serving_example", "validate_serving_input"]


def load_serving_example(model_uri: str | os.PathLike[str]) -> str:
    """The serving payload saved with the model (`serving_input_example.json`), as JSON text.

    For a model saved with an input example but without that file (older MLflow versions),
    the payload is built from the input example.
    """
    from hintsig.models._examples import read_serving_payload
    from hintsig.models.model import Model

    directory = resolve_model_uri(model_uri)
    model = Model.load(directory)
    info = model.saved_input_example_info
    if info is None:
        raise HintsigException(
            f"The model at {directory} was saved without an input example, "
            "so it has no serving example"
        )
    return read_serving_payload(directory, info)


def validate_serving_input(
    model_uri: str | os.PathLike[str], serving_input: str | bytes | Mapping[str, Any]
) -> Any:
    """Parse `serving_input` as the scoring server will, predict, and return the prediction.

    `serving_input` is the JSON request body (text, or the decoded object). A payload the
    server would refuse raises the `HintsigException` it would answer with.
    """
    model = load_saved_model(model_uri)  # hintsig.pyfunc.load_model, through hintsig._hooks
    parsed = model.parse_serving_input(serving_input)
    return model.predict(parsed.data, params=parsed.params)
