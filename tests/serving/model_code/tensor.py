"""A model without type hints on a float32 tensor: the signature comes from the example."""

from __future__ import annotations

import hintsig.models
from hintsig.pyfunc import PythonModel


class RowSums(PythonModel):
    def predict(self, context, model_input, params=None):  # no hints: schema from the example
        return model_input.sum(axis=1)


hintsig.models.set_model(RowSums())
