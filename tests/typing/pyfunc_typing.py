"""Checked by `mypy --strict` (see test_mypy.py), never run: hintsig's typing contract.

`@pyfunc` keeps the decorated function's exact signature, bare or configured; a
`PythonModel` subclass chooses its own `predict` signature. Each `# type: ignore[code]`
marks a call mypy must reject: with `warn_unused_ignores` (part of `--strict`), an error
that stops happening fails the check.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydantic
from typing_extensions import assert_type

from hintsig.pyfunc import PythonModel, PythonModelContext
from hintsig.pyfunc.utils import pyfunc
from hintsig.types.type_hints import PredictHints, TypeFromExample, get_predict_hints


class Message(pydantic.BaseModel):
    role: str
    content: str


@pyfunc
def contents(model_input: list[Message]) -> list[str]:
    return [m.content for m in model_input]


@pyfunc(validate_output=True)
def lengths(model_input: list[str], params: dict[str, Any] | None = None) -> list[int]:
    return [len(s) for s in model_input]


assert_type(contents([Message(role="user", content="Hi")]), list[str])
assert_type(lengths(["a"]), list[int])
assert_type(lengths(["a"], params={"k": 1}), list[int])
contents(["not a message"])  # type: ignore[list-item]
lengths(["a"], {"k": 1}, 3)  # type: ignore[call-arg]
lengths(["a"], unknown=1)  # type: ignore[call-arg]
missing: list[str] = contents()  # type: ignore[call-arg]
wrong: list[str] = lengths(["a"])  # type: ignore[assignment]

# Dicts are converted at run time; `list[Any]` says so to the type checker.
dicts: list[Any] = [{"role": "user", "content": "Hi"}]
assert_type(contents(dicts), list[str])


class ChatModel(PythonModel):
    def load_context(self, context: PythonModelContext) -> None:
        self.prefix = context.model_config.get("prefix", "")

    def predict(self, model_input: list[Message]) -> list[str]:
        return [self.prefix + m.content for m in model_input]


class ContextModel(PythonModel, validate_output=True):
    def predict(
        self,
        context: PythonModelContext,
        model_input: list[str],
        params: dict[str, Any] | None = None,
    ) -> list[str]:
        return [context.artifacts.get(s, s) for s in model_input]

    def predict_stream(
        self, context: PythonModelContext, model_input: list[str], params: None = None
    ) -> Iterator[str]:
        yield from model_input


class FromExample(PythonModel):
    def predict(self, model_input: TypeFromExample) -> list[str]:
        return [str(item).upper() for item in model_input]


assert_type(ChatModel().predict([Message(role="user", content="Hi")]), list[str])
assert_type(ChatModel().predict(dicts), list[str])
ChatModel().predict("text")  # type: ignore[arg-type]
assert_type(ContextModel().predict(PythonModelContext(), ["a"]), list[str])
assert_type(FromExample().predict(["anything"]), list[str])
assert_type(PythonModelContext(artifacts={"a": "/tmp/a"}).artifacts, dict[str, str])

hints = get_predict_hints(ChatModel)
assert_type(hints, PredictHints | None)
if hints is not None:
    assert_type(hints.validate_input(dicts), Any)
