"""Type hints -> schema, and the compiled validation behind every `predict` call."""

from __future__ import annotations

import base64
import datetime as dt
import enum
import pickle
import typing
from collections.abc import Iterator
from typing import Annotated, Any, Dict, List, Literal, NewType, Optional, Union  # noqa: UP035

import numpy as np
import numpy.typing as npt
import pandas as pd
import pydantic
import pytest
import scipy.sparse

from hintsig.exceptions import (
    DataValidationError,
    DroppedColumnsWarning,
    HintsigException,
    InvalidHintError,
    UnsupportedHintWarning,
)
from hintsig.pyfunc.utils import pyfunc
from hintsig.types import _hint_registry
from hintsig.types._hint_predict import compile_predict_hints
from hintsig.types._validators import compile_validator
from hintsig.types.schema import AnyType, Array, ColSpec, DataType, Map, Object, Property, Schema
from hintsig.types.type_hints import (
    PredictHints,
    Translation,
    TranslationContext,
    TypeFromExample,
    get_predict_hints,
    register_translator,
    schema_from_hint,
)

# ----------------------------------------------------------------------------- models


class Message(pydantic.BaseModel):
    role: str
    content: str
    metadata: Dict[str, str] | None = None  # noqa: UP006


class Tool(pydantic.BaseModel):
    name: str
    description: str | None = None
    retries: int = 3


class ChatRequest(pydantic.BaseModel):
    messages: List[Message]  # noqa: UP006
    tools: List[Tool] | None = None  # noqa: UP006
    temperature: float = 0.7


class Color(str, enum.Enum):
    red = "red"
    blue = "blue"


class Level(enum.IntEnum):
    low = 1
    high = 2


class Palette(pydantic.BaseModel):
    color: Color
    level: Level = Level.low
    kind: Literal["warm", "cold"] = "warm"


class Aliased(pydantic.BaseModel):
    user_id: int = pydantic.Field(alias="userId")


class Node(pydantic.BaseModel):
    name: str
    children: list[Node] = []


class Secret(pydantic.BaseModel):
    token: str
    count: int


UserId = NewType("UserId", int)


def column(dtype: Any) -> Schema:
    return Schema([ColSpec(dtype)])


def hints_of(hint: Any, output: Any = None) -> PredictHints:
    """The compiled hints of a function whose input is hinted `hint`."""

    def predict(model_input: Any) -> Any:
        return model_input

    predict.__annotations__ = {"model_input": hint, "return": output}
    result = get_predict_hints(predict)
    assert result is not None
    return result


def validate(hint: Any, data: Any, **kwargs: Any) -> Any:
    return hints_of(hint).validate_input(data, **kwargs)


# ----------------------------------------------------------------------------- translation

MESSAGE_OBJECT = Object(
    [
        Property("role", DataType.string),
        Property("content", DataType.string),
        Property("metadata", Map(DataType.string), required=False),
    ]
)


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        (list[str], column(DataType.string)),
        (list[int], column(DataType.long)),
        (list[float], column(DataType.double)),
        (list[bool], column(DataType.boolean)),
        (list[bytes], column(DataType.binary)),
        (list[dt.datetime], column(DataType.datetime)),
        (List[str], column(DataType.string)),  # noqa: UP006
        (list[list[str]], column(Array(DataType.string))),
        (list[list[list[int]]], column(Array(Array(DataType.long)))),
        (list[dict[str, int]], column(Map(DataType.long))),
        (List[Dict[str, List[str]]], column(Map(Array(DataType.string)))),  # noqa: UP006
        (list[dict[str, str | None]], column(Map(DataType.string))),
        (list[Literal["a", "b"]], column(DataType.string)),
        (list[Literal[1, 2]], column(DataType.long)),
        (list[Literal[True]], column(DataType.boolean)),
        (list[Color], column(DataType.string)),
        (list[Level], column(DataType.long)),
        (list[UserId], column(DataType.long)),
        (Annotated[list[int], "doc"], column(DataType.long)),
        (list[Annotated[int, pydantic.Field(gt=0)]], column(DataType.long)),
        (list[Message], column(MESSAGE_OBJECT)),
        (list[Aliased], column(Object([Property("userId", DataType.long)]))),
        (
            list[ChatRequest],
            column(
                Object(
                    [
                        Property("messages", Array(MESSAGE_OBJECT)),
                        Property(
                            "tools",
                            Array(
                                Object(
                                    [
                                        Property("name", DataType.string),
                                        Property("description", DataType.string, False),
                                        Property("retries", DataType.long, False),
                                    ]
                                )
                            ),
                            required=False,
                        ),
                        Property("temperature", DataType.double, required=False),
                    ]
                )
            ),
        ),
        (
            list[Node],
            column(
                Object(
                    [
                        Property("name", DataType.string),
                        Property("children", Array(AnyType()), required=False),
                    ]
                )
            ),
        ),
    ],
)
def test_hint_to_schema(hint: Any, expected: Schema) -> None:
    assert schema_from_hint(hint) == expected


def test_a_date_hint_is_a_datetime_column_with_a_warning() -> None:
    # MLflow warns that `date` is unsupported and validates nothing; hintsig records datetime,
    # validates dates and says so.
    with pytest.warns(UnsupportedHintWarning, match=r"`date` in `list\[date\]`: .*datetime"):
        hints = hints_of(list[dt.date])
    assert hints.input_schema == column(DataType.datetime)
    assert hints.validate_input([dt.date(2024, 1, 1)]) == [dt.date(2024, 1, 1)]
    with pytest.raises(DataValidationError, match=r"\[0\]: expected date, got str"):
        hints.validate_input(["2024-01-01"])
    with pytest.warns(UnsupportedHintWarning, match="no date type"):
        nested = hints_of(list[list[dt.date]])
    assert nested.validate_input([["2024-01-02"]], serving=True) == [[dt.date(2024, 1, 2)]]


def test_a_date_field_of_a_model_gives_no_warning() -> None:
    hints = hints_of(list[Upload])  # `day: date | None`; filterwarnings=error checks it
    assert hints.input_schema is not None


def test_field_with_any_default_is_optional() -> None:
    # MLflow marks `retries: int = 3` required; hintsig lets inputs omit it.
    schema = schema_from_hint(list[Tool])
    assert schema is not None
    obj = schema.inputs[0].type
    assert isinstance(obj, Object)
    retries = obj.property("retries")
    assert retries is not None and retries.required is False


@pytest.mark.parametrize(
    ("hint", "where"),
    [
        (list[Union[int, str]], "`int | str` in `list[int | str]`"),  # noqa: UP007
        (list[int | str], "`int | str` in `list[int | str]`"),
        (list[Union[Message, Tool]], "`Message | Tool` in `list[Message | Tool]`"),  # noqa: UP007
        (list[Any], "`Any` in `list[Any]`"),
        (list[dict[str, Any]], "`Any` in `list[dict[str, Any]]`"),
    ],
)
def test_unvalidated_hints_become_any_type_with_a_warning(hint: Any, where: str) -> None:
    with pytest.warns(UnsupportedHintWarning, match="is not validated") as record:
        schema = schema_from_hint(hint)
    assert where in str(record[0].message)
    assert schema is not None
    assert AnyType() in (schema.inputs[0].type, getattr(schema.inputs[0].type, "value_type", 0))


@pytest.mark.parametrize(
    "hint",
    [
        TypeFromExample,
        pd.DataFrame,
        pd.Series,
        np.ndarray,
        npt.NDArray[np.float64],
        scipy.sparse.csr_matrix,
        scipy.sparse.csc_matrix,
    ],
)
def test_legacy_hints_have_no_schema_and_no_warning(hint: Any) -> None:
    hints = hints_of(hint)
    assert hints.input_schema is None
    assert hints.validates_input is False
    assert hints.type_from_example is (hint is TypeFromExample)
    frame = pd.DataFrame({"a": ["x"]})
    assert hints.validate_input(frame) is frame


class OptionalNoDefault(pydantic.BaseModel):
    metadata: Dict[str, str] | None  # noqa: UP006


class BareDict(pydantic.BaseModel):
    metadata: dict  # type: ignore[type-arg]


class BareList(pydantic.BaseModel):
    tags: list  # type: ignore[type-arg]


@pytest.mark.parametrize(
    ("hint", "message"),
    [
        (list, "a list needs its element type"),
        (List, "a list needs its element type"),  # noqa: UP006
        (list[dict], "a dict needs its key and value types"),  # type: ignore[type-arg]
        (list[list], "a list needs its element type"),  # type: ignore[type-arg]
        (list[int, str], "write `list[int]`"),  # type: ignore[misc]
        (list[dict[int, str]], "write `dict[str, str]`"),
        (list[dict[str]], "a dict needs its key and value types"),  # type: ignore[type-arg]
        (list[Optional[str]], "list elements cannot be None"),  # noqa: UP045
        (list[str | None], "list elements cannot be None"),
        (list[OptionalNoDefault], "write `metadata: dict[str, str] | None = None`"),
        (list[BareDict], "`list[BareDict].metadata: dict`"),
        (list[BareList], "`list[BareList].tags: list`"),
    ],
)
def test_invalid_hints_raise(hint: Any, message: str) -> None:
    with pytest.raises(InvalidHintError, match="Invalid type hint") as info:
        hints_of(hint)
    assert message in str(info.value)
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, HintsigException)


class Tagged(pydantic.BaseModel):
    tags: set[str]


class Point:
    pass


@pytest.mark.parametrize(
    ("hint", "message"),
    [
        (str, "write `list[str]`"),
        (Message, "write `list[Message]`"),
        (dict[str, int], "write `list[dict[str, int]]`"),
        (Optional[list[str]], "write `list[str]`"),  # noqa: UP045
        (list[str] | None, "write `list[str]`"),
        (int | list[int] | None, "write `list[int]`"),
        (list[set[str]], "`set[str]` in `list[set[str]]`"),
        (list[tuple[int, int]], "`tuple[int, int]` in `list[tuple[int, int]]`"),
        (list[Point], "`Point` in `list[Point]`"),
        (list[Tagged], "`list[Tagged].tags: set[str]`"),
        (list[pd.DataFrame], "it cannot be a list element"),
        (list[Literal["a", 1]], "values must all be str, all be int or all be bool"),
    ],
)
def test_unsupported_hints_warn_and_skip_validation(hint: Any, message: str) -> None:
    with pytest.warns(UnsupportedHintWarning, match="Unsupported type hint") as record:
        hints = hints_of(hint)
    assert message in str(record[0].message)
    assert hints.input_schema is None
    assert hints.validates_input is False
    assert hints.validate_input(["anything", 1]) == ["anything", 1]


def test_unsupported_warning_points_at_the_caller() -> None:
    with pytest.warns(UnsupportedHintWarning) as record:
        schema_from_hint(list[set[str]])
    assert record[0].filename == __file__


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (list[str], column(DataType.string)),
        (str, column(DataType.string)),
        (dict[str, float], column(Map(DataType.double))),
        (list[Message], column(MESSAGE_OBJECT)),
        (None, column(AnyType())),
        (pd.DataFrame, column(AnyType())),
        (Iterator[str], column(AnyType())),
        (list[int, str], column(AnyType())),  # type: ignore[misc]
    ],
)
def test_output_schema(output: Any, expected: Schema) -> None:
    assert hints_of(list[str], output).output_schema == expected


def test_output_schema_is_none_without_input_schema() -> None:
    assert hints_of(pd.DataFrame, pd.DataFrame).output_schema is None
    assert hints_of(pd.DataFrame, list[str]).output_schema == column(DataType.string)


def test_no_input_hint_gives_no_hints() -> None:
    def predict(model_input):  # type: ignore[no-untyped-def]
        return model_input

    def only_output(model_input) -> list[str]:  # type: ignore[no-untyped-def]
        return list(model_input)

    assert get_predict_hints(predict) is None
    assert get_predict_hints(only_output) is None


# ----------------------------------------------------------------------------- registry


@pytest.fixture
def registry() -> Iterator[list[Any]]:
    """The translator registry, restored after the test."""
    _hint_registry._ensure_loaded()
    saved = list(_hint_registry._registry)
    yield _hint_registry._registry
    _hint_registry._registry[:] = saved


class Money:
    """A plugin type: a decimal amount in cents."""


def test_register_translator_adds_a_plugin_type(registry: list[Any]) -> None:
    @register_translator(lambda hint: hint is Money)
    def money(hint: Any, context: TranslationContext) -> Translation:
        return Translation(DataType.long, int)

    assert schema_from_hint(list[Money]) == column(DataType.long)
    assert schema_from_hint(list[dict[str, Money]]) == column(Map(DataType.long))
    assert validate(list[Money], [5]) == [5]
    with pytest.raises(DataValidationError, match=r"\[0\]: expected int, got str"):
        validate(list[Money], ["5"])


def test_register_translator_first_overrides_builtins(registry: list[Any]) -> None:
    register_translator(
        lambda hint: hint is int, lambda hint, ctx: Translation(DataType.integer, int), first=True
    )
    assert schema_from_hint(list[int]) == column(DataType.integer)


def test_translator_recurses_through_the_context(registry: list[Any]) -> None:
    def pair(hint: Any, context: TranslationContext) -> Translation:
        item = context.translate(typing.get_args(hint)[0])
        assert item.schema_type is not None
        return Translation(Array(item.schema_type), list[item.python_type])  # type: ignore[name-defined]

    register_translator(lambda hint: typing.get_origin(hint) is tuple, pair, first=True)
    assert schema_from_hint(list[tuple[str, ...]]) == column(Array(DataType.string))


class _EntryPoint:
    def __init__(self, name: str, target: Any) -> None:
        self.name = name
        self.value = f"plugin:{name}"
        self._target = target

    def load(self) -> Any:
        if isinstance(self._target, Exception):
            raise self._target
        return self._target


def test_entry_point_plugins_register_translators(
    registry: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def register() -> None:
        register_translator(lambda hint: hint is Money, lambda h, c: Translation(DataType.long))

    import importlib.metadata

    calls: list[str] = []

    def entry_points(group: str) -> list[_EntryPoint]:
        calls.append(group)
        return [_EntryPoint("money", register)]

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    _hint_registry._load_plugins()
    assert calls == ["hintsig.translators"]
    assert schema_from_hint(list[Money]) == column(DataType.long)


def test_a_broken_plugin_is_reported(registry: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda group: [_EntryPoint("broken", ImportError("no module named torch"))],
    )
    with pytest.raises(HintsigException, match=r"plugin 'broken'.*no module named torch"):
        _hint_registry._load_plugins()


def test_plugins_load_lazily_and_numpy_stays_unloaded() -> None:
    import subprocess
    import sys

    code = (
        "import sys, pydantic\n"
        "import hintsig.types.type_hints as t, hintsig.types._hint_registry as r\n"
        "assert not r._loaded and not r._registry\n"
        "class M(pydantic.BaseModel):\n"
        "    when: list[int]\n"
        "t.schema_from_hint(list[M])\n"
        "assert r._loaded and r._registry\n"
        "assert 'numpy' not in sys.modules and 'pandas' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ----------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("hint", "data", "expected"),
    [
        (list[int], [1, 2], [1, 2]),
        (list[float], [1, 2.5], [1.0, 2.5]),  # int accepted for float (MLflow rejects it)
        (list[str], ["a"], ["a"]),
        (list[bool], [True], [True]),
        (list[bytes], [b"x"], [b"x"]),
        (list[dt.datetime], [dt.datetime(2024, 1, 1)], [dt.datetime(2024, 1, 1)]),
        (list[list[float]], [[1, 2.0]], [[1.0, 2.0]]),
        (list[dict[str, list[int]]], [{"a": [1]}], [{"a": [1]}]),
        (list[Literal["a", "b"]], ["b"], ["b"]),
        (list[Color], ["red", Color.blue], [Color.red, Color.blue]),
        (list[Level], [2, Level.low], [Level.high, Level.low]),
        (list[Any], [1, "x", None], [1, "x", None]),
        (list[UserId], [7], [7]),
    ],
)
def test_valid_data_passes(hint: Any, data: Any, expected: Any) -> None:
    if hint == list[Any]:
        with pytest.warns(UnsupportedHintWarning):
            hints = hints_of(hint)
    else:
        hints = hints_of(hint)
    result = hints.validate_input(data)
    assert result == expected
    assert [type(v) for v in result] == [type(v) for v in expected]


@pytest.mark.parametrize(
    ("hint", "data", "message"),
    [
        (list[int], ["123"], "[0]: expected int, got str"),
        (list[int], [True], "[0]: expected int, got bool"),
        (list[int], [1.0], "[0]: expected int, got float"),
        (list[str], [1], "[0]: expected str, got int"),
        (list[float], [True], "[0]: expected float, got bool"),
        (list[float], ["1.5"], "[0]: expected float, got str"),
        (list[bool], [1], "[0]: expected bool, got int"),
        (list[bytes], ["x"], "[0]: expected bytes, got str"),
        (list[dt.datetime], ["2024-01-01"], "[0]: expected datetime, got str"),
        (list[list[str]], [["a", 1]], "[0][1]: expected str, got int"),
        (list[dict[str, int]], [{"a": "1"}], "[0][<key 0>]: expected int, got str"),
        (list[dict[str, int]], [{"ok": 1, "a b": "1"}], "[0][<key 1>]: expected int, got str"),
        (list[Literal["a", "b"]], ["c"], "[0]: expected 'a' or 'b', got str"),
        (list[Literal[1, 2]], [True], "[0]: expected 1 or 2, got bool"),
        (list[Color], ["green"], "[0]: expected 'red' or 'blue', got str"),
        (list[Level], ["1"], "[0]: expected 1 or 2, got str"),
        (list[Level], [True], "[0]: expected 1 or 2, got bool"),
        (list[Annotated[int, pydantic.Field(gt=0)]], [0], "[0]: Input should be greater than 0"),
        (list[str], {"a": 1}, "expected a list, got a dict"),
        (list[str], ("a",), "expected a list, got a tuple"),
        (list[int], [float("nan")], "[0]: expected int, got NaN"),
        (list[Message], ["hello"], "[0]: expected a dict or a Message instance, got str"),
        (list[Message], [{"role": "system"}], "[0].content: Field required"),
        (list[Palette], [{"color": "red", "level": "2"}], "[0].level: expected 1 or 2, got str"),
        (list[ChatRequest], [{"messages": [{"role": 1}]}], "[0].messages[0].role: expected str"),
    ],
)
def test_invalid_data_is_reported(hint: Any, data: Any, message: str) -> None:
    with pytest.raises(DataValidationError) as info:
        validate(hint, data)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith("Failed to validate input against type hint `")


def test_every_invalid_element_is_reported_with_its_path() -> None:
    data = [{"role": "user", "content": "ok"}, {"role": "system"}, "hello", {"role": 1}]
    with pytest.raises(DataValidationError) as info:
        validate(list[Message], data)
    assert info.value.errors == [
        ("[1].content", "Field required"),
        ("[2]", "expected a dict or a Message instance, got str"),
        ("[3].role", "expected str, got int"),
        ("[3].content", "Field required"),
    ]
    assert info.value.headline.endswith(": 3 of 4 elements are invalid")


def test_errors_are_cut_after_twenty_with_a_count() -> None:
    with pytest.raises(DataValidationError) as info:
        validate(list[int], ["x"] * 25)
    assert len(info.value.errors) == 25
    lines = str(info.value).splitlines()
    assert lines[0].endswith("25 of 25 elements are invalid")
    assert lines[-1] == "  ... and 5 more errors"
    assert len(lines) == 22


def test_errors_never_echo_input_values() -> None:
    data = [{"token": 12345, "count": "hunter2-secret"}, "sk-secret-key", {"token": ["sk-1"]}]
    with pytest.raises(DataValidationError) as info:
        validate(list[Secret], data)
    text = str(info.value) + repr(info.value.errors)
    for secret in ("hunter2", "sk-secret", "12345", "sk-1"):
        assert secret not in text
    assert info.value.__cause__ is None and info.value.__suppress_context__


# ----------------------------------------------------------------------------- conversion


def test_dicts_become_model_instances_nested_too() -> None:
    data = [
        {
            "messages": [{"role": "user", "content": "Hi"}],
            "tools": [{"name": "search", "description": "Web search"}],
            "temperature": 0.5,
        }
    ]
    (request,) = validate(list[ChatRequest], data)
    assert isinstance(request, ChatRequest)
    assert isinstance(request.messages[0], Message)
    assert request.tools is not None and isinstance(request.tools[0], Tool)
    assert request.tools[0].retries == 3


def test_model_instances_pass_through_and_subclasses_are_kept() -> None:
    class Shouted(Message):
        volume: int = 11

    original = Message(role="user", content="Hi")
    loud = Shouted(role="user", content="HI")
    result = validate(list[Message], [original, loud])
    assert result[0] is original
    assert result[1] is loud and type(result[1]) is Shouted


@pytest.mark.parametrize(
    ("extra", "kept"),
    [("ignore", False), ("allow", True)],
)
def test_extra_keys_follow_the_model_config(extra: Any, kept: bool) -> None:
    class Flexible(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra=extra)
        role: str

    (result,) = validate(list[Flexible], [{"role": "user", "user_id": "u1"}])
    assert (getattr(result, "user_id", None) == "u1") is kept


def test_forbidden_extra_keys_are_errors() -> None:
    class Closed(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="forbid")
        role: str

    # the extra key may be data (issue 14, item 5): named by its position, not printed
    with pytest.raises(DataValidationError, match=r"\[0\]\[<key 1>\]: unexpected field"):
        validate(list[Closed], [{"role": "user", "user_id": "u1"}])


def test_discriminated_union_of_models_is_validated_with_validate_unions() -> None:
    class Text(pydantic.BaseModel):
        type: Literal["text"] = "text"
        content: str

    class Number(pydantic.BaseModel):
        type: Literal["number"] = "number"
        value: int

    hint = list[Annotated[Union[Text, Number], pydantic.Field(discriminator="type")]]  # noqa: UP007

    def predict(model_input: Any) -> Any:
        return model_input

    predict.__annotations__ = {"model_input": hint}
    hints = compile_predict_hints(predict, validate_unions=True)
    assert hints is not None
    data = [{"type": "text", "content": "a"}, {"type": "number", "value": 2}]
    result = hints.validate_input(data)
    assert [type(r) for r in result] == [Text, Number]
    with pytest.raises(DataValidationError) as info:
        hints.validate_input([{"type": "number", "value": "2"}, {"type": "video"}])
    assert info.value.errors[0] == ("[0].number.value", "expected int, got str")
    assert "video" not in str(info.value)


def test_each_element_is_validated_once() -> None:
    seen: list[str] = []

    class Counted(pydantic.BaseModel):
        name: str

        @pydantic.field_validator("name")
        @classmethod
        def count(cls, value: str) -> str:
            seen.append(value)
            return value

    validate(list[Counted], [{"name": "a"}, {"name": "b"}, {"name": "c"}])
    assert seen == ["a", "b", "c"]


def test_hints_are_compiled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    hints = hints_of(list[Message])

    def fail(*args: Any) -> Any:
        raise AssertionError("translated again")

    monkeypatch.setattr(_hint_registry, "translate", fail)
    for _ in range(3):
        hints.validate_input([{"role": "user", "content": "Hi"}])
    again = compile_validator(list[Message], "list[Message]", "input", "records")
    assert again is hints.input_validator


@pytest.mark.parametrize(
    ("hint", "data", "expected"),
    [
        (list[str], pd.DataFrame({"text": ["a", "b"]}), ["a", "b"]),
        (list[float], pd.Series([1.5, 2.5]), [1.5, 2.5]),
        (list[int], np.array([1, 2]), [1, 2]),
        (list[list[int]], np.array([[1, 2], [3, 4]]), [[1, 2], [3, 4]]),
        (
            list[dict[str, float]],
            pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]}),
            [{"a": 1.0, "b": 3.0}, {"a": 2.0, "b": 4.0}],
        ),
        (
            list[dict[str, int]],
            pd.DataFrame({0: [{"a": 1}, {"a": 2}]}),
            [{"a": 1}, {"a": 2}],
        ),
        (
            list[list[float]],
            pd.DataFrame({"v": [np.array([1.0, 2.0]), np.array([3.0])]}),
            [[1.0, 2.0], [3.0]],
        ),
    ],
)
def test_pandas_and_numpy_inputs_become_lists(hint: Any, data: Any, expected: Any) -> None:
    assert validate(hint, data) == expected


def test_dataframe_records_become_models_with_nan_as_none() -> None:
    frame = pd.DataFrame({"name": ["a", "b"], "description": ["x", np.nan]})
    result = validate(list[Tool], frame)
    assert result == [Tool(name="a", description="x"), Tool(name="b", description=None)]


def test_nan_becomes_none_in_converted_data() -> None:
    with pytest.raises(DataValidationError, match=r"\[1\]: expected float, got None"):
        validate(list[float], np.array([1.0, np.nan]))


def test_a_multi_column_dataframe_gives_its_first_column_with_a_warning() -> None:
    # As MLflow (evaluate and spark_udf pass such frames): the first column, and a warning.
    frame = pd.DataFrame({"a": ["x", "y"], "b": ["p", "q"], "c": [1, 2]})
    with pytest.warns(DroppedColumnsWarning, match=r"first column \('a'\) is used and 'b', 'c'"):
        assert validate(list[str], frame) == ["x", "y"]
    with pytest.warns(UnsupportedHintWarning):
        anything = hints_of(list[Any])
    with pytest.warns(DroppedColumnsWarning):
        assert anything.validate_input(pd.DataFrame({"a": [1], "b": [2]})) == [1]
    with pytest.warns(DroppedColumnsWarning), pytest.raises(DataValidationError):
        validate(list[int], frame)  # the first column is checked like any list


def test_a_dataframe_without_columns_is_an_error() -> None:
    with pytest.raises(DataValidationError, match="got one with no columns"):
        validate(list[str], pd.DataFrame(index=[0, 1]))


@pytest.mark.parametrize("hint", [list[dict[str, str]], List[Dict[str, str]]])  # noqa: UP006
def test_a_multi_column_dataframe_gives_records_for_dict_elements(hint: Any) -> None:
    # Every column reaches the model (MLflow's loaded model keeps only the first: deliberate).
    frame = pd.DataFrame({"name": ["a", "b"], "description": ["x", "y"]})
    assert validate(hint, frame) == [
        {"name": "a", "description": "x"},
        {"name": "b", "description": "y"},
    ]


def test_a_multi_column_dataframe_gives_models_for_model_elements() -> None:
    frame = pd.DataFrame({"name": ["a"], "description": ["x"]})
    assert validate(list[Tool], frame) == [Tool(name="a", description="x")]


def test_lists_are_not_converted() -> None:
    with pytest.raises(DataValidationError, match=r"\[0\]: expected a list, got ndarray"):
        validate(list[list[int]], [np.array([1, 2])])


# ----------------------------------------------------------------------------- serving


class Upload(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(val_json_bytes="utf8")  # the model's own setting
    data: bytes
    taken: dt.datetime
    day: dt.date | None = None


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def test_serving_decodes_base64_and_iso_strings_at_any_depth() -> None:
    hints = hints_of(list[Upload])
    payload = [{"data": b64(b"\x00\xff"), "taken": "2024-05-01T10:00:00Z", "day": "2024-05-02"}]
    (upload,) = hints.validate_input(payload, serving=True)
    assert upload.data == b"\x00\xff"
    assert upload.taken == dt.datetime(2024, 5, 1, 10, tzinfo=dt.timezone.utc)
    assert upload.day == dt.date(2024, 5, 2)
    # Outside serving, strings stay strings for bytes and datetime hints.
    with pytest.raises(DataValidationError, match=r"\[0\]\.data: expected bytes, got str"):
        hints.validate_input(payload)


@pytest.mark.parametrize(
    ("hint", "payload", "expected"),
    [
        (list[bytes], [b64(b"hi")], [b"hi"]),
        (list[dt.datetime], ["2024-01-01T00:00:00"], [dt.datetime(2024, 1, 1)]),
        (list[dict[str, bytes]], [{"a": b64(b"x")}], [{"a": b"x"}]),
        (list[Color], ["red"], [Color.red]),
    ],
)
def test_serving_conversions(hint: Any, payload: Any, expected: Any) -> None:
    assert validate(hint, payload, serving=True) == expected


def test_serving_reports_bad_strings() -> None:
    with pytest.raises(DataValidationError) as info:
        validate(list[Upload], [{"data": "***", "taken": "yesterday"}], serving=True)
    assert info.value.errors == [
        ("[0].data", "expected a base64-encoded string"),
        ("[0].taken", "expected an ISO 8601 string"),
    ]


def test_validate_json_reads_the_input_list() -> None:
    hints = hints_of(list[Upload])
    raw = f'[{{"data": "{b64(b"ok")}", "taken": "2024-01-01T00:00:00"}}]'.encode()
    (upload,) = hints.validate_json(raw)
    assert upload.data == b"ok"
    with pytest.raises(DataValidationError, match=r"\[0\]\.taken: Field required"):
        hints.validate_json(b'[{"data": ""}]')


# ----------------------------------------------------------------------------- misc


def test_validators_pickle_by_recompiling() -> None:
    hints = hints_of(list[Message])
    clone = pickle.loads(pickle.dumps(hints.input_validator))
    assert clone.validate([{"role": "a", "content": "b"}]) == [Message(role="a", content="b")]


def test_unresolvable_model_warns_and_is_not_validated() -> None:
    # As MLflow: a model whose field types cannot be resolved leaves the input unvalidated.
    class Later(pydantic.BaseModel):
        other: Undefined  # type: ignore[name-defined]  # noqa: F821

    with pytest.warns(UnsupportedHintWarning, match=r"`Later` in `list\[Later\]`.*not all defined"):

        @pyfunc
        def predict(model_input: list[Later]) -> list[str]:
            return model_input  # type: ignore[return-value]

    raw: Any = [{"other": 1}, "not a dict"]
    assert predict(raw) is raw
    assert get_predict_hints(predict).input_schema is None  # type: ignore[union-attr]


def test_predict_hints_is_frozen() -> None:
    hints = hints_of(list[str])
    with pytest.raises(AttributeError):
        hints.input_schema = None  # type: ignore[misc]
