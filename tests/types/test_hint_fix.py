"""What the translator says to write instead of a wrong hint (`_hint_fix`), and the hints it
accepts since: `None` list elements inside a pydantic model, `Annotated` dict keys."""

from __future__ import annotations

import collections
import typing
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Optional

import pydantic
import pytest

from hintsig.exceptions import (
    DataValidationError,
    HintsigException,
    InvalidHintError,
    UnsupportedHintWarning,
)
from hintsig.pyfunc.utils import pyfunc
from hintsig.types._hint_fix import suggest
from hintsig.types._hint_predict import get_predict_hints
from hintsig.types._hint_registry import hint_repr
from hintsig.types._hint_root import plan_input
from hintsig.types.schema import AnyType, Array, ColSpec, DataType, Map, Object, Property, Schema


class Message(pydantic.BaseModel):
    role: str
    content: str


class Empty(pydantic.BaseModel):
    pass


class HoldsEmpty(pydantic.BaseModel):
    inner: Empty


class OptionalItems(pydantic.BaseModel):
    tags: list[str | None]
    counts: list[Optional[int]] = []  # noqa: UP045
    grid: list[list[float | None]] = []
    messages: list[Message | None] = []


class Point:
    x: int


# ----------------------------------------------------------------------------- empty models


@pytest.mark.parametrize(
    ("hint", "where"),
    [
        (list[Empty], "`Empty` in `list[Empty]`"),
        (list[HoldsEmpty], "`list[HoldsEmpty].inner: Empty`"),
    ],
)
def test_a_model_without_fields_is_an_invalid_hint(hint: Any, where: str) -> None:
    with pytest.raises(InvalidHintError) as caught:
        plan_input(hint)
    assert isinstance(caught.value, TypeError) and isinstance(caught.value, HintsigException)
    assert caught.value.message == (
        f"Invalid type hint {where}: a model with no fields cannot describe an input; add "
        "fields to it, or write `dict[str, str]` for free-form keys"
    )


def test_a_model_without_fields_fails_at_decoration() -> None:
    def predict(model_input: list[Empty]) -> list[str]:
        return []

    with pytest.raises(InvalidHintError, match="a model with no fields"):
        pyfunc(predict)


# ----------------------------------------------------------------------------- None elements


def test_none_list_elements_are_allowed_in_a_model_field() -> None:
    plan = plan_input(list[OptionalItems])
    assert plan.schema == Schema(
        [
            ColSpec(
                Object(
                    [
                        Property("tags", Array(DataType.string)),
                        Property("counts", Array(DataType.long), required=False),
                        Property("grid", Array(Array(DataType.double)), required=False),
                        Property(
                            "messages",
                            Array(
                                Object(
                                    [
                                        Property("role", DataType.string),
                                        Property("content", DataType.string),
                                    ]
                                )
                            ),
                            required=False,
                        ),
                    ]
                )
            )
        ]
    )
    assert plan.notes == ()


def test_none_list_elements_in_a_model_are_validated() -> None:
    @pyfunc
    def predict(model_input: list[OptionalItems]) -> list[int]:
        return [len(item.tags) for item in model_input]

    data: Any = [{"tags": ["a", None], "grid": [[1.0, None]], "messages": [None]}]
    assert predict(data) == [2]
    bad: Any = [{"tags": ["a", 1], "counts": [None, "2"]}]
    with pytest.raises(DataValidationError) as caught:
        predict(bad)
    assert [path for path, _ in caught.value.errors] == ["[0].tags[1]", "[0].counts[1]"]


@pytest.mark.parametrize(
    ("hint", "fix"),
    [
        (list[int | None], "list[int]"),
        (list[Optional[str]], "list[str]"),  # noqa: UP045
        (list[Message | None], "list[Message]"),
    ],
)
def test_none_elements_of_the_input_list_stay_invalid(hint: Any, fix: str) -> None:
    with pytest.raises(InvalidHintError) as caught:
        plan_input(hint)
    assert f"list elements cannot be None; write `{fix}`, or, for optional values, use a " in (
        caught.value.message
    )


# ----------------------------------------------------------------------------- dict keys


def test_annotated_str_dict_keys_are_str_keys() -> None:
    plan = plan_input(list[dict[Annotated[str, "key"], int]])
    assert plan.schema == Schema([ColSpec(Map(DataType.long))])


def test_annotated_int_dict_keys_stay_invalid() -> None:
    with pytest.raises(
        InvalidHintError, match=r"dict keys must be str .*; write `dict\[str, int\]`"
    ):
        plan_input(list[dict[Annotated[int, "key"], int]])


# ----------------------------------------------------------------------------- messages


@pytest.mark.parametrize(
    ("hint", "message"),
    [
        (
            int | None,
            "write `list[int]` (list elements cannot be None); for optional values, use a "
            "pydantic model with an Optional field with a default (`name: int | None = None`)",
        ),
        (dict[int, set[int]], "write `list[dict[str, list[int]]]`"),
        (tuple[int, ...], "write `list[int]`"),
        (Sequence[str], "write `list[str]`"),
        (
            list[set[str]] | None,
            "the model input is a list, never None; write `list[list[str]]`",
        ),
        (Point, "must be a list of a type hintsig supports; use str, int, float"),
        (list[tuple[int, ...]], "`tuple[int, ...]` in `list[tuple[int, ...]]`"),
        (list[tuple[int, str]], "use a pydantic model with one field per item"),
        (list[Point], "make `Point` a pydantic model (a `BaseModel` subclass)"),
        (list[Mapping[str, set[int]]], "write `dict[str, list[int]]`"),
    ],
)
def test_unsupported_hints_say_what_to_write(hint: Any, message: str) -> None:
    plan = plan_input(hint)
    assert plan.schema is None
    assert message in plan.notes[0]


def test_dict_key_fix_repairs_the_value_too() -> None:
    with pytest.raises(InvalidHintError) as caught:
        plan_input(list[dict[int, set[int]]])
    assert caught.value.message.endswith(
        "dict keys must be str (as in JSON); write `dict[str, list[int]]`"
    )


def test_a_list_with_two_element_types_suggests_one() -> None:
    with pytest.raises(InvalidHintError, match=r"got 2; write `list\[int\]`"):
        plan_input(list[int, str])  # type: ignore[misc]


def test_validate_output_without_a_return_hint_says_to_add_one() -> None:
    def predict(model_input: list[str]):  # type: ignore[no-untyped-def]
        return model_input

    with pytest.raises(InvalidHintError) as caught:
        pyfunc(validate_output=True)(predict)
    assert caught.value.message == (
        "validate_output=True needs a return type hint hintsig can check; add one, such as "
        "`-> list[str]`"
    )


@pytest.mark.parametrize(
    ("hint", "shown"),
    [
        (tuple[int, ...], "tuple[int, ...]"),
        (list[tuple[str, ...]], "list[tuple[str, ...]]"),
        (typing.Tuple[int, ...], "tuple[int, ...]"),  # noqa: UP006
    ],
)
def test_hint_repr_shows_an_ellipsis_as_written(hint: Any, shown: str) -> None:
    assert hint_repr(hint) == shown


# ----------------------------------------------------------------------------- suggest


@pytest.mark.parametrize(
    ("hint", "kwargs", "expected"),
    [
        (list, {}, "list[str]"),
        (dict, {}, "dict[str, str]"),
        (set[int], {}, "list[int]"),
        (frozenset[str], {}, "list[str]"),
        (collections.deque[int], {}, "list[int]"),
        (Mapping[int, list[int | None]], {}, "dict[str, list[int]]"),
        (Mapping[int, list[int | None]], {"in_model": True}, "dict[str, list[int | None]]"),
        (dict[str, int | None], {}, "dict[str, int | None]"),
        (int | None, {}, "int"),
        (int | None, {"none_allowed": True}, "int | None"),
        (int | str, {}, "int | str"),
        (Annotated[set[Message], "meta"], {}, "list[Message]"),
        (tuple[int, str], {}, None),
        (list[Point], {}, None),
        (dict[str, Point], {}, None),
        (Empty, {}, None),
    ],
)
def test_suggest_repairs_a_hint(hint: Any, kwargs: dict[str, bool], expected: str | None) -> None:
    assert suggest(hint, **kwargs) == expected


# As MLflow: below the input list itself, elements may be None; the schema keeps their type.
@pytest.mark.parametrize(
    ("hint", "schema_type"),
    [
        (list[list[int | None]], Array(DataType.long)),
        (list[list[Optional[int]]], Array(DataType.long)),  # noqa: UP045
        (list[list[list[str | None]]], Array(Array(DataType.string))),
        (list[list[list[int] | None]], Array(Array(DataType.long))),
        (list[dict[str, list[int | None]]], Map(Array(DataType.long))),
    ],
)
def test_none_elements_of_nested_lists_are_allowed(hint: Any, schema_type: Any) -> None:
    assert plan_input(hint).schema == Schema([ColSpec(schema_type)])


def test_none_elements_of_nested_lists_are_validated() -> None:
    @pyfunc
    def predict(model_input: list[list[int | None]]) -> list[int]:
        return [len(row) for row in model_input]

    assert predict([[1, None], [2], [None]]) == [2, 1, 1]
    bad: Any = [[1, "a"], None]
    with pytest.raises(DataValidationError) as caught:
        predict(bad)
    assert [path for path, _ in caught.value.errors] == ["[0][1]", "[1]"]


def test_a_return_hint_with_none_elements_gives_an_any_output() -> None:
    @pyfunc
    def predict(model_input: list[str]) -> list[int | None]:
        return [None for _ in model_input]

    hints = get_predict_hints(predict)
    assert hints is not None
    assert hints.output_schema == Schema([ColSpec(AnyType())])


def test_a_bare_tuple_element_is_unsupported_not_a_crash() -> None:
    with pytest.warns(UnsupportedHintWarning, match=r"`tuple` in `list\[tuple\]`.*write `list"):

        @pyfunc
        def predict(model_input: list[tuple]) -> list[str]:  # type: ignore[type-arg]
            return ["x"]

    hints = get_predict_hints(predict)
    assert hints is not None
    assert not hints.validates_input
    assert hints.input_schema is None
    assert predict([(1, "a")]) == ["x"]  # type: ignore[list-item]
