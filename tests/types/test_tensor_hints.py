"""Tensor hints: `Annotated[np.ndarray, Tensor(...)]` and `TypedDict`s of them."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Annotated, Any, TypedDict

import numpy as np
import numpy.typing as npt
import pandas as pd
import pytest
from typing_extensions import NotRequired

from hintsig.exceptions import DataValidationError, InvalidHintError
from hintsig.pyfunc import PythonModel, load_model, save_model
from hintsig.pyfunc.utils import pyfunc
from hintsig.types import DataType, Schema, Tensor, TensorSpec
from hintsig.types.type_hints import PredictHints, get_predict_hints, schema_from_hint

Images = Annotated[np.ndarray, Tensor(np.float32, (-1, 28, 28, 1))]
IMAGES_SCHEMA = Schema([TensorSpec(np.dtype("float32"), (-1, 28, 28, 1))])


class Pair(TypedDict):
    image: Annotated[np.ndarray, Tensor(np.float32, (-1, 4))]
    mask: Annotated[np.ndarray, Tensor(np.bool_, (-1, 4))]


def hints_of(hint: Any) -> PredictHints:
    def predict(model_input: Any) -> Any:
        return model_input

    predict.__annotations__ = {"model_input": hint}
    result = get_predict_hints(predict)
    assert result is not None
    return result


def images(*shape: int, dtype: Any = np.float32) -> Any:
    return np.zeros(shape, dtype=dtype)


# ----------------------------------------------------------------------------- the marker


@pytest.mark.parametrize(
    ("dtype", "expected"),
    [
        (np.float32, "float32"),
        ("uint8", "uint8"),
        (np.dtype("int64"), "int64"),
        (DataType.double, "float64"),
        ("float", "float32"),  # a DataType name, as in a schema
        ("double", "float64"),
        ("string", "str"),
    ],
)
def test_tensor_dtype(dtype: Any, expected: str) -> None:
    assert Tensor(dtype, (-1, 3)).dtype == np.dtype(expected)


@pytest.mark.parametrize(
    ("dtype", "shape", "message"),
    [
        ("not-a-dtype", (-1,), "expected a numpy dtype"),
        (None, (-1,), "expected a numpy dtype, got None"),
        (np.float32, (-1, -2), r"shape\[1\]: expected an int >= -1"),
        (np.float32, 3, "shape must be a tuple or list of ints"),
    ],
)
def test_invalid_tensor_arguments(dtype: Any, shape: Any, message: str) -> None:
    with pytest.raises(InvalidHintError, match=message):
        Tensor(dtype, shape)


def test_tensor_is_a_hashable_value() -> None:
    assert Tensor(np.float32, [-1, 2]) == Tensor("float32", (-1, 2))
    assert len({Tensor(np.float32, (-1, 2)), Tensor(np.float32, (-1, 2))}) == 1
    assert repr(Tensor(np.uint8, (-1, 2))) == "Tensor('uint8', (-1, 2))"


# ----------------------------------------------------------------------------- translation


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        (Images, IMAGES_SCHEMA),
        (
            Annotated[npt.NDArray[np.float32], Tensor(np.float32, (-1, 3))],
            Schema([TensorSpec(np.float32, (-1, 3))]),
        ),
        (
            Pair,
            Schema(
                [
                    TensorSpec(np.float32, (-1, 4), "image"),
                    TensorSpec(np.bool_, (-1, 4), "mask"),
                ]
            ),
        ),
    ],
)
def test_tensor_hint_to_schema(hint: Any, expected: Schema) -> None:
    assert schema_from_hint(hint) == expected
    hints = hints_of(hint)
    assert hints.validates_input and hints.input_enforcer is not None
    assert hints.input_validator is None  # no pydantic validator for tensors


class HalfTensors(TypedDict):
    image: Annotated[np.ndarray, Tensor(np.float32, (-1, 4))]
    label: int


class OptionalTensor(TypedDict):
    image: Annotated[np.ndarray, Tensor(np.float32, (-1, 4))]
    mask: NotRequired[Annotated[np.ndarray, Tensor(np.bool_, (-1, 4))]]


@pytest.mark.parametrize(
    ("hint", "message"),
    [
        (Annotated[list[float], Tensor(np.float32, (-1,))], "describes a numpy array"),
        (Annotated[pd.DataFrame, Tensor(np.float32, (-1,))], "describes a numpy array"),
        (
            Annotated[np.ndarray, Tensor(np.float32, (-1,)), Tensor(np.int64, (-1,))],
            "it has 2 Tensor annotations",
        ),
        (HalfTensors, "needs a Tensor hint, missing on 'label'"),
        (OptionalTensor, "tensor 'mask' cannot be NotRequired"),
    ],
)
def test_invalid_tensor_hints(hint: Any, message: str) -> None:
    with pytest.raises(InvalidHintError, match=message):
        hints_of(hint)


def test_ndarray_without_tensor_keeps_no_schema() -> None:
    hints = hints_of(np.ndarray)
    assert hints.input_schema is None and not hints.validates_input


def test_tensor_return_hint_gives_the_output_schema() -> None:
    @pyfunc(validate_output=True)
    def predict(model_input: list[int]) -> Annotated[np.ndarray, Tensor(np.int64, (-1,))]:
        return np.asarray(model_input)

    hints = get_predict_hints(predict)
    assert hints is not None
    assert hints.output_schema == Schema([TensorSpec(np.int64, (-1,))])
    assert predict([1, 2]).tolist() == [1, 2]
    with pytest.raises(DataValidationError, match="Failed to validate output"):
        predict([])  # np.asarray([]) is float64


# ----------------------------------------------------------------------------- validation


@pyfunc
def classify(model_input: Images) -> list[int]:
    return [0] * len(model_input)


def test_a_fitting_array_passes_uncopied() -> None:
    hints = get_predict_hints(classify)
    assert hints is not None
    batch = images(3, 28, 28, 1)
    assert hints.validate_input(batch) is batch
    assert classify(batch) == [0, 0, 0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            images(2, 28, 28, 1, dtype=np.float64),
            "expected dtype float32 and shape (-1, 28, 28, 1), "
            "got dtype float64 and shape (2, 28, 28, 1)",
        ),
        (
            images(2, 28, 27, 1),
            "expected dtype float32 and shape (-1, 28, 28, 1), "
            "got dtype float32 and shape (2, 28, 27, 1)",
        ),
        (
            images(2, 28, 28),
            "expected dtype float32 and shape (-1, 28, 28, 1), "
            "got dtype float32 and shape (2, 28, 28)",
        ),
        ("pixels", "expected a numpy array or a list, got str"),
        (None, "expected a numpy array or a list, got None"),
        ([["a", "b"]], "expected values of dtype float32, got strings"),
    ],
)
def test_array_errors_show_expected_and_actual(data: Any, message: str) -> None:
    with pytest.raises(DataValidationError) as info:
        classify(data)
    assert info.value.errors == [("", message)]
    assert info.value.headline == (
        "Failed to validate input against type hint "
        "`Annotated[ndarray, Tensor('float32', (-1, 28, 28, 1))]`"
    )


def test_nested_lists_become_arrays_of_the_spec_dtype() -> None:
    hints = get_predict_hints(classify)
    assert hints is not None
    lists = np.ones((2, 28, 28, 1)).tolist()
    for serving in (False, True):
        result = hints.validate_input(lists, serving=serving)
        assert isinstance(result, np.ndarray)
        assert result.dtype == np.float32 and result.shape == (2, 28, 28, 1)
    parsed = hints.validate_json(json.dumps(lists))
    assert parsed.dtype == np.float32 and parsed.shape == (2, 28, 28, 1)


def test_named_tensors() -> None:
    @pyfunc
    def predict(model_input: Pair) -> list[int]:
        return [int(model_input["mask"].sum())]

    good = {"image": images(2, 4), "mask": np.ones((2, 4), dtype=bool), "extra": "dropped"}
    assert predict(good) == [8]  # type: ignore[arg-type]
    from_json = {"image": [[0.5] * 4], "mask": [[True, False, True, False]]}
    assert predict(from_json) == [2]  # type: ignore[arg-type]
    with pytest.raises(DataValidationError) as info:
        predict({"image": images(2, 5)})  # type: ignore[typeddict-item]
    assert info.value.headline == "Failed to validate input against type hint `Pair`"
    assert info.value.errors == [
        (
            "tensor 'image'",
            "expected dtype float32 and shape (-1, 4), got dtype float32 and shape (2, 5)",
        ),
        ("tensor 'mask'", "required tensor (dtype bool and shape (-1, 4)) is missing"),
    ]
    with pytest.raises(DataValidationError, match="expected a dict of numpy arrays"):
        predict("image")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- persistence


class Digits(PythonModel):
    def predict(self, model_input: Images) -> list[int]:
        return [int(x) for x in model_input.reshape(len(model_input), -1).sum(axis=1)]


def test_save_and_load_keep_the_tensor_schema_and_checks(tmp_path: Path) -> None:
    save_model(tmp_path / "m", python_model=Digits(), input_example=images(1, 28, 28, 1))
    loaded = load_model(tmp_path / "m")
    assert loaded.metadata.get_input_schema() == IMAGES_SCHEMA
    assert loaded.validated_by_hints
    assert loaded.predict(np.ones((2, 28, 28, 1), dtype=np.float32)) == [784, 784]
    with pytest.raises(DataValidationError, match=r"got dtype float32 and shape \(2, 3\)"):
        loaded.predict(images(2, 3))
    served = loaded.parse_serving_input({"inputs": np.ones((1, 28, 28, 1)).tolist()})
    assert loaded.predict(served.data) == [784]


def test_compiled_tensor_hints_pickle() -> None:
    hints = get_predict_hints(classify)
    assert hints is not None
    copy = pickle.loads(pickle.dumps(hints))
    assert copy.input_schema == IMAGES_SCHEMA
    with pytest.raises(DataValidationError, match="got dtype int64"):
        copy.validate_input(images(1, 28, 28, 1, dtype=np.int64))
