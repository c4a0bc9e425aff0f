"""`PythonModel`: subclasses get their `predict` wrapped and validated; `PythonModelContext`."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

import cloudpickle
import pydantic
import pytest

from hintsig.exceptions import DataValidationError, InvalidHintError, UnsupportedHintWarning
from hintsig.pyfunc import PythonModel, PythonModelContext
from hintsig.pyfunc.utils import is_pyfunc, pyfunc
from hintsig.types.schema import ColSpec, DataType, Schema
from hintsig.types.type_hints import get_predict_hints


class Message(pydantic.BaseModel):
    role: str
    content: str
    metadata: Optional[dict[str, str]] = None  # noqa: UP045


class InputOnly(PythonModel):
    def predict(self, model_input: list[Message]) -> list[str]:
        return [m.content for m in model_input]


class WithParams(PythonModel):
    def predict(self, model_input: list[str], params: dict[str, Any] | None = None) -> list[str]:
        suffix = (params or {}).get("suffix", "")
        return [s + suffix for s in model_input]


class WithContext(PythonModel):
    def load_context(self, context: PythonModelContext) -> None:
        self.greeting = context.model_config["greeting"]

    def predict(
        self, context: Any, model_input: list[str], params: dict[str, Any] | None = None
    ) -> list[str]:
        return [f"{self.greeting} {s}" for s in model_input]


@pytest.mark.parametrize(
    ("model", "call", "expected"),
    [
        (InputOnly(), lambda m: m.predict([{"role": "u", "content": "Hi"}]), ["Hi"]),
        (WithParams(), lambda m: m.predict(["a"], params={"suffix": "!"}), ["a!"]),
        (WithParams(), lambda m: m.predict(model_input=["a"]), ["a"]),
        (WithContext(), lambda m: m.predict(None, ["you"]), ["hello you"]),
    ],
    ids=["model_input", "params", "keyword", "context"],
)
def test_predict_signatures_are_validated(model: Any, call: Any, expected: list[str]) -> None:
    if isinstance(model, WithContext):
        model.load_context(PythonModelContext(model_config={"greeting": "hello"}))
    assert call(model) == expected


@pytest.mark.parametrize(
    ("model", "call"),
    [
        (InputOnly(), lambda m: m.predict(["hello"])),
        (WithParams(), lambda m: m.predict([1], params=None)),
        (WithContext(), lambda m: m.predict(None, model_input=[1])),
    ],
    ids=["model_input", "params", "context"],
)
def test_bad_input_is_rejected(model: Any, call: Any) -> None:
    with pytest.raises(DataValidationError, match=r"\[0\]: expected"):
        call(model)


def test_seed_error_examples() -> None:
    model = InputOnly()
    with pytest.raises(DataValidationError) as missing:
        model.predict([{"role": "system"}])
    assert ("[0].content", "Field required") in missing.value.errors
    with pytest.raises(DataValidationError) as wrong:
        model.predict(["hello"])
    assert wrong.value.errors == [("[0]", "expected a dict or a Message instance, got str")]


def test_hints_of_the_class_and_instance() -> None:
    hints = get_predict_hints(InputOnly)
    assert hints is not None and hints is get_predict_hints(InputOnly())
    assert hints.input_position == 1
    assert hints.output_schema == Schema([ColSpec(DataType.string)])
    assert is_pyfunc(InputOnly.predict)


def test_context_position_is_found() -> None:
    hints = get_predict_hints(WithContext)
    assert hints is not None
    assert (hints.input_param, hints.input_position) == ("model_input", 2)


def test_invalid_hint_raises_at_class_definition() -> None:
    with pytest.raises(InvalidHintError, match="a list needs its element type"):

        class Bad(PythonModel):
            def predict(self, model_input: list) -> list[str]:  # type: ignore[type-arg]
                return []


def test_unsupported_hint_warns_at_class_definition() -> None:
    with pytest.warns(UnsupportedHintWarning, match="write `list\\[Message\\]`") as record:

        class Single(PythonModel):
            def predict(self, model_input: Message) -> Any:
                return model_input

    assert record[0].filename == __file__

    unchecked = {"not": "a message"}
    assert Single().predict(unchecked) is unchecked


def test_unsupported_hint_skips_validation() -> None:
    with pytest.warns(UnsupportedHintWarning):

        class Sets(PythonModel):
            def predict(self, model_input: list[set[str]]) -> int:
                return len(model_input)

    assert Sets().predict(["not a set"]) == 1


def test_predict_stream_is_validated_eagerly() -> None:
    class Streaming(PythonModel):
        def predict(self, model_input: list[str]) -> list[str]:
            return model_input

        def predict_stream(self, model_input: list[str]) -> Iterator[str]:
            yield from model_input

    model = Streaming()
    assert list(model.predict_stream(["a", "b"])) == ["a", "b"]
    with pytest.raises(DataValidationError):
        model.predict_stream([1])  # raises at the call, before iteration
    assert get_predict_hints(model, "predict_stream") is not None


def test_validate_output_class_keyword() -> None:
    class Checked(PythonModel, validate_output=True):
        def predict(self, model_input: list[str]) -> list[int]:
            return [len(s) for s in model_input] + ["x"]  # type: ignore[list-item]

    with pytest.raises(DataValidationError, match="Failed to validate output"):
        Checked().predict(["ab"])


def test_subclasses_inherit_and_rewrap() -> None:
    class Child(InputOnly):
        pass

    class Override(InputOnly):
        def predict(self, model_input: list[int]) -> list[str]:  # type: ignore[override]
            return [str(v) for v in model_input]

    assert Child().predict([{"role": "u", "content": "c"}]) == ["c"]
    assert Override().predict([1]) == ["1"]
    with pytest.raises(DataValidationError):
        Override().predict(["1"])


def test_pyfunc_inside_a_python_model_is_not_wrapped_twice() -> None:
    calls: list[Any] = []

    class Decorated(PythonModel):
        @pyfunc
        def predict(self, model_input: list[str]) -> list[str]:
            calls.append(model_input)
            return model_input

    assert Decorated.predict.__wrapped__.__qualname__.endswith("Decorated.predict")
    assert not is_pyfunc(Decorated.predict.__wrapped__)
    assert Decorated().predict(["a"]) == ["a"]


def test_no_hints_no_validation() -> None:
    class Untyped(PythonModel):
        def predict(self, model_input):  # type: ignore[no-untyped-def]
            return model_input

    assert Untyped().predict(42) == 42
    assert get_predict_hints(Untyped) is None


def test_base_class_methods() -> None:
    model = PythonModel()
    assert model.load_context(PythonModelContext()) is None
    with pytest.raises(NotImplementedError):
        model.predict(None, [])
    with pytest.raises(NotImplementedError):
        model.predict_stream(None, [])


def test_python_model_context() -> None:
    context = PythonModelContext(artifacts={"weights": "/tmp/w.bin"}, model_config={"k": 3})
    assert context.artifacts == {"weights": "/tmp/w.bin"}
    assert context.model_config == {"k": 3}
    empty = PythonModelContext()
    assert empty.artifacts == {} and empty.model_config == {}
    assert "weights" in repr(context)


def test_local_models_pickle_by_value_and_still_validate() -> None:
    class Local(PythonModel):
        def predict(self, model_input: list[Message]) -> list[str]:
            return [m.role for m in model_input]

    clone = cloudpickle.loads(cloudpickle.dumps(Local()))
    assert clone.predict([{"role": "r", "content": "c"}]) == ["r"]
    with pytest.raises(DataValidationError):
        clone.predict(["x"])


def test_model_pickled_in_main_validates_in_another_process(tmp_path: Path) -> None:
    path = tmp_path / "model.pkl"
    save = textwrap.dedent(
        f"""
        import cloudpickle, pydantic
        from hintsig.pyfunc import PythonModel

        class Item(pydantic.BaseModel):
            blob: bytes

        class Model(PythonModel):
            def predict(self, model_input: list[Item]) -> list[int]:
                return [len(i.blob) for i in model_input]

        open({str(path)!r}, "wb").write(cloudpickle.dumps(Model()))
        """
    )
    load = textwrap.dedent(
        f"""
        import cloudpickle
        from hintsig.exceptions import DataValidationError
        from hintsig.types.type_hints import get_predict_hints

        model = cloudpickle.loads(open({str(path)!r}, "rb").read())
        assert model.predict([{{"blob": b"abc"}}]) == [3]
        try:
            model.predict([{{"blob": 1}}])
        except DataValidationError as exc:
            assert "[0].blob: expected bytes, got int" in str(exc)
        else:
            raise SystemExit("not validated")
        hints = get_predict_hints(model)
        assert hints.validate_input([{{"blob": "YWJj"}}], serving=True)[0].blob == b"abc"
        """
    )
    for code in (save, load):
        subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
