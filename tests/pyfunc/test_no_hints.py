"""A `predict` without a model input hint warns when it is defined, as MLflow does."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import hintsig
from hintsig.exceptions import MissingHintsWarning
from hintsig.models import ModelSignature
from hintsig.types.schema import ColSpec, Schema


def test_a_python_model_without_hints_warns_once_at_definition() -> None:
    with pytest.warns(MissingHintsWarning, match="no type hint on its model input"):

        class Plain(hintsig.pyfunc.PythonModel):
            def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
                return model_input

    with warnings.catch_warnings():
        warnings.simplefilter("error")

        class Inherits(Plain):  # predict is not defined again: nothing new to say
            pass

        class Streams(Plain):
            def predict_stream(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
                yield model_input

        class Hinted(hintsig.pyfunc.PythonModel):
            def predict(self, model_input: list[str]) -> list[str]:
                return model_input

    assert Inherits().predict(None, [1]) == [1]
    assert Hinted().predict(["a"]) == ["a"]
    assert Streams is not None


def test_the_decorator_warns_for_a_function_without_hints() -> None:
    with pytest.warns(MissingHintsWarning):

        @hintsig.pyfunc.utils.pyfunc
        def predict(model_input):  # type: ignore[no-untyped-def]
            return model_input

    assert predict([1]) == [1]


def test_a_signature_saved_without_an_example_warns(tmp_path: Path) -> None:
    with pytest.warns(MissingHintsWarning):

        class Echo(hintsig.pyfunc.PythonModel):
            def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
                return model_input

    signature = ModelSignature(Schema([ColSpec("long", "a")]))
    with pytest.warns(UserWarning, match="No input example was given with the signature"):
        hintsig.pyfunc.save_model(tmp_path / "m", python_model=Echo(), signature=signature)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hintsig.pyfunc.save_model(
            tmp_path / "n", python_model=Echo(), signature=signature, input_example={"a": 1}
        )
