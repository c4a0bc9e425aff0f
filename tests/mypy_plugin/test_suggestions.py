"""Every error about a hint says what to write instead, and what it says to write is valid.

For each hint of `cases.EXPECTED` that the translator refuses or cannot validate, the
suggestion is read out of the message (the hints in backticks after "write") and translated
where it is meant to go: as the whole model input for a top-level hint, as a list element
for a hint inside one, as a pydantic field for a field. The same is done with every
suggestion the mypy plugin makes on the agreement modules.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator
from typing import Any, Literal

import pydantic
import pytest

from hintsig.exceptions import HintsigException
from hintsig.types._hint_registry import hint_repr
from hintsig.types._hint_root import plan_input

from .cases import EXPECTED, HEADER, MODELS
from .conftest import MypyRun, agreement_cases, agreement_module

Position = Literal["top", "element", "field"]

_WRITE = re.compile(r"\bwrite ((?:`[^`]+`(?:,? or |, )?)+)")
_QUOTED = re.compile(r"`([^`]+)`")
_LOCATION = re.compile(r"type hint `([^`]+)`( in `[^`]+`)?: ")
_DECLARATION = re.compile(r"^[A-Za-z_]\w*: ")
_MODULE = "hintsig_suggestion_models"

#: Hints with no hint to suggest: the message says what to do in words.
PROSE_ONLY = {
    "list[tuple[int, str]]": "use a pydantic model with one field per item",
    "list[None]": "use a specific type",
    "list[Point]": "make `Point` a pydantic model",
    "list[DataPoint]": "make `DataPoint` a pydantic model",
    "list[Row]": "use a pydantic model with the same fields",
    "list[Mixed]": "its values must all be str, all be int or all be bool",
    "list[Literal['a', 1]]": "its values must all be str, all be int or all be bool",
    "list[pd.DataFrame]": "can only be the whole model input",
    "list[TypeFromExample]": "can only be the whole model input",
    "list[Annotated[np.ndarray, Tensor(np.float32, (-1, 2))]]": "can only be the whole model input",
    "OptionalTensor": "cannot be NotRequired",
    "Annotated[pd.DataFrame, Columns(Tags)]": "needs named fields, not a root model",
    "Annotated[pd.DataFrame, Columns(Point)]": "must be a pydantic model or a TypedDict",
    "Annotated[pd.DataFrame, Columns(Empty)]": "a DataFrame row type needs at least one field",
}
#: The placeholders messages use in their suggestions, and what the test puts in for them.
PLACEHOLDERS = {"MyModel": "Message", "dtype": "np.float32", "shape": "(-1, 2)"}

ERROR_HINTS = [hint for hint, verdict in EXPECTED.items() if verdict == "error"]


@pytest.fixture(scope="module")
def namespace() -> Iterator[dict[str, Any]]:
    """The names the hints use: the models of `cases.MODELS` and the header's imports."""
    module = types.ModuleType(_MODULE)
    sys.modules[_MODULE] = module
    try:
        exec(MODELS, module.__dict__)
        exec(HEADER.replace("from agree_models import *\n", ""), module.__dict__)
        for name, value in PLACEHOLDERS.items():
            module.__dict__[name] = eval(value, module.__dict__)
        yield module.__dict__
    finally:
        del sys.modules[_MODULE]


def suggestions(message: str) -> list[str]:
    """The hints in backticks after each "write" of `message`."""
    return [text for found in _WRITE.finditer(message) for text in _QUOTED.findall(found[1])]


def position(message: str, top: str) -> Position:
    """Where the hint the message is about sits (`top`: the model input hint, as shown)."""
    located = _LOCATION.search(message)
    assert located is not None, message
    if ": " in located[1]:
        return "field"
    return "top" if located[1] == top and not located[2] else "element"


def suggested_input(text: str, where: Position, namespace: dict[str, Any]) -> Any:
    """The model input hint that puts the suggestion `text` where it is meant to go."""
    if _DECLARATION.match(text):  # a field: `name: int | None = None`
        return types.GenericAlias(list, (_model_with(text, namespace),))
    hint = eval(text, namespace)
    if where == "top":
        return hint
    if where == "field":
        return types.GenericAlias(list, (_model_with(f"value: {text}", namespace),))
    return types.GenericAlias(list, (hint,))


def _model_with(declaration: str, namespace: dict[str, Any]) -> type[pydantic.BaseModel]:
    scope: dict[str, Any] = {}
    exec(f"class Suggested(pydantic.BaseModel):\n    {declaration}\n", namespace, scope)
    model: type[pydantic.BaseModel] = scope["Suggested"]
    return model


def shown(text: str, namespace: dict[str, Any]) -> str:
    """The hint `text` as messages show it: `int | None` for `Optional[int]`."""
    try:
        return hint_repr(eval(text, namespace))
    except HintsigException:  # `Columns(Point)` refuses its row when it is created
        return text


def translator_message(text: str, namespace: dict[str, Any]) -> str:
    """What the translator says about the model input hint `text` (it must say something)."""
    try:
        plan = plan_input(eval(text, namespace))
    except HintsigException as exc:
        return exc.message
    assert plan.schema is None and plan.notes, text
    return plan.notes[0]


def assert_valid(text: str, where: Position, namespace: dict[str, Any], message: str) -> None:
    plan = plan_input(suggested_input(text, where, namespace))
    assert plan.schema is not None, f"`{text}` suggested by: {message}\nis refused: {plan.notes}"


@pytest.mark.parametrize("hint", ERROR_HINTS)
def test_translator_suggestions_are_valid(hint: str, namespace: dict[str, Any]) -> None:
    message = translator_message(hint, namespace)
    found = suggestions(message)
    if hint in PROSE_ONLY:
        assert not found, message
        assert PROSE_ONLY[hint] in message
    else:
        assert found, f"no suggestion in: {message}"
    for text in found:
        assert_valid(text, position(message, shown(hint, namespace)), namespace, message)


def test_every_error_hint_is_checked() -> None:
    assert set(PROSE_ONLY) <= set(ERROR_HINTS)
    assert len(ERROR_HINTS) - len(PROSE_ONLY) >= 30


def test_plugin_suggestions_are_valid(mypy_run: MypyRun, namespace: dict[str, Any]) -> None:
    checked = 0
    for index, (hint, _) in enumerate(agreement_cases()):
        for line in mypy_run.output(f"{agreement_module(index)}.py"):
            if ": error: " not in line:
                continue
            message = line.partition(": error: ")[2]
            where = position(message, shown(hint, namespace))
            for text in suggestions(message):
                assert_valid(text, where, namespace, f"{hint}: {message}")
                checked += 1
    assert checked >= 30


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "Invalid type hint `list`: a list ...; write `list[str]`, `list[int]` or `list[M]`, x",
            ["list[str]", "list[int]", "list[M]"],
        ),
        ("... (`name: int | None = None`)", []),
        ("...; write `a: int | None = None`", ["a: int | None = None"]),
    ],
)
def test_suggestions_are_read_from_the_message(message: str, expected: list[str]) -> None:
    assert suggestions(message) == expected
