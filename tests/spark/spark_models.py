"""Models scored by the Spark tests (stored by value in the saved models: see conftest)."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd
import pydantic

from hintsig.pyfunc import PythonModel
from hintsig.pyfunc.utils import pyfunc


def describe(value: Any) -> str:
    """A value and its Python type, as the model saw it."""
    if isinstance(value, np.ndarray):
        return f"ndarray[{value.dtype}]{value.tolist()}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={describe(v)}" for k, v in value.items()) + "}"
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "null"
    return f"{type(value).__name__}:{value}"


class Echo(PythonModel):
    """One text per row: each column's dtype and value as they reached predict."""

    def predict(self, context: Any, model_input: pd.DataFrame, params: Any = None) -> list[str]:
        return [
            "; ".join(
                f"{col}<{model_input[col].dtype}>={describe(model_input[col].iloc[i])}"
                for col in model_input.columns
            )
            for i in range(len(model_input))
        ]


class Linear(PythonModel):
    """`x * scale + y`, with `scale` a param."""

    def predict(self, context: Any, model_input: pd.DataFrame, params: Any = None) -> Any:
        scale = (params or {}).get("scale", 1.0)
        return model_input["x"] * scale + model_input["y"]


class Frame(PythonModel):
    """A DataFrame output of several typed columns (from the first input column: without a
    signature, spark_udf names the columns "0", "1", ... as MLflow does)."""

    def predict(self, context: Any, model_input: pd.DataFrame, params: Any = None) -> Any:
        x = model_input.iloc[:, 0]
        return pd.DataFrame(
            {
                "double": x * 1.5,
                "long": x.astype("int64") * 10,
                "flag": x > 1,
                "text": "v" + x.astype("int64").astype(str),
                "vector": [np.array([v, v + 1.0]) for v in x],
            }
        )


class CountLoads(PythonModel):
    """Appends its process id to the file named by HINTSIG_LOADS each time it is loaded."""

    def load_context(self, context: Any) -> None:
        with open(os.environ["HINTSIG_LOADS"], "a") as out:
            out.write(f"{os.getpid()}\n")

    def predict(self, context: Any, model_input: pd.DataFrame, params: Any = None) -> Any:
        return pd.Series([float(os.getpid())] * len(model_input))


class Item(pydantic.BaseModel):
    name: str
    count: int
    weight: float | None = None


class Basket(PythonModel):
    """A type-hint model: each input row is an `Item`, validated by pydantic."""

    def predict(self, model_input: list[Item]) -> list[str]:
        return [f"{item.name}x{item.count}:{item.weight}" for item in model_input]


@pyfunc
def shout(model_input: list[str]) -> list[str]:
    """A `@pyfunc`-decorated model of text."""
    return [text.upper() + "!" for text in model_input]


class Tensors(PythonModel):
    """The shape and sum of each input tensor."""

    def predict(self, context: Any, model_input: np.ndarray, params: Any = None) -> Any:
        # a dict of named arrays for a named-tensor signature (legacy hints are not validated)
        arrays = model_input if isinstance(model_input, dict) else {"x": model_input}
        return [
            ", ".join(f"{k}{a.shape}{a.dtype}:{a[i].sum():g}" for k, a in arrays.items())
            for i in range(len(next(iter(arrays.values()))))
        ]
