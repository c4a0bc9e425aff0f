"""The seed guide's type-hint part, run with `mlflow` replaced by `hintsig`: lines 107-435.

One test per code example, in the guide's order; each docstring names the section and the
line range in `../shared/seed/model-signatures-and-input-examples.txt`. The `typing` aliases
(`List`, `Dict`, ...) are kept as the guide writes them.
"""
# The snippets keep the guide's imports, their order and its trailing comments:
# ruff: noqa: I001, UP006, UP007, UP035, UP045
# No `from __future__ import annotations`: the guide's hints are evaluated where they are
# written, so a class-local `Message` is the one `predict` gets.

import datetime
import json
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any, Dict, List, Literal, Optional, Union

import pydantic
import pytest

import hintsig
from hintsig.exceptions import HintsigException


def _input_schema_json(python_model: Any) -> Any:
    """The input schema JSON of `python_model` once logged (None: logged without one)."""
    info = hintsig.pyfunc.log_model(name="model", python_model=python_model)
    return None if info.signature is None else json.loads(info.signature.inputs.to_json())


def test_type_hints_quick_start() -> None:
    """类型提示快速开始 (lines 117-136): the signature comes from `List[Message]`, the input
    example is checked against it, and the loaded model returns the contents."""
    import hintsig
    from typing import List, Dict, Optional
    import pydantic

    class Message(pydantic.BaseModel):
        role: str
        content: str
        metadata: Optional[Dict[str, str]] = None

    class CustomModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: List[Message]) -> List[str]:
            # Signature automatically inferred from type hints!
            return [msg.content for msg in model_input]

    # Log model - signature is auto-generated from type hints
    with hintsig.start_run():
        model_info = hintsig.pyfunc.log_model(
            name="chat_model",
            python_model=CustomModel(),
            input_example=[{"role": "user", "content": "Hello"}],  # Validates against type hints
        )

    assert json.loads(model_info.signature.inputs.to_json()) == [
        {
            "type": "object",
            "properties": {
                "content": {"type": "string", "required": True},
                "metadata": {"type": "map", "values": {"type": "string"}, "required": False},
                "role": {"type": "string", "required": True},
            },
            "required": True,
        }
    ]
    assert json.loads(model_info.signature.outputs.to_json()) == [
        {"type": "string", "required": True}
    ]
    loaded = hintsig.pyfunc.load_model(model_info.model_uri)
    assert loaded.predict([{"role": "user", "content": "Hello"}]) == ["Hello"]


def test_input_hints_must_be_lists() -> None:
    """输入类型要求 (lines 150-159): `List[...]` inputs give a signature; a bare `str` or
    `Message` input is not a batch, so the model gets no signature from its hints (with a
    warning). The `...` bodies are replaced by ones returning their input."""

    class Message(pydantic.BaseModel):
        role: str
        content: str

    class StrModel(hintsig.pyfunc.PythonModel):
        # ✅ Correct - Always use List wrapper
        def predict(self, model_input: List[str]) -> List[str]:
            return model_input

    class MessageModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: List[Message]) -> List[Dict[str, str]]:
            return [msg.model_dump() for msg in model_input]

    assert _input_schema_json(StrModel()) == [{"type": "string", "required": True}]
    assert _input_schema_json(MessageModel())[0]["type"] == "object"

    with pytest.warns(UserWarning, match=r"list\[str\]"):

        class BareStrModel(hintsig.pyfunc.PythonModel):
            # ❌ Incorrect - Missing List wrapper
            def predict(self, model_input: str) -> str:
                return model_input

    with pytest.warns(UserWarning, match=r"list\[Message\]"):

        class BareMessageModel(hintsig.pyfunc.PythonModel):
            def predict(self, model_input: Message) -> Dict[str, str]:
                return model_input.model_dump()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert _input_schema_json(BareStrModel()) is None
        assert _input_schema_json(BareMessageModel()) is None


def _hint_schema(hint: Any) -> Any:
    """The input schema JSON of a PythonModel whose `predict` takes `hint`."""

    class Model(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: hint) -> List[str]:  # type: ignore[valid-type]
            return [str(x) for x in model_input]

    return _input_schema_json(Model())


def test_basic_type_hints() -> None:
    """支持的类型提示 / 基本类型 (lines 161-166): each list of a basic type gives one
    column of that type."""
    assert _hint_schema(List[str]) == [{"type": "string", "required": True}]  # String inputs
    assert _hint_schema(List[int]) == [{"type": "long", "required": True}]  # Integer inputs
    assert _hint_schema(List[float]) == [{"type": "double", "required": True}]  # Float inputs
    assert _hint_schema(List[bool]) == [{"type": "boolean", "required": True}]  # Boolean inputs
    assert _hint_schema(List[bytes]) == [{"type": "binary", "required": True}]  # Binary data
    assert _hint_schema(List[datetime.datetime]) == [  # Timestamps
        {"type": "datetime", "required": True}
    ]


def test_collection_type_hints() -> None:
    """支持的类型提示 / 集合类型 (lines 168-170): nested lists, dicts and dicts of lists."""
    assert _hint_schema(List[List[str]]) == [  # Nested lists
        {"type": "array", "items": {"type": "string"}, "required": True}
    ]
    assert _hint_schema(List[Dict[str, int]]) == [  # Dictionaries
        {"type": "map", "values": {"type": "long"}, "required": True}
    ]
    assert _hint_schema(List[Dict[str, List[str]]]) == [  # Complex nested structures
        {"type": "map", "values": {"type": "array", "items": {"type": "string"}}, "required": True}
    ]


def test_union_optional_and_any_type_hints(warned: Any) -> None:
    """支持的类型提示 / 联合类型和可选类型 (lines 172-174): a Union becomes AnyType (with a
    warning), `Optional` is refused outside a pydantic model, `Any` is AnyType."""
    with warned("AnyType"):
        # Multiple possible types (becomes AnyType)
        assert _hint_schema(List[Union[int, str]]) == [{"type": "any", "required": True}]
    with pytest.raises(HintsigException, match=r"Optional|None"):
        _hint_schema(List[Optional[str]])  # Optional fields (in Pydantic models only)
    with warned("AnyType"):
        assert _hint_schema(List[Any]) == [{"type": "any", "required": True}]  # Any type


def test_pydantic_model_type_hint() -> None:
    """支持的类型提示 / Pydantic 模型(推荐) (lines 176-181): fields with defaults are
    optional properties of the object. MLflow marks `preferences: List[str] = []` required;
    hintsig marks every defaulted field optional (README, "Deliberate differences")."""

    class UserData(pydantic.BaseModel):
        name: str
        age: int
        email: Optional[str] = None  # Optional with default
        preferences: List[str] = []  # List with default

    assert _hint_schema(List[UserData]) == [  # Clean, validated structure
        {
            "type": "object",
            "properties": {
                "age": {"type": "long", "required": True},
                "email": {"type": "string", "required": False},
                "name": {"type": "string", "required": True},
                "preferences": {
                    "type": "array",
                    "items": {"type": "string"},
                    "required": False,
                },
            },
            "required": True,
        }
    ]


def test_type_hint_to_schema_table() -> None:
    """类型提示到模式映射 (lines 183-189): each row's hint gives the row's schema; for
    `List[Message]` the `Object(...)` is the Message of lines 193-196."""
    from hintsig.models import ModelSignature
    from hintsig.types.schema import AnyType, Array, ColSpec, DataType, Map, Object, Property
    from hintsig.types.schema import Schema

    class Message(pydantic.BaseModel):
        role: str
        content: str
        timestamp: Optional[str] = None

    def schema(hint: Any) -> Any:
        return ModelSignature.from_dict({"inputs": json.dumps(_hint_schema(hint))}).inputs

    assert schema(List[str]) == Schema([ColSpec(type=DataType.string)])
    assert schema(List[List[str]]) == Schema([ColSpec(type=Array(DataType.string))])
    assert schema(List[Dict[str, str]]) == Schema([ColSpec(type=Map(DataType.string))])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert schema(List[Union[int, str]]) == Schema([ColSpec(type=AnyType())])
    assert schema(List[Message]) == Schema(
        [
            ColSpec(
                type=Object(
                    [
                        Property("role", DataType.string),
                        Property("content", DataType.string),
                        Property("timestamp", DataType.string, required=False),
                    ]
                )
            )
        ]
    )


class Message(pydantic.BaseModel):
    """The guide's `Message` of lines 193-196 (`Pydantic 基本用法`)."""

    role: str
    content: str
    timestamp: Optional[str] = None


def test_pydantic_basic_usage() -> None:
    """Pydantic 基本用法 (lines 191-202): a pydantic object and a dict both reach `predict`
    as a Message. `model` is `CustomModel()`."""
    import pydantic
    from typing import Optional, List, Dict  # noqa: F401

    class Message(pydantic.BaseModel):
        role: str
        content: str
        timestamp: Optional[str] = None

    class CustomModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: List[Message]) -> List[str]:
            return [f"{msg.role}: {msg.content}" for msg in model_input]

    model = CustomModel()
    # Both work - automatic conversion
    assert model.predict([Message(role="user", content="Hi")]) == ["user: Hi"]  # Pydantic object
    assert model.predict([{"role": "user", "content": "Hi"}]) == [
        "user: Hi"
    ]  # Dict (auto-converted)


class FunctionParams(pydantic.BaseModel):
    properties: Dict[str, str]
    type: str = "object"
    required: Optional[List[str]] = None


class ToolDefinition(pydantic.BaseModel):
    name: str
    description: Optional[str] = None
    parameters: Optional[FunctionParams] = None


class ChatRequest(pydantic.BaseModel):
    messages: List[Message]
    tools: Optional[List[ToolDefinition]] = None
    temperature: float = 0.7


def test_complex_nested_models() -> None:
    """复杂嵌套模型 (lines 204-225): nested pydantic models (defined at module level, as
    above) are validated and converted before `advanced_predict` runs."""

    @hintsig.pyfunc.utils.pyfunc
    def advanced_predict(model_input: List[ChatRequest]) -> List[Dict[str, str]]:
        results = []
        for request in model_input:
            # Type validation ensures request.messages exists and is properly typed
            response = {"response": f"Processed {len(request.messages)} messages"}
            if request.tools:
                response["tools_count"] = str(len(request.tools))
            results.append(response)
        return results

    requests = [
        {"messages": [{"role": "user", "content": "Hi"}]},
        {
            "messages": [{"role": "user", "content": "Hi"}, {"role": "user", "content": "Yo"}],
            "tools": [{"name": "search", "parameters": {"properties": {"q": "string"}}}],
        },
    ]
    assert advanced_predict(requests) == [
        {"response": "Processed 1 messages"},
        {"response": "Processed 2 messages", "tools_count": "1"},
    ]
    with pytest.raises(HintsigException, match="messages"):
        advanced_predict([{"tools": []}])


class BaseMessage(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")  # Allow extra fields
    role: str
    content: str


class SystemMessage(BaseMessage):
    system_prompt: str


class UserMessage(BaseMessage):
    user_id: str


def test_flexible_base_class() -> None:
    """灵活的基类 (lines 227-247): with `extra="allow"`, the subclasses' fields survive the
    conversion to BaseMessage, from dicts and from subclass instances."""

    @hintsig.pyfunc.utils.pyfunc
    def flexible_predict(model_input: List[BaseMessage]) -> List[str]:
        # Input automatically converted to BaseMessage objects
        # Extra fields from subclasses preserved
        results = []
        for msg in model_input:
            result = f"{msg.role}: {msg.content}"
            if hasattr(msg, "system_prompt"):
                result += f" (system: {msg.system_prompt})"
            elif hasattr(msg, "user_id"):
                result += f" (user: {msg.user_id})"
            results.append(result)
        return results

    expected = ["system: Hi (system: Be brief)", "user: Yo (user: u1)", "user: Plain"]
    assert (
        flexible_predict(
            [
                {"role": "system", "content": "Hi", "system_prompt": "Be brief"},
                {"role": "user", "content": "Yo", "user_id": "u1"},
                {"role": "user", "content": "Plain"},
            ]
        )
        == expected
    )
    assert (
        flexible_predict(
            [
                SystemMessage(role="system", content="Hi", system_prompt="Be brief"),
                UserMessage(role="user", content="Yo", user_id="u1"),
                BaseMessage(role="user", content="Plain"),
            ]
        )
        == expected
    )


def test_optional_fields_need_defaults() -> None:
    """Pydantic 最佳实践 (lines 250-260): the ✅ Message accepts a dict without the optional
    fields; the ❌ one (Optional without a default) is refused as soon as a model uses it,
    with an error naming `metadata` (as MLflow does)."""

    # ✅ Good - Optional fields have defaults
    class Message(pydantic.BaseModel):
        role: str
        content: str
        metadata: Optional[Dict[str, str]] = None
        timestamp: Optional[str] = None

    @hintsig.pyfunc.utils.pyfunc
    def good(model_input: List[Message]) -> List[str]:
        return [msg.content for msg in model_input]

    assert good([{"role": "user", "content": "Hello"}]) == ["Hello"]

    # ❌ Bad - Optional field without default
    class Message(pydantic.BaseModel):  # type: ignore[no-redef]
        role: str
        content: str
        metadata: Optional[Dict[str, str]]  # Will cause validation errors

    with pytest.raises(HintsigException, match="metadata"):

        @hintsig.pyfunc.utils.pyfunc
        def bad(model_input: List[Message]) -> List[str]:
            return [msg.content for msg in model_input]


class GuideMessage(pydantic.BaseModel):
    """The ✅ Message of lines 251-255, used by the examples that follow it."""

    role: str
    content: str
    metadata: Optional[Dict[str, str]] = None
    timestamp: Optional[str] = None


class CustomModel(hintsig.pyfunc.PythonModel):
    """The CustomModel of lines 124-127, on the ✅ Message."""

    def predict(self, model_input: List[GuideMessage]) -> List[str]:
        return [msg.content for msg in model_input]


def test_automatic_data_validation() -> None:
    """自动数据验证 (lines 263-275): objects and dicts work; a missing required field and a
    value that is not a dict raise a validation error. `Message` is the ✅ one of lines
    251-255, `CustomModel` the one of lines 124-127."""
    Message = GuideMessage
    model = CustomModel()
    # ✅ Works: Pydantic objects
    input_data = [Message(role="user", content="Hello")]
    result = model.predict(input_data)
    assert result == ["Hello"]
    # ✅ Works: Dictionaries (auto-converted to Pydantic objects)
    input_data = [{"role": "user", "content": "Hello"}]
    result = model.predict(input_data)
    assert result == ["Hello"]
    # ❌ Fails: Missing required fields
    input_data = [{"role": "user"}]  # Missing 'content'
    with pytest.raises(HintsigException, match="content"):
        model.predict(input_data)  # Raises validation error
    # ❌ Fails: Wrong data type
    input_data = ["hello"]  # Expected dict/Pydantic object
    with pytest.raises(HintsigException):
        model.predict(input_data)  # Raises validation error


def test_data_conversion_examples() -> None:
    """数据转换示例 (lines 277-287): a dict becomes the Message it describes; a nested dict
    becomes a ChatRequest with Message and ToolDefinition objects inside."""
    seen: List[Any] = []

    @hintsig.pyfunc.utils.pyfunc
    def messages(model_input: List[GuideMessage]) -> List[str]:
        seen.extend(model_input)
        return [msg.role for msg in model_input]

    @hintsig.pyfunc.utils.pyfunc
    def requests(model_input: List[ChatRequest]) -> List[str]:
        seen.extend(model_input)
        return [str(request.temperature) for request in model_input]

    # Input: Dictionary
    input_dict = {"role": "system", "content": "Hello", "metadata": {"source": "api"}}
    assert messages([input_dict]) == ["system"]
    # Automatically converted to: Message object
    assert seen == [GuideMessage(role="system", content="Hello", metadata={"source": "api"})]

    # Works for nested structures too
    complex_input = {
        "messages": [{"role": "user", "content": "Hi"}],
        "tools": [{"name": "search", "description": "Web search"}],
        "temperature": 0.5,
    }
    assert requests([complex_input]) == ["0.5"]
    request = seen[-1]
    assert isinstance(request, ChatRequest)
    assert request.messages == [Message(role="user", content="Hi")]
    assert request.tools == [ToolDefinition(name="search", description="Web search")]


def test_validation_error_messages() -> None:
    """验证错误示例 (lines 289-303): the missing field and the wrong element each raise an
    error naming the problem (`content` is required; `list[Message]` expects a dict or a
    Message). hintsig's messages do not repeat the input values that MLflow's print
    (`input_value={'role': 'system'}`, `'hello'`): README, "Deliberate differences"."""
    model = CustomModel()
    # Missing required field
    try:
        model.predict([{"role": "system"}])  # Missing 'content'
    except Exception as e:
        missing = str(e)
    assert "content" in missing
    assert "required" in missing.lower() or "missing" in missing.lower()
    # Wrong data type
    try:
        model.predict(["hello"])  # Expected dict/object
    except Exception as e:
        wrong = str(e)
    assert "Failed to validate" in wrong
    assert "list[GuideMessage]" in wrong
    assert "dict" in wrong
    # hintsig's own rule: the input values are not repeated (MLflow's messages show them)
    assert "{'role': 'system'}" not in missing and "hello" not in wrong


def test_type_from_example() -> None:
    """TypeFromExample (lines 308-324): the input example makes the type `List[str]`; the
    loaded model converts and checks against it. `model_uri` is the logged model's URI."""
    from hintsig.types.type_hints import TypeFromExample

    class FlexibleModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: TypeFromExample):  # type: ignore[no-untyped-def]
            # Type determined by input_example at logging time
            return [item.upper() if isinstance(item, str) else str(item) for item in model_input]

    # Input example determines the expected type
    with hintsig.start_run():
        model_info = hintsig.pyfunc.log_model(
            name="flexible_model",
            python_model=FlexibleModel(),
            input_example=["sample", "data"],  # Expects List[str]
        )
    model_uri = model_info.model_uri
    # At inference, validates against List[str] type
    loaded_model = hintsig.pyfunc.load_model(model_uri)
    result = loaded_model.predict(["hello", "world"])  # ✅ Works

    assert result == ["HELLO", "WORLD"]
    assert json.loads(model_info.signature.inputs.to_json()) == [
        {"type": "string", "required": True}
    ]


def test_legacy_type_hints() -> None:
    """旧版类型提示(无验证) (lines 327-340): DataFrame, ndarray and csr_matrix hints give no
    signature of their own; the input example does. `model` is the DataFrame one and
    `sample_dataframe` two rows of two columns."""
    import numpy as np
    import pandas as pd
    import scipy.sparse

    # Supported but no validation
    class FrameModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: pd.DataFrame) -> pd.DataFrame:
            return model_input * 2

    class ArrayModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: np.ndarray) -> np.ndarray:
            return model_input * 2

    class SparseModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: scipy.sparse.csr_matrix):  # type: ignore[no-untyped-def]
            return model_input.toarray()

    model = FrameModel()
    sample_dataframe = pd.DataFrame({"x": [1.5, 2.5], "y": [3.0, 4.0]})

    # You must provide explicit signature or input_example
    with hintsig.start_run():
        model_info = hintsig.pyfunc.log_model(
            name="legacy_model",
            python_model=model,
            input_example=sample_dataframe,  # Required for legacy types
        )

    assert json.loads(model_info.signature.inputs.to_json()) == [
        {"type": "double", "name": "x", "required": True},
        {"type": "double", "name": "y", "required": True},
    ]
    loaded = hintsig.pyfunc.load_model(model_info.model_uri)
    assert loaded.predict(sample_dataframe).to_dict("list") == {"x": [3.0, 5.0], "y": [6.0, 8.0]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert _input_schema_json(ArrayModel()) is None
        assert _input_schema_json(SparseModel()) is None


def test_pyfunc_decorator() -> None:
    """使用 @pyfunc 装饰器 (lines 343-349): a decorated function converts dicts to Message
    and refuses a string. `Message` is the one of lines 193-196."""
    from hintsig.pyfunc.utils import pyfunc

    @pyfunc
    def predict(model_input: List[Message]) -> List[str]:
        return [msg.content for msg in model_input]

    # Same validation works as with PythonModel
    assert predict([{"role": "user", "content": "Hi"}]) == [
        "Hi"
    ]  # ✅ Auto-converts dict to Message
    with pytest.raises(HintsigException):
        predict(["hello"])  # ❌ Validation error


class TextInput(pydantic.BaseModel):
    type: Literal["text"] = "text"
    content: str


class NumberInput(pydantic.BaseModel):
    type: Literal["number"] = "number"
    value: int


def test_union_type_behaviour(warned: Any) -> None:
    """联合类型行为 (lines 351-365): `List[Union[str, int]]` is AnyType and not validated;
    the discriminated union of two pydantic models is the guide's better approach (its `...`
    body is replaced by one returning the class names), AnyType in the signature too."""

    with warned("AnyType"):

        class UnionModel(hintsig.pyfunc.PythonModel):
            # Union types become AnyType (no validation)
            def predict(self, model_input: List[Union[str, int]]) -> List[str]:
                # MLflow infers this as List[AnyType] - no validation performed
                return [str(item) for item in model_input]

    assert UnionModel().predict(["a", 1, 2.5]) == ["a", "1", "2.5"]

    with warned("AnyType"):

        class DiscriminatedModel(hintsig.pyfunc.PythonModel):
            # Discriminated union with validation
            def predict(self, model_input: List[Union[TextInput, NumberInput]]) -> List[str]:
                return [type(item).__name__ for item in model_input]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert _input_schema_json(UnionModel()) == [{"type": "any", "required": True}]
        assert _input_schema_json(DiscriminatedModel()) == [{"type": "any", "required": True}]


def test_serving_with_type_hints(tmp_path: Path) -> None:
    """使用类型提示提供模型服务 (lines 369-378): `models serve -m runs:/<run_id>/model
    --env-manager local` starts the server; `{"inputs": [...]}` is scored, the bare list is
    refused with a 400. The shell lines run as written (with `hintsig` for `mlflow`, a free
    port for 5000, and httpx for curl). The model is the quick start's (lines 120-127),
    defined here so that the server process can unpickle it."""
    import httpx

    class Message(pydantic.BaseModel):
        role: str
        content: str
        metadata: Optional[Dict[str, str]] = None

    class CustomModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: List[Message]) -> List[str]:
            return [msg.content for msg in model_input]

    with hintsig.start_run() as run:
        hintsig.pyfunc.log_model(
            name="model",
            python_model=CustomModel(),
            input_example=[{"role": "user", "content": "Hello"}],
        )
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Start local server
    command = f"hintsig models serve -m runs:/{run.info.run_id}/model --env-manager local"
    argv = [sys.executable, "-c", "from hintsig.cli import main; main()", *command.split()[1:]]
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen([*argv, "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (tmp_path / "server.log").read_text()
            try:
                if httpx.get(f"{url}/ping", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        # Correct request format
        correct = httpx.post(
            f"{url}/invocations",
            headers={"Content-Type": "application/json"},
            content='{"inputs": [{"role": "user", "content": "Hello"}]}',
        )
        # ❌ Incorrect - missing inputs wrapper
        incorrect = httpx.post(
            f"{url}/invocations",
            headers={"Content-Type": "application/json"},
            content='[{"role": "user", "content": "Hello"}]',
        )
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    assert correct.status_code == 200
    assert correct.json() == {"predictions": ["Hello"]}
    assert incorrect.status_code == 400


def test_input_example_validated_at_logging(warned: Any) -> None:
    """部署最佳实践 / 输入示例验证 (lines 381-388): an example matching `List[Message]` is
    checked and saved with the signature from the hints; one that does not match is saved
    with a warning (as MLflow), not refused."""
    # Always provide input examples that match your type hints
    with hintsig.start_run():
        model_info = hintsig.pyfunc.log_model(
            name="chat_model",
            python_model=CustomModel(),
            input_example=[{"role": "user", "content": "test"}],  # Matches List[Message]
        )
    # MLflow validates the input_example against type hints at logging time
    assert model_info.signature.inputs.to_dict()[0]["type"] == "object"
    assert hintsig.pyfunc.load_model(model_info.model_uri).input_example == [
        {"role": "user", "content": "test"}
    ]
    with warned("content"), hintsig.start_run():
        hintsig.pyfunc.log_model(
            name="chat_model",
            python_model=CustomModel(),
            input_example=[{"role": "user"}],  # does not match: no content
        )


def test_testing_before_deployment(capsys: pytest.CaptureFixture[str]) -> None:
    """部署最佳实践 / 部署前测试 (lines 391-401): the instance and the loaded model validate
    and answer alike. `model_info` is logged as in lines 382-387."""
    with hintsig.start_run():
        model_info = hintsig.pyfunc.log_model(
            name="chat_model",
            python_model=CustomModel(),
            input_example=[{"role": "user", "content": "test"}],
        )
    # Test locally first
    model = CustomModel()
    test_input = [{"role": "user", "content": "test"}]
    # Verify validation works
    try:
        result = model.predict(test_input)
        print("✅ Validation passed")
    except Exception as e:
        print(f"❌ Validation failed: {e}")
    assert capsys.readouterr().out == "✅ Validation passed\n"
    assert result == ["test"]
    # Test loaded model
    loaded_model = hintsig.pyfunc.load_model(model_info.model_uri)
    result = loaded_model.predict(test_input)
    assert result == ["test"]


def test_error_handling_in_predict(caplog: pytest.LogCaptureFixture) -> None:
    """生产考量 / 错误处理 (lines 404-411): the model's own errors are logged and re-raised;
    invalid input is refused by validation before `predict` runs. `logger` is a module
    logger, as the guide assumes."""
    import logging

    logger = logging.getLogger("guide.robust")

    class RobustModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: List[Message]) -> List[str]:
            try:
                return [msg.content for msg in model_input]
            except Exception as e:
                # Log validation errors for monitoring
                logger.error(f"Prediction failed: {e}")
                raise

    model = RobustModel()
    assert model.predict([{"role": "user", "content": "Hi"}]) == ["Hi"]
    with (
        caplog.at_level(logging.ERROR, logger="guide.robust"),
        pytest.raises(HintsigException, match="content"),
    ):
        model.predict([{"role": "user"}])
    assert caplog.records == []  # refused before predict ran


def test_recommended_development_pattern() -> None:
    """类型提示最佳实践 / 开发工作流 (lines 416-421): a list of a pydantic model in, a list
    of strings out. `MyPydanticModel` and `process` are the guide's placeholders: a model with
    one text field and a function upper-casing it."""

    class MyPydanticModel(pydantic.BaseModel):
        text: str

    def process(item: MyPydanticModel) -> str:
        return item.text.upper()

    # ✅ Recommended pattern
    class MyModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: List[MyPydanticModel]) -> List[str]:
            # Clear type annotations
            # Automatic validation
            # Good IDE support
            return [process(item) for item in model_input]

    assert MyModel().predict([{"text": "a"}, MyPydanticModel(text="b")]) == ["A", "B"]
    with pytest.raises(HintsigException, match="text"):
        MyModel().predict([{"txt": "a"}])
