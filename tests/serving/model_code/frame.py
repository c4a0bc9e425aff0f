"""A DataFrame model with a param, answering a DataFrame (its rows become JSON objects)."""

from __future__ import annotations

import hintsig.models
from hintsig.pyfunc import PythonModel


class Scaled(PythonModel):
    def predict(self, context, model_input, params=None):  # no hints: schema from the example
        scale = (params or {}).get("scale", 1.0)
        frame = model_input[["x"]].copy()
        frame["scaled"] = frame["x"] * scale
        frame["label"] = model_input["name"].str.upper()
        return frame


hintsig.models.set_model(Scaled())
