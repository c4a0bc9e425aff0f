"""The guide's input example formats: DataFrames, tensors, JSON values, and examples with
params, each logged with a model, read back, and scored.

For each example the script prints the saved `serving_input_example.json` payload and checks
that the input example loaded from the model has the format it was given in. The last part
is the guide's "(input, params)" tuple: the params get a param schema with the example's
values as defaults, which the loaded model applies when a call leaves them out.

Everything is written to a temporary tracking directory that is removed at the end.

Run: python examples/save_load_input_examples.py
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

import hintsig
from hintsig.models.utils import load_serving_example
from hintsig.pyfunc import PythonModel, load_model, log_model


class EchoModel(PythonModel):
    """Returns its input, so the example shows what the loaded model is given."""

    def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
        return model_input


class Translator(PythonModel):
    """Reports the params it was called with; its hints make the input a list of str."""

    def predict(self, model_input: list[str], params: dict[str, Any] | None = None) -> list[str]:
        temperature = (params or {})["temperature"]
        return [f"{text} (temperature={temperature})" for text in model_input]


def log_and_reload(name: str, example: Any) -> Any:
    with hintsig.start_run():
        info = log_model(name=name, python_model=EchoModel(), input_example=example)
    payload = json.loads(load_serving_example(info.model_uri))
    print(f"{name}: signature inputs {info.signature.inputs if info.signature else None}")
    print(f"  serving payload keys: {sorted(payload)}")
    return load_model(info.model_uri).metadata.load_input_example()


def dataframe_examples() -> None:
    single_record = pd.DataFrame(
        [{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}]
    )
    batch_example = pd.DataFrame(
        [
            {"feature_1": 1.0, "feature_2": "A"},
            {"feature_1": 2.0, "feature_2": "B"},
            {"feature_1": 3.0, "feature_2": "C"},
        ]
    )
    for name, frame in (("single_record", single_record), ("batch", batch_example)):
        loaded = log_and_reload(name, frame)
        pd.testing.assert_frame_equal(loaded, frame)


def tensor_examples() -> None:
    image_batch = np.random.randint(0, 255, size=(3, 28, 28, 1), dtype=np.uint8)
    loaded = log_and_reload("image_batch", image_batch)
    assert loaded.dtype == np.uint8 and loaded.shape == (3, 28, 28, 1)

    multi_input = {
        "image": np.random.random((2, 8, 8, 3)),
        "metadata": np.array([[1.0, 2.0], [3.0, 4.0]]),
    }
    loaded = log_and_reload("multi_input", multi_input)
    assert sorted(loaded) == ["image", "metadata"]

    sparse_example = csr_matrix([[1, 0, 2], [0, 0, 3]])
    loaded = log_and_reload("sparse", sparse_example)
    assert (loaded.toarray() == sparse_example.toarray()).all()


def json_examples() -> None:
    dict_example = {
        "messages": [
            {"role": "system", "content": "You are a helpful assistant"},
            {"role": "user", "content": "Hello!"},
        ],
        "temperature": 0.7,
    }
    list_example = [
        {"text": "First document", "category": "news"},
        {"text": "Second document", "category": "sports"},
    ]
    scalar_example = "What is the capital of France?"
    for name, example in (
        ("dict", dict_example),
        ("list", list_example),
        ("scalar", scalar_example),
    ):
        assert log_and_reload(name, example) == example


def params_example() -> None:
    # From the guide: combine input data with parameters using a tuple.
    input_data = ["Translate to Spanish: Good morning"]
    params = {"temperature": 0.2, "max_length": 50, "do_sample": True}
    input_example = (input_data, params)
    with hintsig.start_run():
        info = log_model(
            name="translation_model", python_model=Translator(), input_example=input_example
        )
    print(f"translation_model: params schema {info.signature.params if info.signature else None}")

    # At inference time: default parameters, then an override.
    loaded_model = load_model(info.model_uri)
    result1 = loaded_model.predict(input_data)
    result2 = loaded_model.predict(input_data, params={"temperature": 0.1})
    print(result1, result2, sep="\n")
    assert result1 == ["Translate to Spanish: Good morning (temperature=0.2)"]
    assert result2 == ["Translate to Spanish: Good morning (temperature=0.1)"]
    assert loaded_model.metadata.load_input_example_params() == params


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hintsig-example-") as tmp:
        os.environ["HINTSIG_TRACKING_DIR"] = str(Path(tmp) / "runs")
        dataframe_examples()
        tensor_examples()
        json_examples()
        params_example()


if __name__ == "__main__":
    main()
