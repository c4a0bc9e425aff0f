"""Tensor and DataFrame hints take the payload formats of their schema, not `inputs` only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import jsonschema
import numpy as np
import pandas as pd
import pydantic
import pytest

import hintsig.pyfunc
from hintsig.models import signature_to_json_schema
from hintsig.models.utils import load_serving_example
from hintsig.pyfunc.utils import pyfunc
from hintsig.serving._served import ServedModel
from hintsig.types import Columns, Tensor


class Row(pydantic.BaseModel):
    age: int
    name: str


@pyfunc
def by_rows(model_input: Annotated[pd.DataFrame, Columns(Row)]) -> list[int]:
    return model_input["age"].tolist()  # type: ignore[no-any-return]


@pyfunc
def by_tensor(model_input: Annotated[np.ndarray, Tensor(np.float32, (-1, 2))]) -> list[float]:
    return model_input.sum(axis=1).tolist()  # type: ignore[no-any-return]


@pyfunc
def by_list(model_input: list[Row]) -> list[int]:
    return [row.age for row in model_input]


CASES: dict[str, tuple[Any, Any, tuple[str, ...]]] = {
    "rows": (
        by_rows,
        pd.DataFrame({"age": [1], "name": ["a"]}),
        ("inputs", "instances", "dataframe_split", "dataframe_records"),
    ),
    "tensor": (by_tensor, np.zeros((1, 2), np.float32), ("inputs", "instances")),
    "list": (by_list, [{"age": 1, "name": "a"}], ("inputs",)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_hinted_model_advertises_the_formats_it_takes(name: str, tmp_path: Path) -> None:
    function, example, formats = CASES[name]
    hintsig.pyfunc.save_model(tmp_path / name, python_model=function, input_example=example)
    served = ServedModel.load(tmp_path / name)
    assert served.formats == formats
    # The model's own serving example fits the request schema it advertises.
    hinted = served.model.input_validator is not None
    schema = signature_to_json_schema(served.signature, type_hinted=hinted)
    jsonschema.validate(json.loads(load_serving_example(tmp_path / name)), schema)
