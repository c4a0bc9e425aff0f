"""The guide's "add a signature to a logged model" and "debug a signature" flows.

A model logged without a signature is loaded by its `models:/<model_id>` URI, a signature
is inferred from test data and the model's predictions, and `set_signature` writes it into the
saved model (only the signature changes). `get_model_info` reads it back, and the loaded model
now enforces it.

Everything is written to a temporary tracking directory that is removed at the end.

Run: python examples/save_load_set_signature.py
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from hintsig.exceptions import HintsigException
from hintsig.models import infer_signature, set_signature
from hintsig.models.model import get_model_info
from hintsig.pyfunc import PythonModel, load_model, log_model


class LinearModel(PythonModel):
    """A model written without type hints: logged without a signature."""

    def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
        return (model_input["feature_1"] * 0.5 + model_input["feature_2"]).to_numpy()


def set_signature_flow() -> None:
    info = log_model(name="my_model", python_model=LinearModel())
    assert info.signature is None
    X_test = pd.DataFrame({"feature_1": [1.0, 2.0, 3.0], "feature_2": [0.5, 0.25, 0.0]})

    # From the guide: load the existing model (without a signature).
    model_uri = f"models:/{info.model_id}"
    model = load_model(model_uri)

    # Create a signature from test data and apply it to the existing model.
    signature = infer_signature(X_test, model.predict(X_test))
    set_signature(model_uri, signature)

    # Verify the signature was set.
    assert get_model_info(model_uri).signature == signature

    # Debugging signatures: inspect the stored one and compare with an inferred one.
    model_info = get_model_info(model_uri)
    print("Current signature:")
    print(model_info.signature)
    inferred = infer_signature(X_test)
    print("Inferred signature:")
    print(inferred)
    if model_info.signature != inferred:
        print("Signatures don't match - consider updating (the stored one has outputs)")

    # The reloaded model enforces the new signature: a required column is missing here.
    reloaded = load_model(model_uri)
    np.testing.assert_allclose(reloaded.predict(X_test), [1.0, 1.25, 1.5])
    try:
        reloaded.predict(X_test[["feature_1"]])
    except HintsigException as exc:
        print(f"Refused: {exc.message}")
    else:
        raise AssertionError("a missing required column must be refused")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hintsig-example-") as tmp:
        os.environ["HINTSIG_TRACKING_DIR"] = str(Path(tmp) / "runs")
        set_signature_flow()


if __name__ == "__main__":
    main()
