"""Call-time enforcement as MLflow does it, and the three places hintsig is stricter on purpose.

The deliberate differences are listed in the README ("Deliberate differences from MLflow") and
in `tools/compat/differences.json` under the corpus case each test names.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import hintsig
from hintsig.exceptions import HintsigException
from hintsig.models import ModelSignature
from hintsig.types.schema import (
    AnyType,
    ColSpec,
    Object,
    ParamSchema,
    ParamSpec,
    Property,
    Schema,
    TensorSpec,
)


class Echo(hintsig.pyfunc.PythonModel):
    def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
        return {"input": model_input, "params": params}


def _loaded(tmp_path: Path, signature: ModelSignature) -> Any:
    path = tmp_path / "m"
    with pytest.warns(UserWarning, match="No input example"):
        hintsig.pyfunc.save_model(path, python_model=Echo(), signature=signature)
    return hintsig.pyfunc.load_model(path)


# ----------------------------------------------------------------------------- deliberate


def test_a_string_column_refuses_values_that_are_not_strings(tmp_path: Path) -> None:
    """Corpus case `enforcement/a-string-mixed`: MLflow passes the int 1 on as a string."""
    model = _loaded(tmp_path, ModelSignature(Schema([ColSpec("string", "a")])))
    with pytest.raises(HintsigException) as info:
        model.predict(pd.DataFrame({"a": ["x", 1]}, dtype=object))
    assert "'a'" in str(info.value) and "x" not in str(info.value).split("'a'")[-1][:3]


def test_an_any_column_keeps_a_dict_value_whole(tmp_path: Path) -> None:
    """Corpus case `enforcement/any-dict`: MLflow makes the dict's key the frame's index, so
    the model gets `[1]` and the key is lost."""
    model = _loaded(tmp_path, ModelSignature(Schema([ColSpec(AnyType(), "a")])))
    frame = model.predict({"a": {"x": [1]}})["input"]
    assert frame["a"].tolist() == [{"x": [1]}]


def test_a_row_without_the_optional_columns_is_kept(tmp_path: Path) -> None:
    """Corpus case `enforcement/object-opt-missing-col`: MLflow gives the model a frame with
    no rows when only an extra column was sent; hintsig keeps the row (no columns)."""
    spec = ColSpec(Object([Property("x", "long", required=False)]), "o", required=False)
    model = _loaded(tmp_path, ModelSignature(Schema([spec])))
    frame = model.predict(pd.DataFrame({"z": [1]}))["input"]
    assert len(frame) == 1 and list(frame.columns) == []


# ----------------------------------------------------------------------------- as MLflow


@pytest.mark.parametrize(
    ("spec", "data", "expected"),
    [
        (TensorSpec(np.dtype(np.int64), (-1,)), pd.DataFrame({"a": [1, 2]}), [1, 2]),
        (TensorSpec(np.dtype(np.int64), (-1,)), pd.Series([1, 2]), [1, 2]),
        (TensorSpec(np.dtype(np.float64), (-1,)), pd.DataFrame({"a": [1.5, 2.5]}), [1.5, 2.5]),
        (
            TensorSpec(np.dtype(np.float32), (-1, 2)),
            pd.DataFrame({"a": [[1.0, 2.0], [3.0, 4.0]]}),
            [[1.0, 2.0], [3.0, 4.0]],
        ),
    ],
    ids=["df-scalars", "series", "df-doubles", "df-list-column"],
)
def test_a_one_column_frame_or_a_series_is_a_tensor(
    tmp_path: Path, spec: TensorSpec, data: Any, expected: list[Any]
) -> None:
    array = _loaded(tmp_path, ModelSignature(Schema([spec]))).predict(data)["input"]
    assert isinstance(array, np.ndarray) and array.dtype == spec.type
    assert array.tolist() == expected


def test_named_tensors_from_frame_columns(tmp_path: Path) -> None:
    schema = Schema(
        [
            TensorSpec(np.dtype(np.float64), (-1,), "x"),
            TensorSpec(np.dtype(np.float32), (-1, 2), "y"),
        ]
    )
    out = _loaded(tmp_path, ModelSignature(schema)).predict(
        pd.DataFrame({"x": [1.5, 2.5], "y": [[1.0, 2.0], [3.0, 4.0]]})
    )["input"]
    assert out["x"].dtype == np.float64 and out["x"].tolist() == [1.5, 2.5]
    assert out["y"].dtype == np.float32 and out["y"].shape == (2, 2)


def test_extra_named_tensors_are_dropped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    schema = Schema([TensorSpec(np.dtype(np.float64), (-1,), "x")])
    model = _loaded(tmp_path, ModelSignature(schema))
    with caplog.at_level(logging.WARNING, logger="hintsig"):
        out = model.predict({"x": np.array([1.5]), "z": np.array([3])})["input"]
    assert list(out) == ["x"]
    assert any("['z']" in message for message in caplog.messages)


def test_given_params_come_first_then_the_defaults(tmp_path: Path) -> None:
    params = ParamSchema(
        [ParamSpec("temperature", "double", 0.7), ParamSpec("stop", "string", ["."], (-1,))]
    )
    model = _loaded(tmp_path, ModelSignature(Schema([ColSpec("string")]), None, params))
    given = model.predict(["hi"], params={"stop": ["a"]})["params"]
    assert list(given.items()) == [("stop", ["a"]), ("temperature", 0.7)]
    assert list(model.predict(["hi"])["params"]) == ["temperature", "stop"]


def test_rows_of_values_fill_integer_labelled_columns(tmp_path: Path) -> None:
    """As `pd.DataFrame([[1.0, 2.0]])` in MLflow: row values under the labels 0 and 1."""
    schema = Schema.from_json('[{"type": "double", "name": 0}, {"type": "double", "name": 1}]')
    model = _loaded(tmp_path, ModelSignature(schema))
    frame = model.predict([[1.0, 2.0], [3.0, 4.0]])["input"]
    assert list(frame.columns) == [0, 1] and frame[1].tolist() == [2.0, 4.0]
    with pytest.raises(HintsigException, match=r"\[1\]"):
        model.predict([[1.0, 2.0], [3.0]])


def test_bytes_in_input_example_files_are_base64_lines_as_mlflow(tmp_path: Path) -> None:
    import base64
    import json

    data = bytes(range(100))
    hintsig.pyfunc.save_model(tmp_path / "m", python_model=Echo(), input_example={"b": data})
    saved = json.loads((tmp_path / "m" / "input_example.json").read_text())
    assert saved == {"b": base64.encodebytes(data).decode("ascii")}
    assert "\n" in saved["b"][:-1]  # lines of 76 characters, as base64.encodebytes
    served = hintsig.pyfunc.load_model(tmp_path / "m").predict(
        hintsig.models.utils.load_serving_example(str(tmp_path / "m"))
    )
    assert served is not None
