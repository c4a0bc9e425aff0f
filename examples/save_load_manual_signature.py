"""The guide's "create a signature by hand" flow, with params, then the enforcement rules a
loaded model applies.

A signature with an optional column and a param schema is written by hand and logged with
the model. The loaded model then: accepts input without the optional column, drops extra
columns, applies only safe casts (int32 -> long, int32 -> double), refuses a missing required
column and a string where a number is expected, applies param defaults and warns about
unknown params.

Everything is written to a temporary tracking directory that is removed at the end.

Run: python examples/save_load_manual_signature.py
"""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

import hintsig
from hintsig.exceptions import HintsigException
from hintsig.models import ModelSignature
from hintsig.pyfunc import PythonModel, load_model, log_model
from hintsig.types.schema import ColSpec, ParamSchema, ParamSpec, Schema


class Scorer(PythonModel):
    """Scores rows; reports the columns and params it was given."""

    def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
        score = model_input["feature_1"] * params["temperature"]
        return pd.DataFrame({"prediction": score, "columns": ",".join(model_input.columns)})


def manual_signature_flow() -> None:
    # From the guide: define the input, output and params schemas.
    input_schema = Schema(
        [
            ColSpec("double", "feature_1"),
            ColSpec("string", "feature_2"),
            ColSpec("long", "feature_3", required=False),  # Optional
        ]
    )
    output_schema = Schema([ColSpec("double", "prediction")])
    params_schema = ParamSchema(
        [
            ParamSpec("temperature", "double", 0.7),
            ParamSpec("max_tokens", "long", 100),
            ParamSpec("stop_words", "string", [".", "!"], (-1,)),
        ]
    )
    signature = ModelSignature(inputs=input_schema, outputs=output_schema, params=params_schema)

    with hintsig.start_run():
        info = log_model(name="my_model", python_model=Scorer(), signature=signature)
    model = load_model(info.model_uri)

    # The optional column may be missing; the extra one is dropped; int32 widens to double.
    data = pd.DataFrame(
        {
            "feature_2": ["a", "b"],
            "feature_1": np.array([1, 2], dtype=np.int32),
            "unused": [0, 0],
        }
    )
    out = model.predict(data)
    print(out)
    assert out["columns"].iloc[0] == "feature_1,feature_2"
    assert out["prediction"].tolist() == [0.7, 1.4]

    # Override a param; an unknown param warns and is dropped.
    assert model.predict(data, params={"temperature": 1})["prediction"].tolist() == [1.0, 2.0]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.predict(data, params={"temprature": 0.1})
    print(f"Warned: {caught[0].message}")

    # A missing required column and a string for a number are refused, both at once.
    try:
        model.predict(pd.DataFrame({"feature_1": ["85"]}))
    except HintsigException as exc:
        print(f"Refused: {exc.message}")
    else:
        raise AssertionError("bad input must be refused")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hintsig-example-") as tmp:
        os.environ["HINTSIG_TRACKING_DIR"] = str(Path(tmp) / "runs")
        manual_signature_flow()


if __name__ == "__main__":
    main()
