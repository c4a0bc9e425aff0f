"""A model whose own code fails (ZeroDivisionError for a 0) and sleeps when asked to."""

from __future__ import annotations

import time

import hintsig.models
from hintsig.pyfunc import PythonModel


class FragileModel(PythonModel):
    def predict(self, model_input: list[float]) -> list[float]:
        if model_input and model_input[0] < 0:
            time.sleep(-model_input[0])
        return [10 / value for value in model_input]


hintsig.models.set_model(FragileModel())
