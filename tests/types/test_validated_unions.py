"""`validate_unions=True`: unions are validated (smart, strict), the schema still says AnyType."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import cloudpickle
import pydantic
import pytest

from hintsig.exceptions import DataValidationError, InvalidHintError, UnsupportedHintWarning
from hintsig.pyfunc import PythonModel, load_model, save_model
from hintsig.pyfunc.utils import pyfunc
from hintsig.types import ColSpec, Schema
from hintsig.types._hint_predict import compile_predict_hints
from hintsig.types.schema import AnyType, Array, Object, Property
from hintsig.types.type_hints import PredictHints, get_predict_hints


class Cat(pydantic.BaseModel):
    kind: Literal["cat"]
    lives: int


class Dog(pydantic.BaseModel):
    kind: Literal["dog"]
    good: bool = True


class Bad(pydantic.BaseModel):
    name: str | None  # an Optional field without a default


Pet = Annotated[Union[Cat, Dog], pydantic.Field(discriminator="kind")]  # noqa: UP007
ANY_COLUMN = Schema([ColSpec(AnyType())])


def compiled(hint: Any, *, validate_unions: bool) -> PredictHints:
    def predict(model_input: Any) -> Any:
        return model_input

    predict.__annotations__ = {"model_input": hint}
    hints = compile_predict_hints(predict, validate_unions=validate_unions)
    assert hints is not None
    return hints


# ----------------------------------------------------------------------------- validated


@pytest.mark.parametrize(
    ("hint", "good", "expected", "bad", "errors"),
    [
        (
            list[int | str],
            [1, "a"],
            [1, "a"],
            [1.5, True],
            [
                ("[0].int", "expected int, got float"),
                ("[0].str", "expected str, got float"),
                ("[1].int", "expected int, got bool"),
                ("[1].str", "expected str, got bool"),
            ],
        ),
        (
            list[Union[Cat, Dog]],  # noqa: UP007
            [{"kind": "cat", "lives": 9}, {"kind": "dog"}],
            [Cat(kind="cat", lives=9), Dog(kind="dog")],
            [{"kind": "cat", "lives": "9"}],
            [
                ("[0].Cat.lives", "expected int, got str"),
                ("[0].Dog.kind", "expected 'dog', got str"),
            ],
        ),
        (
            list[Pet],
            [{"kind": "dog", "good": False}],
            [Dog(kind="dog", good=False)],
            [{"kind": "cat", "lives": "9"}, {"kind": "fish"}],
            [
                ("[0].cat.lives", "expected int, got str"),
                ("[1]", "the 'kind' tag matches none of the expected tags 'cat', 'dog'"),
            ],
        ),
        (
            list[dict[str, int | list[str]]],
            [{"a": 1, "b": ["x"]}],
            [{"a": 1, "b": ["x"]}],
            [{"a": "1"}],
            [
                ("[0][<key 0>].int", "expected int, got str"),
                ("[0][<key 0>]['list[str]']", "expected a list, got str"),
            ],
        ),
    ],
    ids=["primitives", "models", "discriminated", "nested"],
)
def test_unions_are_validated_with_the_flag(
    hint: Any, good: Any, expected: Any, bad: Any, errors: list[tuple[str, str]]
) -> None:
    hints = compiled(hint, validate_unions=True)
    assert hints.validate_input(good) == expected
    assert hints.validate_input(good, serving=True) == expected
    with pytest.raises(DataValidationError) as info:
        hints.validate_input(bad)
    assert info.value.errors == errors
    assert "9" not in str(info.value)


@pytest.mark.parametrize(
    ("hint", "schema"),
    [
        (list[int | str], ANY_COLUMN),
        (list[Pet], ANY_COLUMN),
        (list[list[int | str]], Schema([ColSpec(Array(AnyType()))])),
    ],
)
def test_the_schema_still_records_any_type(hint: Any, schema: Schema) -> None:
    assert compiled(hint, validate_unions=True).input_schema == schema


class Owner(pydantic.BaseModel):
    pet: Union[Cat, Dog]  # noqa: UP007


def test_a_union_field_inside_a_model_is_the_model_own_business() -> None:
    # pydantic's own validation covers the field, with or without the flag.
    for flag in (False, True):
        hints = compiled(list[Owner], validate_unions=flag)
        assert hints.input_schema == Schema([ColSpec(Object([Property("pet", AnyType())]))])
        with pytest.raises(DataValidationError):
            hints.validate_input([{"pet": {"kind": "cat"}}])


@pytest.mark.parametrize(
    ("hint", "message"),
    [
        (list[Union[Cat, Bad]], "an Optional field needs a default"),  # noqa: UP007
        (list[int | list], "a list needs its element type"),  # type: ignore[type-arg]
    ],
)
def test_invalid_members_are_refused_with_the_flag(hint: Any, message: str) -> None:
    with pytest.raises(InvalidHintError, match=message):
        compiled(hint, validate_unions=True)


def test_a_member_with_no_schema_type_is_unsupported_with_the_flag() -> None:
    with pytest.warns(UnsupportedHintWarning, match=r"`set\[str\]`"):
        hints = compiled(list[int | set[str]], validate_unions=True)
    assert hints.input_schema is None and not hints.validates_input


# ----------------------------------------------------------------------------- default


@pytest.mark.parametrize("hint", [list[int | str], list[Cat | Dog], list[Pet], list[Cat | Bad]])
def test_default_keeps_mlflow_behaviour(hint: Any) -> None:
    with pytest.warns(UnsupportedHintWarning, match="validate_unions=True"):
        hints = compiled(hint, validate_unions=False)
    assert hints.input_schema == ANY_COLUMN
    unchecked = [1.5, {"kind": "fish"}]
    assert hints.validate_input(unchecked) == unchecked


# ----------------------------------------------------------------------------- the flag


@pyfunc(validate_unions=True)
def describe(model_input: list[Pet]) -> list[str]:
    return [type(p).__name__ for p in model_input]


class ByKeyword(PythonModel, validate_unions=True):
    def predict(self, model_input: list[Pet]) -> list[str]:
        return [type(p).__name__ for p in model_input]


class ByAttribute(PythonModel):
    validate_unions = True

    def predict(self, model_input: list[Pet]) -> list[str]:
        return [type(p).__name__ for p in model_input]


class Inheriting(ByKeyword):
    def predict(self, model_input: list[Pet]) -> list[str]:
        return ["inherited"] * len(model_input)


PETS = [{"kind": "cat", "lives": 1}, {"kind": "dog"}]
FISH: list[Any] = [{"kind": "fish"}]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (describe, ["Cat", "Dog"]),
        (ByKeyword().predict, ["Cat", "Dog"]),
        (ByAttribute().predict, ["Cat", "Dog"]),
        (Inheriting().predict, ["inherited", "inherited"]),
    ],
    ids=["pyfunc", "class keyword", "class attribute", "inherited"],
)
def test_the_flag_on_pyfunc_and_python_model(
    call: Callable[[Any], list[str]], expected: list[str]
) -> None:
    assert call(PETS) == expected
    with pytest.raises(DataValidationError, match=r"\[0\]\.cat\.lives: expected int"):
        call([{"kind": "cat", "lives": "x"}])


def test_the_keyword_overrides_the_attribute() -> None:
    with pytest.warns(UnsupportedHintWarning, match="not validated"):

        class Off(ByAttribute, validate_unions=False):
            def predict(self, model_input: list[Pet]) -> list[str]:
                return []

    assert Off.validate_unions is False
    assert Off().predict(FISH) == []


def test_rewrapping_with_another_flag_recompiles() -> None:
    with pytest.warns(UnsupportedHintWarning, match="not validated"):
        unchecked = pyfunc(validate_unions=False)(describe)
    assert unchecked(FISH) == ["dict"]
    hints = get_predict_hints(unchecked)
    assert hints is not None and hints.validate_unions is False
    assert pyfunc(validate_unions=True)(describe) is describe


# ----------------------------------------------------------------------------- persistence


def test_loaded_model_keeps_the_flag(tmp_path: Path) -> None:
    def make() -> type[PythonModel]:
        # A local class is pickled by value: loading rebuilds it from the saved bytes.
        class Local(PythonModel, validate_unions=True):
            def predict(self, model_input: list[Pet]) -> list[str]:
                return [type(p).__name__ for p in model_input]

        return Local

    save_model(tmp_path / "m", python_model=make()(), input_example=PETS)
    loaded = load_model(tmp_path / "m")
    assert loaded.metadata.get_input_schema() == ANY_COLUMN
    assert loaded.predict(PETS) == ["Cat", "Dog"]
    with pytest.raises(DataValidationError, match="'kind' tag matches none"):
        loaded.predict([{"kind": "fish"}])


def test_compiled_hints_pickle_with_the_flag() -> None:
    for copy in (
        pickle.loads(pickle.dumps(describe)),
        cloudpickle.loads(cloudpickle.dumps(describe)),
    ):
        hints = get_predict_hints(copy)
        assert hints is not None and hints.validate_unions is True
        with pytest.raises(DataValidationError):
            copy([{"kind": "fish"}])
