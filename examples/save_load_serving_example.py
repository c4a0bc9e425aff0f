"""The guide's serving example flow: log a model with an input example, then check the
REST payload saved with it before deploying.

Logging writes two files next to the model: `input_example.json` (the example as given) and
`serving_input_example.json` (the body of a `POST /invocations` request). The payload is read
back with `load_serving_example` and run through `validate_serving_input`, which parses it
exactly as the scoring server does and returns the prediction.

Everything is written to a temporary tracking directory that is removed at the end.

Run: python examples/save_load_serving_example.py
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import hintsig
from hintsig.exceptions import HintsigException
from hintsig.models import validate_serving_input
from hintsig.models._uri import resolve_model_uri
from hintsig.models.utils import load_serving_example
from hintsig.pyfunc import PythonModel, log_model


class MyModel(PythonModel):
    """Answers questions; the input is one dict with a `question`."""

    def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
        question = model_input["question"].iloc[0]
        return [f"You asked: {question}"]


def serving_example_flow() -> None:
    # From the guide: log a model with an input example.
    input_example = {"question": "What is MLflow?"}
    with hintsig.start_run():
        model_info = log_model(python_model=MyModel(), name="model", input_example=input_example)

    # The two files written next to the model.
    model_dir = resolve_model_uri(model_info.model_uri)
    original = json.loads((model_dir / "input_example.json").read_text())
    served = json.loads((model_dir / "serving_input_example.json").read_text())
    print("input_example.json:        ", json.dumps(original))
    print("serving_input_example.json:", json.dumps(served))
    assert original == {"question": "What is MLflow?"}
    assert served == {"inputs": {"question": "What is MLflow?"}}

    # From the guide: load the serving example and validate it.
    serving_example = load_serving_example(model_info.model_uri)
    result = validate_serving_input(model_info.model_uri, serving_example)
    print(f"Validation result: {result}")
    assert result == ["You asked: What is MLflow?"]

    # A payload the server would refuse fails here with the same message.
    try:
        validate_serving_input(model_info.model_uri, '{"question": "no format key"}')
    except HintsigException as exc:
        print(f"Refused: {exc.message}")
    else:
        raise AssertionError("a payload without a format key must be refused")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hintsig-example-") as tmp:
        os.environ["HINTSIG_TRACKING_DIR"] = str(Path(tmp) / "runs")
        serving_example_flow()


if __name__ == "__main__":
    main()
