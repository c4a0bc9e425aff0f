"""`@pyfunc`: hints compiled at decoration, every call validated and converted."""

from __future__ import annotations

import inspect
import typing
from typing import Any, Optional

import pandas as pd
import pydantic
import pytest

from hintsig.exceptions import DataValidationError, InvalidHintError, UnsupportedHintWarning
from hintsig.pyfunc.utils import is_pyfunc, pyfunc
from hintsig.types.schema import ColSpec, DataType, Schema
from hintsig.types.type_hints import TypeFromExample, get_predict_hints


class Message(pydantic.BaseModel):
    role: str
    content: str
    metadata: Optional[dict[str, str]] = None  # noqa: UP045


@pyfunc
def contents(model_input: list[Message]) -> list[str]:
    """Return the content of each message."""
    return [m.content for m in model_input]


def test_dicts_are_converted_and_objects_pass() -> None:
    assert contents([{"role": "user", "content": "Hi"}]) == ["Hi"]
    assert contents([Message(role="user", content="Hello")]) == ["Hello"]


def test_bad_input_raises_before_the_function_runs() -> None:
    calls: list[Any] = []

    @pyfunc
    def predict(model_input: list[str]) -> list[str]:
        calls.append(model_input)
        return model_input

    with pytest.raises(DataValidationError, match=r"\[1\]: expected str, got int"):
        predict(["a", 2])
    assert calls == []


@pytest.mark.parametrize(
    "call",
    [
        lambda f: f([{"role": "user", "content": "Hi"}]),
        lambda f: f(model_input=[{"role": "user", "content": "Hi"}]),
    ],
    ids=["positional", "keyword"],
)
def test_input_is_validated_positionally_and_by_keyword(call: Any) -> None:
    assert call(contents) == ["Hi"]


def test_params_and_context_are_passed_through() -> None:
    @pyfunc
    def predict(
        context: Any, model_input: list[int], params: dict[str, Any] | None = None
    ) -> list[int]:
        scale = (params or {}).get("scale", 1)
        return [context + v * scale for v in model_input]

    assert predict(100, [1, 2], params={"scale": 10}) == [110, 120]
    assert predict(100, model_input=[1], params=None) == [101]
    with pytest.raises(DataValidationError, match=r"\[0\]: expected int, got str"):
        predict(100, ["1"])
    hints = get_predict_hints(predict)
    assert hints is not None and hints.input_param == "model_input"
    assert hints.input_position == 1


def test_methods_are_validated() -> None:
    class Model:
        def __init__(self, prefix: str) -> None:
            self.prefix = prefix

        @pyfunc
        def predict(
            self, model_input: list[str], params: dict[str, Any] | None = None
        ) -> list[str]:
            return [self.prefix + s for s in model_input]

    model = Model(">")
    assert model.predict(["a"]) == [">a"]
    with pytest.raises(DataValidationError):
        model.predict([1])
    hints = get_predict_hints(model)
    assert hints is not None and hints.input_position == 1
    assert get_predict_hints(Model) is hints
    assert get_predict_hints(model.predict) is hints


def test_the_second_of_two_parameters_is_the_input() -> None:
    with pytest.warns(UserWarning, match="ctx, data; hintsig passes the model input as `data`"):

        @pyfunc
        def predict(ctx: Any, data: list[str]) -> list[str]:
            return data

    assert predict(None, ["a"]) == ["a"]
    with pytest.raises(DataValidationError):
        predict(None, [1])


def test_other_parameter_names_warn() -> None:
    with pytest.warns(UserWarning, match="parameters other than context, model_input, params: x"):

        @pyfunc
        def predict(x: list[str]) -> list[str]:
            return x

    with pytest.raises(DataValidationError):
        predict([1])


def test_wrapper_keeps_the_function_metadata() -> None:
    assert contents.__name__ == "contents"
    assert contents.__doc__ == "Return the content of each message."
    assert inspect.signature(contents) == inspect.signature(contents.__wrapped__)  # type: ignore[attr-defined]
    assert is_pyfunc(contents)
    assert not is_pyfunc(contents.__wrapped__)  # type: ignore[attr-defined]


def test_hints_are_kept_on_the_wrapper() -> None:
    hints = get_predict_hints(contents)
    assert hints is not None
    assert hints is get_predict_hints(contents)
    assert hints.input_hint == list[Message]
    assert hints.output_schema == Schema([ColSpec(DataType.string)])
    assert hints.validates_input and not hints.validates_output


def test_decorating_twice_changes_nothing() -> None:
    assert pyfunc(contents) is contents


# ----------------------------------------------------------------------------- output


def test_outputs_are_not_validated_by_default() -> None:
    @pyfunc
    def predict(model_input: list[str]) -> list[int]:
        return model_input  # type: ignore[return-value]

    assert predict(["a"]) == ["a"]


def test_validate_output_checks_the_return_value() -> None:
    @pyfunc(validate_output=True)
    def predict(model_input: list[str]) -> list[int]:
        return [len(s) if s else "empty" for s in model_input]  # type: ignore[misc]

    assert predict(["ab"]) == [2]
    with pytest.raises(DataValidationError) as info:
        predict(["ab", ""])
    assert str(info.value).startswith("Failed to validate output against type hint `list[int]`")
    assert info.value.errors == [("[1]", "expected int, got str")]
    hints = get_predict_hints(predict)
    assert hints is not None and hints.validates_output


def test_validate_output_converts_dicts_to_models() -> None:
    @pyfunc(validate_output=True)
    def echo(model_input: list[str]) -> list[Message]:
        return [{"role": "bot", "content": s} for s in model_input]  # type: ignore[misc]

    assert echo(["x"]) == [Message(role="bot", content="x")]


def test_validate_output_of_a_scalar_hint() -> None:
    @pyfunc(validate_output=True)
    def count(model_input: list[str]) -> int:
        return len(model_input)

    assert count(["a", "b"]) == 2


@pytest.mark.parametrize(
    "annotations",
    [
        {"model_input": list[str]},
        {"model_input": list[str], "return": set[str]},
        {},
    ],
    ids=["no return hint", "unsupported return hint", "no hints"],
)
def test_validate_output_needs_a_checkable_return_hint(annotations: dict[str, Any]) -> None:
    def predict(model_input: Any) -> Any:
        return model_input

    predict.__annotations__ = annotations
    with pytest.raises(InvalidHintError, match="validate_output=True"):
        pyfunc(validate_output=True)(predict)


def test_redecorating_with_validate_output_rewraps_the_original() -> None:
    checked = pyfunc(validate_output=True)(contents)
    assert checked is not contents
    assert checked.__wrapped__ is contents.__wrapped__  # type: ignore[attr-defined]
    hints = get_predict_hints(checked)
    assert hints is not None and hints.validates_output


# ----------------------------------------------------------------------------- hints


def test_invalid_hints_raise_at_decoration() -> None:
    with pytest.raises(InvalidHintError, match="list elements cannot be None"):

        @pyfunc
        def predict(model_input: list[str | None]) -> list[str]:
            return []


def test_unsupported_hints_warn_and_pass_data_through() -> None:
    with pytest.warns(UnsupportedHintWarning, match="write `list\\[str\\]`") as record:

        @pyfunc
        def predict(model_input: str) -> str:
            return model_input

    assert record[0].filename == __file__
    assert predict(123) == 123  # type: ignore[arg-type,comparison-overlap]
    hints = get_predict_hints(predict)
    assert hints is not None and hints.input_schema is None and not hints.validates_input


@pytest.mark.parametrize("hint", [pd.DataFrame, TypeFromExample])
def test_hints_without_schema_pass_data_through(hint: Any) -> None:
    def predict(model_input: Any) -> Any:
        return model_input

    predict.__annotations__ = {"model_input": hint}
    wrapped = pyfunc(predict)
    frame = pd.DataFrame({"a": [1]})
    assert wrapped(frame) is frame
    hints = get_predict_hints(wrapped)
    assert hints is not None and hints.type_from_example is (hint is TypeFromExample)


def test_no_hints_means_no_validation() -> None:
    @pyfunc
    def predict(model_input):  # type: ignore[no-untyped-def]
        return model_input

    assert predict(["anything", 1]) == ["anything", 1]
    assert get_predict_hints(predict) is None
    assert is_pyfunc(predict)


def test_string_annotations_naming_local_classes_resolve() -> None:
    class Local(pydantic.BaseModel):
        name: str

    def predict(model_input: list[Local]) -> list[str]:
        return [x.name for x in model_input]

    predict.__annotations__ = {"model_input": "list[Local]", "return": "list[str]"}
    wrapped = pyfunc(predict)
    assert wrapped([{"name": "n"}]) == ["n"]


def test_undefined_names_in_hints_are_invalid() -> None:
    def predict(model_input: Any) -> Any:
        return model_input

    predict.__annotations__ = {"model_input": "list[Missing]"}
    with pytest.raises(InvalidHintError, match="name something undefined"):
        pyfunc(predict)


def test_dataframe_input_to_a_list_hint() -> None:
    frame = pd.DataFrame({"role": ["user"], "content": ["Hi"]})
    assert contents(frame) == ["Hi"]


def test_decorator_is_typed_with_the_original_signature() -> None:
    hints = typing.get_type_hints(contents)
    assert hints == {"model_input": list[Message], "return": list[str]}
