"""The guide's registry flow: give a registered model a signature with a new version.

A model logged without a signature is registered as version 1. A signature is inferred from
test data and set on the version's source (`set_signature(mv.source, signature)`), and a new
version is created from that source: version 2 carries the signature, version 1 stays as it
was. Then the registry is switched to require signatures (the Unity Catalog rule) and an
unsigned model is refused, with a message that says how to add one.

Everything is written to a temporary tracking directory that is removed at the end.

Run: python examples/registry_flow.py
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd

import hintsig
from hintsig.client import HintsigClient
from hintsig.exceptions import HintsigException
from hintsig.models import infer_signature, set_signature
from hintsig.models.model import get_model_info
from hintsig.pyfunc import PythonModel, load_model, log_model

MODEL_NAME = "my_registered_model"


class Doubler(PythonModel):
    """A model written without type hints, so it is logged without a signature."""

    def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
        return model_input * 2


def registry_flow() -> None:
    with hintsig.start_run():
        log_model(name="model", python_model=Doubler(), registered_model_name=MODEL_NAME)

    # From the guide: get the existing version, set a signature on its source, and create
    # a new version from that source.
    client = HintsigClient()
    model_name = MODEL_NAME
    model_version = 1
    mv = client.get_model_version(name=model_name, version=model_version)
    print(f"version {mv.version}: signature {mv.signature}")

    X_test = pd.DataFrame({"feature_1": [1.0, 2.5, 4.0], "feature_2": [3.0, 4.0, 5.0]})
    predictions = load_model(mv.model_uri).predict(X_test)
    signature = infer_signature(X_test, predictions)
    set_signature(mv.source, signature)
    new_mv = client.create_model_version(name=model_name, source=mv.source, run_id=mv.run_id)

    assert new_mv.signature == signature
    print(f"version {new_mv.version}: signature inputs {signature.inputs}")
    assert get_model_info(f"models:/{model_name}/{new_mv.version}").signature == signature
    assert client.get_model_version(model_name, mv.version).signature is None  # unchanged

    # The Unity Catalog rule: once the registry requires signatures, an unsigned model is
    # refused.
    client.set_require_signature(True)
    with hintsig.start_run():
        unsigned = log_model(name="unsigned", python_model=Doubler())
    try:
        client.create_model_version(model_name, unsigned.model_uri)
    except HintsigException as exc:
        print(f"refused: {exc.message}")
    else:
        raise AssertionError("the registry accepted a model without a signature")


@contextmanager
def temporary_tracking_dir() -> Iterator[str]:
    """Point HINTSIG_TRACKING_DIR (and so the registry) at a fresh temporary directory."""
    saved = {key: os.environ.get(key) for key in ("HINTSIG_TRACKING_DIR", "HINTSIG_REGISTRY_URI")}
    with tempfile.TemporaryDirectory(prefix="hintsig-registry-flow-") as tracking_dir:
        os.environ["HINTSIG_TRACKING_DIR"] = tracking_dir
        os.environ.pop("HINTSIG_REGISTRY_URI", None)
        try:
            yield tracking_dir
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def main() -> None:
    with temporary_tracking_dir():
        registry_flow()


if __name__ == "__main__":
    main()
