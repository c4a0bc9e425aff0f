"""Every code example of MLflow's guide "Model Signatures and Input Examples", under hintsig.

The guide is `shared/seed/model-signatures-and-input-examples.txt` (prose in Chinese; its code
lost its indentation in extraction, so each snippet is restored here with the same calls and
arguments). Each test is one example, in guide order: the snippet as a user types it with
`mlflow` replaced by `hintsig`, then what the guide says happens. Data the guide leaves
undefined (`X_train`, `model`, a `models:/` URI) comes from the smallest fixtures below.
Examples for flavours hintsig does not have (LangChain, transformers, TensorFlow) keep their
input example and signature and log a PythonModel instead; each such test says so.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import pydantic
import pytest

import hintsig
from hintsig.exceptions import HintsigException


@pytest.fixture(autouse=True)
def tracking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Runs and logged models go to a fresh folder for each example."""
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", str(tmp_path / "mlruns"))
    monkeypatch.delenv("HINTSIG_REGISTRY_URI", raising=False)
    hintsig.set_tracking_uri(tmp_path / "mlruns")
    return tmp_path


@pytest.fixture(scope="module")
def iris() -> tuple[pd.DataFrame, pd.Series]:
    from sklearn.datasets import load_iris

    data = load_iris(as_frame=True)
    return data.data, data.target


@pytest.fixture(scope="module")
def model(iris: tuple[pd.DataFrame, pd.Series]) -> Any:
    from sklearn.ensemble import RandomForestClassifier

    X, y = iris
    return RandomForestClassifier(n_estimators=5, random_state=0).fit(X, y)


class Message(pydantic.BaseModel):
    role: str
    content: str
    metadata: dict[str, str] | None = None


class CustomModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: list[Message]) -> list[str]:
        return [msg.content for msg in model_input]


class Echo(hintsig.pyfunc.PythonModel):
    """Stands in for the guide's LangChain, transformers and TensorFlow models."""

    def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
        return model_input


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Warnings the example does not discuss (the integer-columns hint, ...) are not shown."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


@contextlib.contextmanager
def _warns(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A warning is given, as a Python warning or a logged WARNING (MLflow uses both)."""
    caplog.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    logged = [r for r in caplog.records if r.levelno >= 30]
    assert caught or logged, "no warning was given"


def _model_dir(model_uri: str) -> Path:
    from hintsig.models._uri import resolve_model_uri

    return resolve_model_uri(model_uri)


def _inputs(signature: Any) -> list[dict[str, Any]]:
    """The input schema as its JSON (shapes are lists there)."""
    result: list[dict[str, Any]] = json.loads(signature.inputs.to_json())
    return result


# ----------------------------------------------------------------------------- why it matters


def test_unity_catalog_logging_with_and_without_signature(
    model: Any, iris: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Lines 15-22 (why they matter): `input_example=` and `signature=` give a signature;
    logging without either stores none (what Unity Catalog refuses)."""
    X, _ = iris
    X_sample = X.iloc[[0]]
    signature = hintsig.models.infer_signature(X_sample, model.predict(X_sample))
    with hintsig.start_run():
        info = hintsig.sklearn.log_model(
            model,
            name="my_model",
            input_example=X_sample,  # Generates required signature
            signature=signature,  # Or provide explicit signature
        )
    assert info.signature == signature
    with hintsig.start_run(), _warns(caplog):
        bare = hintsig.sklearn.log_model(model, name="my_model")  # No signature
    assert bare.signature is None


def test_quick_start_iris(iris: Any) -> None:
    """Lines 25-38 (quick start): the input example generates the signature."""
    from sklearn.ensemble import RandomForestClassifier

    X, y = iris
    model = RandomForestClassifier(n_estimators=5).fit(X, y)
    with hintsig.start_run(), _quiet():
        info = hintsig.sklearn.log_model(
            model,
            name="iris_model",
            input_example=X.iloc[[0]],  # First row as example
        )
    assert [c["name"] for c in _inputs(info.signature)] == list(X.columns)
    assert {c["type"] for c in _inputs(info.signature)} == {"double"}
    assert info.signature.outputs.to_dict() == [{"type": "long", "required": True}]
    saved = hintsig.pyfunc.load_model(info.model_uri)
    assert list(saved.predict(X.iloc[:3])) == list(model.predict(X.iloc[:3]))


def test_column_and_tensor_signatures() -> None:
    """Lines 48-62 (understanding signatures): a column-based and a tensor-based schema."""
    from hintsig.types.schema import ColSpec, Schema, TensorSpec

    input_schema = Schema(
        [
            ColSpec("double", "sepal_length"),
            ColSpec("double", "sepal_width"),
            ColSpec("string", "species", required=False),  # Optional field
        ]
    )
    assert input_schema.input_names() == ["sepal_length", "sepal_width", "species"]
    assert input_schema.optional_input_names() == ["species"]
    input_schema = Schema([TensorSpec(np.dtype(np.float32), (-1, 28, 28, 1))])
    assert input_schema.is_tensor_spec()
    assert input_schema.numpy_types() == [np.dtype(np.float32)]


def test_column_based_and_tensor_based_data() -> None:
    """Lines 100-106 (signature kinds): a dict gives columns, a 3-d array a tensor."""
    columns = hintsig.models.infer_signature(
        {"feature_1": 1.5, "feature_2": "category_a", "feature_3": [1, 2, 3]}
    )
    assert [c["type"] for c in _inputs(columns)] == ["double", "string", "array"]
    tensor = hintsig.models.infer_signature(
        np.array([[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [1, 2, 3]]])  # Shape: (2, 2, 3)
    )
    assert _inputs(tensor) == [
        {"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1, 2, 3]}}
    ]


# ----------------------------------------------------------------------------- type hints


def test_type_hint_quick_start() -> None:
    """Lines 117-136 (type hints quick start): the signature comes from `List[Message]`."""
    with hintsig.start_run():
        info = hintsig.pyfunc.log_model(
            name="chat_model",
            python_model=CustomModel(),
            input_example=[{"role": "user", "content": "Hello"}],  # Validates against hints
        )
    (column,) = _inputs(info.signature)
    assert column["type"] == "object"
    assert set(column["properties"]) == {"role", "content", "metadata"}
    assert info.signature.outputs.to_dict() == [{"type": "string", "required": True}]
    loaded = hintsig.pyfunc.load_model(info.model_uri)
    assert loaded.predict([{"role": "user", "content": "Hi"}]) == ["Hi"]


def test_input_must_be_a_list() -> None:
    """Lines 149-159 (input type requirements): `List[...]` is right, a bare type is not."""

    class Right(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: list[str]) -> list[str]:
            return model_input

    assert Right().predict(["a"]) == ["a"]
    with pytest.warns(UserWarning, match="list"):

        class Wrong(hintsig.pyfunc.PythonModel):
            def predict(self, model_input: str) -> str:
                return model_input


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        (list[str], {"type": "string"}),
        (list[int], {"type": "long"}),
        (list[float], {"type": "double"}),
        (list[bool], {"type": "boolean"}),
        (list[bytes], {"type": "binary"}),
        (list[datetime.datetime], {"type": "datetime"}),
        (list[list[str]], {"type": "array", "items": {"type": "string"}}),
        (list[dict[str, int]], {"type": "map", "values": {"type": "long"}}),
        (
            list[dict[str, list[str]]],
            {"type": "map", "values": {"type": "array", "items": {"type": "string"}}},
        ),
        (list[int | str], {"type": "any"}),
        (list[Any], {"type": "any"}),
    ],
    ids=str,
)
def test_supported_hints_and_their_schemas(hint: Any, expected: dict[str, Any]) -> None:
    """Lines 161-196 (supported hints and the hint-to-schema table)."""
    from hintsig.types.type_hints import get_predict_hints

    with _quiet():

        @hintsig.pyfunc.utils.pyfunc
        def predict(model_input: hint) -> list[str]:  # type: ignore[valid-type]
            return []

    hints = get_predict_hints(predict)
    assert hints is not None and hints.input_schema is not None
    assert hints.input_schema.to_dict() == [{**expected, "required": True}]


def test_pydantic_model_hint_with_defaults() -> None:
    """Lines 181-187 (pydantic models): fields with defaults are optional."""

    class UserData(pydantic.BaseModel):
        name: str
        age: int
        email: str | None = None  # Optional with default
        preferences: list[str] = []  # List with default

    @hintsig.pyfunc.utils.pyfunc
    def predict(model_input: list[UserData]) -> list[str]:
        return [u.name for u in model_input]

    assert predict([{"name": "Ann", "age": 3}]) == ["Ann"]
    with pytest.raises(HintsigException, match="age"):
        predict([{"name": "Ann"}])


def test_pydantic_basic_usage() -> None:
    """Lines 191-203 (pydantic basic usage): objects and dicts both work."""

    class Msg(pydantic.BaseModel):
        role: str
        content: str
        timestamp: str | None = None

    class Model(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: list[Msg]) -> list[str]:
            return [f"{msg.role}: {msg.content}" for msg in model_input]

    model = Model()
    assert model.predict([Msg(role="user", content="Hi")]) == ["user: Hi"]  # Pydantic object
    assert model.predict([{"role": "user", "content": "Hi"}]) == ["user: Hi"]  # Dict


class FunctionParams(pydantic.BaseModel):
    properties: dict[str, str]
    type: str = "object"
    required: list[str] | None = None


class ToolDefinition(pydantic.BaseModel):
    name: str
    description: str | None = None
    parameters: FunctionParams | None = None


class ChatRequest(pydantic.BaseModel):
    messages: list[Message]
    tools: list[ToolDefinition] | None = None
    temperature: float = 0.7


@hintsig.pyfunc.utils.pyfunc
def advanced_predict(model_input: list[ChatRequest]) -> list[dict[str, str]]:
    results = []
    for request in model_input:
        response = {"response": f"Processed {len(request.messages)} messages"}
        if request.tools:
            response["tools_count"] = str(len(request.tools))
        results.append(response)
    return results


def test_complex_nested_models() -> None:
    """Lines 204-226 (complex nested models) and 290-297 (conversion of nested structures)."""
    complex_input = {
        "messages": [{"role": "user", "content": "Hi"}],
        "tools": [{"name": "search", "description": "Web search"}],
        "temperature": 0.5,
    }
    assert advanced_predict([complex_input]) == [
        {"response": "Processed 1 messages", "tools_count": "1"}
    ]
    with pytest.raises(HintsigException, match="messages"):
        advanced_predict([{"tools": []}])


def test_flexible_base_classes() -> None:
    """Lines 227-250 (flexible base classes): extra fields of subclasses are kept."""

    class BaseMessage(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="allow")  # Allow extra fields
        role: str
        content: str

    class SystemMessage(BaseMessage):
        system_prompt: str

    class UserMessage(BaseMessage):
        user_id: str

    @hintsig.pyfunc.utils.pyfunc
    def flexible_predict(model_input: list[BaseMessage]) -> list[str]:
        results = []
        for msg in model_input:
            result = f"{msg.role}: {msg.content}"
            if hasattr(msg, "system_prompt"):
                result += f" (system: {msg.system_prompt})"
            elif hasattr(msg, "user_id"):
                result += f" (user: {msg.user_id})"
            results.append(result)
        return results

    assert flexible_predict(
        [
            SystemMessage(role="system", content="Be brief", system_prompt="p"),
            {"role": "user", "content": "Hi", "user_id": "u1"},
        ]
    ) == ["system: Be brief (system: p)", "user: Hi (user: u1)"]


def test_optional_fields_need_defaults() -> None:
    """Lines 251-265 (pydantic best practices): an Optional field without a default is an
    error when the model is defined (hintsig says so at once; MLflow also refuses it)."""

    class Good(pydantic.BaseModel):
        role: str
        content: str
        metadata: dict[str, str] | None = None
        timestamp: str | None = None

    @hintsig.pyfunc.utils.pyfunc
    def good(model_input: list[Good]) -> list[str]:
        return [m.role for m in model_input]

    assert good([{"role": "a", "content": "b"}]) == ["a"]

    class Bad(pydantic.BaseModel):
        role: str
        content: str
        metadata: dict[str, str] | None  # Will cause validation errors

    with pytest.raises(HintsigException, match="metadata"):

        @hintsig.pyfunc.utils.pyfunc
        def bad(model_input: list[Bad]) -> list[str]:
            return []


def test_automatic_validation() -> None:
    """Lines 266-282 (automatic validation): objects and dicts work; a missing field and a
    wrong type raise."""
    model = CustomModel()
    assert model.predict([Message(role="user", content="Hello")]) == ["Hello"]
    assert model.predict([{"role": "user", "content": "Hello"}]) == ["Hello"]
    with pytest.raises(HintsigException, match="content"):
        model.predict([{"role": "user"}])  # Missing 'content'
    with pytest.raises(HintsigException):
        model.predict(["hello"])  # Expected dict/Pydantic object


def test_data_conversion() -> None:
    """Lines 283-289 (data conversion): a dict becomes a Message object."""
    seen: list[Any] = []

    class Model(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: list[Message]) -> list[str]:
            seen.extend(model_input)
            return []

    input_dict = {"role": "system", "content": "Hello", "metadata": {"source": "api"}}
    Model().predict([input_dict])
    assert seen == [Message(role="system", content="Hello", metadata={"source": "api"})]


def test_validation_errors() -> None:
    """Lines 298-313 (validation error examples): each error names what is wrong, and does
    not echo the input value (hintsig's house rule; MLflow prints it)."""
    model = CustomModel()
    with pytest.raises(HintsigException) as missing:
        model.predict([{"role": "system"}])  # Missing 'content'
    assert "content" in str(missing.value)
    with pytest.raises(HintsigException) as wrong:
        model.predict(["hello"])  # Expected dict/object
    assert "list[Message]" in str(wrong.value) and "'hello'" not in str(wrong.value)


def test_type_from_example(tracking: Path) -> None:
    """Lines 308-326 (TypeFromExample): the input example decides the type (`List[str]`)."""
    from hintsig.types.type_hints import TypeFromExample

    class FlexibleModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: TypeFromExample):  # type: ignore[no-untyped-def]
            return [item.upper() if isinstance(item, str) else str(item) for item in model_input]

    with hintsig.start_run():
        info = hintsig.pyfunc.log_model(
            name="flexible_model",
            python_model=FlexibleModel(),
            input_example=["sample", "data"],  # Expects List[str]
        )
    model_uri = info.model_uri
    loaded_model = hintsig.pyfunc.load_model(model_uri)
    assert loaded_model.predict(["hello", "world"]) == ["HELLO", "WORLD"]
    assert _inputs(info.signature) == [{"type": "string", "required": True}]


def test_legacy_hints_need_an_example() -> None:
    """Lines 327-341 (legacy hints): DataFrame/ndarray hints are not validated; the input
    example gives the signature."""

    class Legacy(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: pd.DataFrame) -> pd.DataFrame:
            return model_input

    sample_dataframe = pd.DataFrame({"x": [1.5, 2.5]})
    with hintsig.start_run():
        info = hintsig.pyfunc.log_model(
            name="legacy_model",
            python_model=Legacy(),
            input_example=sample_dataframe,  # Required for legacy types
        )
    assert _inputs(info.signature) == [{"type": "double", "name": "x", "required": True}]


def test_pyfunc_decorator() -> None:
    """Lines 342-351 (the @pyfunc decorator): dicts are converted; a string is refused."""
    from hintsig.pyfunc.utils import pyfunc

    @pyfunc
    def predict(model_input: list[Message]) -> list[str]:
        return [msg.content for msg in model_input]

    assert predict([{"role": "user", "content": "Hi"}]) == ["Hi"]
    with pytest.raises(HintsigException):
        predict(["hello"])


def test_union_hints_and_discriminated_unions() -> None:
    """Lines 352-370 (union behaviour): a Union is AnyType, not validated; a union of
    pydantic models is the better approach."""

    with pytest.warns(UserWarning, match="not validated"):

        class Plain(hintsig.pyfunc.PythonModel):
            def predict(self, model_input: list[str | int]) -> list[str]:
                return [str(item) for item in model_input]

    assert Plain().predict(["a", 1]) == ["a", "1"]

    class TextInput(pydantic.BaseModel):
        type: Literal["text"] = "text"
        content: str

    class NumberInput(pydantic.BaseModel):
        type: Literal["number"] = "number"
        value: int

    with _quiet():

        @hintsig.pyfunc.utils.pyfunc(validate_unions=True)
        def predict(model_input: list[TextInput | NumberInput]) -> list[str]:
            return [type(item).__name__ for item in model_input]

    assert predict([{"type": "text", "content": "x"}, {"type": "number", "value": 2}]) == [
        "TextInput",
        "NumberInput",
    ]


def test_serving_requests_use_inputs() -> None:
    """Lines 371-382 (serving with hints): `{"inputs": [...]}` is the request; a bare list
    is a client error."""
    from hintsig.models import validate_serving_input

    with hintsig.start_run():
        info = hintsig.pyfunc.log_model(
            name="chat_model",
            python_model=CustomModel(),
            input_example=[{"role": "user", "content": "Hello"}],
        )
    assert validate_serving_input(
        info.model_uri, '{"inputs": [{"role": "user", "content": "Hello"}]}'
    ) == ["Hello"]
    with pytest.raises(HintsigException):
        validate_serving_input(info.model_uri, '[{"role": "user", "content": "Hello"}]')


def test_example_validated_at_logging_and_tested_before_deploying() -> None:
    """Lines 383-403 (deployment: example validation, testing before deploying)."""
    with hintsig.start_run():
        model_info = hintsig.pyfunc.log_model(
            name="chat_model",
            python_model=CustomModel(),
            input_example=[{"role": "user", "content": "test"}],  # Matches List[Message]
        )
    model = CustomModel()
    test_input = [{"role": "user", "content": "test"}]
    assert model.predict(test_input) == ["test"]
    loaded_model = hintsig.pyfunc.load_model(model_info.model_uri)
    assert loaded_model.predict(test_input) == ["test"]


def test_robust_model_reraises() -> None:
    """Lines 404-412 (error handling): validation runs before `predict`, so a bad input is
    refused without reaching the model's own try/except."""
    import logging

    logger = logging.getLogger("guide")
    reached: list[Any] = []

    class RobustModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: list[Message]) -> list[str]:
            reached.append(model_input)
            try:
                return [msg.content for msg in model_input]
            except Exception as e:
                logger.error(f"Prediction failed: {e}")
                raise

    with pytest.raises(HintsigException):
        RobustModel().predict([{"role": "user"}])
    assert reached == []


def test_recommended_pattern() -> None:
    """Lines 413-422 (recommended pattern): a pydantic list hint, clear annotations."""

    class MyPydanticModel(pydantic.BaseModel):
        text: str

    def process(item: MyPydanticModel) -> str:
        return item.text.upper()

    class MyModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: list[MyPydanticModel]) -> list[str]:
            return [process(item) for item in model_input]

    assert MyModel().predict([{"text": "a"}]) == ["A"]


# ----------------------------------------------------------------------------- data types


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("hello world", "string"),
        (42, "long"),
        (np.int32(42), "integer"),
        (3.14159, "double"),
        (np.float32(3.14), "float"),
        (True, "boolean"),
        (np.bool_(True), "boolean"),
        (b"binary data", "binary"),
        (bytearray(b"data"), "binary"),
        (np.bytes_(b"data"), "binary"),
    ],
    ids=repr,
)
def test_python_to_schema_type_table(value: Any, expected: str) -> None:
    """Lines 440-455 (Python to MLflow type mapping)."""
    with _quiet():
        signature = hintsig.models.infer_signature({"x": value})
    assert _inputs(signature)[0]["type"] == expected


def test_datetime_column_from_timestamps() -> None:
    """Line 451 (datetime row of the table): a column of `pd.Timestamp` is datetime."""
    signature = hintsig.models.infer_signature(pd.DataFrame({"t": [pd.Timestamp("2023-01-01")]}))
    assert _inputs(signature) == [{"type": "datetime", "name": "t", "required": True}]


def test_arrays_objects_and_optional_fields() -> None:
    """Lines 456-472 (compound types): arrays, objects, and a column with None is optional."""
    with _quiet():
        arrays = hintsig.models.infer_signature(
            {
                "simple_list": ["a", "b", "c"],
                "nested_array": [[1, 2], [3, 4], [5, 6]],
                "numpy_array": np.array([1.1, 2.2, 3.3]),
            }
        )
    assert arrays.inputs.input_names() == ["simple_list", "nested_array", "numpy_array"]
    objects = hintsig.models.infer_signature(
        {"user_profile": {"name": "Alice", "age": 30, "preferences": ["sports", "music"]}}
    )
    assert _inputs(objects)[0]["type"] == "object"
    with _quiet():
        optional = hintsig.models.infer_signature(
            pd.DataFrame({"required_field": [1, 2, 3], "optional_field": [1.0, None, 3.0]})
        )
    assert [c["required"] for c in _inputs(optional)] == [True, False]


@pytest.mark.parametrize(
    ("dtype", "shape"),
    [
        (np.uint8, (-1, 28, 28, 1)),
        (np.float32, (-1, 768)),
        (np.float32, (10,)),
        (np.uint8, (-1, 224, 224, 3)),
        (np.float32, (-1, 512, 7, 7)),
        (np.int64, (-1, 512)),
        (np.bool_, (-1, 512)),
    ],
    ids=str,
)
def test_tensor_specs(dtype: Any, shape: tuple[int, ...]) -> None:
    """Lines 478-508 (NumPy dtypes, shapes, computer vision and NLP patterns)."""
    from hintsig.types.schema import Schema, TensorSpec

    spec = TensorSpec(np.dtype(dtype), shape)
    assert Schema.from_json(Schema([spec]).to_json()).inputs == [spec]
    assert spec.shape == shape


def test_param_spec() -> None:
    """Lines 512-518 (parameter specification)."""
    from hintsig.types.schema import ParamSpec

    spec = ParamSpec(
        name="temperature",  # Parameter name
        dtype="double",  # Data type
        default=0.7,  # Default value
        shape=None,  # Shape (None for scalars, (-1,) for lists)
    )
    assert spec.to_dict() == {
        "name": "temperature",
        "type": "double",
        "default": 0.7,
        "shape": None,
    }


def test_param_patterns_and_their_use(tracking: Path) -> None:
    """Lines 531-556 (text generation and model selection params; using params at inference):
    defaults apply, and given params override them."""
    from hintsig.models import ModelSignature
    from hintsig.types.schema import ColSpec, ParamSchema, ParamSpec, Schema

    params_schema = ParamSchema(
        [
            ParamSpec("temperature", "double", 0.7),
            ParamSpec("max_tokens", "long", 100),
            ParamSpec("top_p", "double", 0.9),
            ParamSpec("frequency_penalty", "double", 0.0),
            ParamSpec("stop_sequences", "string", [], (-1,)),  # List of strings
        ]
    )
    selection = ParamSchema(
        [
            ParamSpec("model_name", "string", "default"),
            ParamSpec("use_cache", "boolean", True),
            ParamSpec("timeout", "long", 30),
        ]
    )
    assert [p.name for p in selection.params] == ["model_name", "use_cache", "timeout"]

    class Params(hintsig.pyfunc.PythonModel):
        def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
            return [params]

    signature = ModelSignature(Schema([ColSpec("string")]), None, params_schema)
    path = str(tracking / "params_model")
    hintsig.pyfunc.save_model(path, python_model=Params(), signature=signature)
    model_uri = path
    input_data = ["Hello"]
    loaded_model = hintsig.pyfunc.load_model(model_uri)
    (defaults,) = loaded_model.predict(input_data)
    assert defaults["temperature"] == 0.7 and defaults["max_tokens"] == 100
    (given,) = loaded_model.predict(input_data, params={"temperature": 0.1, "max_tokens": 50})
    assert given["temperature"] == 0.1 and given["max_tokens"] == 50 and given["top_p"] == 0.9


def test_enforcement_rules(tracking: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Lines 557-574 (validation rules): required fields must be present, optional may be
    missing, extra fields are not passed on, safe conversions apply, unknown params warn."""
    from hintsig.models import ModelSignature
    from hintsig.types.schema import ColSpec, Schema

    signature = ModelSignature(
        Schema([ColSpec("long", "a"), ColSpec("double", "b", required=False)])
    )
    path = str(tracking / "rules")
    hintsig.pyfunc.save_model(path, python_model=Echo(), signature=signature)
    loaded = hintsig.pyfunc.load_model(path)
    with pytest.raises(HintsigException, match="a"):
        loaded.predict(pd.DataFrame({"b": [1.0]}))
    with _warns(caplog):
        out = loaded.predict(pd.DataFrame({"a": np.array([1], dtype=np.int32), "extra": [1]}))
    assert list(out.columns) == ["a"] and str(out["a"].dtype) == "int64"  # int -> long
    with _warns(caplog):
        loaded.predict(pd.DataFrame({"a": [1]}), params={"unknown": 1})


def test_integer_columns_with_missing_values() -> None:
    """Lines 576-581 and 892-896 (integers with missing values): a None makes the column
    float64, which a `long` schema refuses; declaring doubles from the start works."""
    df = pd.DataFrame({"int_col": [1, 2, None]})  # Becomes float64
    assert str(df["int_col"].dtype) == "float64"
    df = pd.DataFrame({"int_col": [1.0, 2.0, None]})  # Stays float64
    signature = hintsig.models.infer_signature(df)
    assert _inputs(signature) == [{"type": "double", "name": "int_col", "required": False}]


def test_safe_and_unsafe_conversions(tracking: Path) -> None:
    """Lines 582-589 (conversion examples): int32 -> long, int -> double, float32 -> double
    are applied; long -> double and string -> int are refused."""
    from hintsig.models import ModelSignature
    from hintsig.types.schema import ColSpec, Schema

    def loaded(kind: str) -> Any:
        path = str(tracking / kind)
        signature = ModelSignature(Schema([ColSpec(kind, "x")]))
        hintsig.pyfunc.save_model(path, python_model=Echo(), signature=signature)
        return hintsig.pyfunc.load_model(path)

    as_long, as_double, as_int = loaded("long"), loaded("double"), loaded("integer")
    assert str(as_long.predict(pd.DataFrame({"x": np.array([1], np.int32)}))["x"].dtype) == "int64"
    assert str(as_double.predict(pd.DataFrame({"x": np.array([1], np.int32)}))["x"].dtype) == (
        "float64"
    )
    assert str(as_double.predict(pd.DataFrame({"x": np.array([1], np.float32)}))["x"].dtype) == (
        "float64"
    )
    # long -> double: hintsig refuses the precision loss itself (a value float64 would round)
    # and, more lenient than MLflow, passes longs that float64 holds exactly.
    with pytest.raises(HintsigException):
        as_double.predict(pd.DataFrame({"x": np.array([2**53 + 1], np.int64)}))
    assert as_double.predict(pd.DataFrame({"x": np.array([3], np.int64)}))["x"].tolist() == [3.0]
    with pytest.raises(HintsigException):
        as_int.predict(pd.DataFrame({"x": ["85"]}))


# ----------------------------------------------------------------------------- using signatures


def test_automatic_inference_from_example(iris: Any) -> None:
    """Lines 592-603 (automatic signature inference)."""
    from sklearn.ensemble import RandomForestClassifier

    X_train, y_train = iris
    model = RandomForestClassifier(n_estimators=5).fit(X_train, y_train)
    with hintsig.start_run(), _quiet():
        info = hintsig.sklearn.log_model(model, name="my_model", input_example=X_train.iloc[[0]])
    assert info.signature.inputs.input_names() == list(X_train.columns)


def test_manual_signature(model: Any) -> None:
    """Lines 604-622 (manual signatures)."""
    from hintsig.models import ModelSignature
    from hintsig.types.schema import ColSpec, Schema

    input_schema = Schema(
        [
            ColSpec("double", "feature_1"),
            ColSpec("string", "feature_2"),
            ColSpec("long", "feature_3", required=False),  # Optional
        ]
    )
    output_schema = Schema([ColSpec("double", "prediction")])
    signature = ModelSignature(inputs=input_schema, outputs=output_schema)
    with hintsig.start_run():
        info = hintsig.sklearn.log_model(model, name="my_model", signature=signature)
    assert hintsig.models.model.get_model_info(info.model_uri).signature == signature


def test_infer_signature_helper(model: Any, iris: Any) -> None:
    """Lines 623-632 (infer_signature for custom workflows)."""
    from hintsig.models import infer_signature

    X_test = iris[0].iloc[:10]
    predictions = model.predict(X_test)
    signature = infer_signature(X_test, predictions)
    with hintsig.start_run():
        info = hintsig.sklearn.log_model(model, name="my_model", signature=signature)
    assert info.signature == signature
    assert json.loads(signature.outputs.to_json()) == [
        {"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}
    ]


def test_set_signature_on_a_logged_model(model: Any, iris: Any) -> None:
    """Lines 633-646 (adding a signature to a logged model): `models:/<model_id>`."""
    from hintsig.models import infer_signature, set_signature
    from hintsig.models.model import get_model_info

    X_test = iris[0].iloc[:10]
    with hintsig.start_run(), _quiet():
        logged = hintsig.sklearn.log_model(model, name="no_signature")
    model_uri = f"models:/{logged.model_id}"
    model = hintsig.pyfunc.load_model(model_uri)
    signature = infer_signature(X_test, model.predict(X_test))
    set_signature(model_uri, signature)
    assert get_model_info(model_uri).signature == signature


def test_registry_new_version_with_updated_signature(model: Any, iris: Any) -> None:
    """Lines 647-657 (model registry): set the signature on the version's source, then
    create a new version from it."""
    from hintsig.client import MlflowClient
    from hintsig.models import infer_signature, set_signature

    X_test = iris[0].iloc[:10]
    predictions = model.predict(X_test)
    with hintsig.start_run(), _quiet():
        hintsig.sklearn.log_model(model, name="m", registered_model_name="my_registered_model")
    client = MlflowClient()
    model_name = "my_registered_model"
    model_version = 1
    mv = client.get_model_version(name=model_name, version=model_version)
    signature = infer_signature(X_test, predictions)
    set_signature(mv.source, signature)
    new = client.create_model_version(name=model_name, source=mv.source, run_id=mv.run_id)
    assert int(new.version) == 2
    assert hintsig.models.model.get_model_info(f"models:/{model_name}/2").signature == signature


def test_genai_input_examples() -> None:
    """Lines 658-674 (GenAI signatures; `mlflow.langchain.log_model` replaced by a
    PythonModel): a messages example and records where one key is missing (optional)."""
    input_example = {"messages": [{"role": "user", "content": "What is machine learning?"}]}
    with hintsig.start_run(), _quiet():
        chat = hintsig.pyfunc.log_model(
            name="chat_model", python_model=Echo(), input_example=input_example
        )
    assert _inputs(chat.signature)[0]["type"] == "array"
    input_example = [
        {"name": "Alice", "message": "Hello"},  # name is present
        {"message": "Hi there"},  # name is missing (becomes optional)
    ]
    with hintsig.start_run(), _quiet():
        info = hintsig.pyfunc.log_model(
            name="chat_model", python_model=Echo(), input_example=input_example
        )
    assert {c["name"]: c["required"] for c in _inputs(info.signature)} == {
        "name": False,
        "message": True,
    }


def test_signature_with_params() -> None:
    """Lines 675-687 (models with params; `mlflow.transformers` replaced by a PythonModel)."""
    input_data = "Translate to French: Hello world"
    params = {"temperature": 0.3, "max_tokens": 50, "stop_sequences": [".", "!"]}
    signature = hintsig.models.infer_signature(input_data, "Bonjour le monde", params)
    assert signature.params is not None
    assert json.loads(signature.params.to_json()) == [
        {"name": "temperature", "type": "double", "default": 0.3, "shape": None},
        {"name": "max_tokens", "type": "long", "default": 50, "shape": None},
        {"name": "stop_sequences", "type": "string", "default": [".", "!"], "shape": [-1]},
    ]
    with hintsig.start_run():
        info = hintsig.pyfunc.log_model(
            python_model=Echo(), name="translation_model", signature=signature
        )
    assert info.signature == signature


def test_complex_nested_example() -> None:
    """Lines 688-707 (complex data structures): nested objects with a None field."""
    input_example = {
        "user_data": {
            "id": 12345,
            "preferences": ["action", "comedy"],
            "metadata": {"created_date": "2023-01-01", "is_premium": True},
        },
        "context": {"device": "mobile", "location": None},  # Optional field
    }
    with hintsig.start_run(), _quiet():
        info = hintsig.pyfunc.log_model(
            python_model=Echo(), name="complex_model", input_example=input_example
        )
    user, context = _inputs(info.signature)
    assert user["type"] == "object" and set(user["properties"]) == {
        "id",
        "preferences",
        "metadata",
    }
    assert context["properties"]["location"]["required"] is False


# ----------------------------------------------------------------------------- input examples


def test_dataframe_examples(model: Any) -> None:
    """Lines 716-730 (DataFrame examples): a single record and a batch."""
    single_record = pd.DataFrame(
        [{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}]
    )
    batch_example = pd.DataFrame(
        [
            {"feature_1": 1.0, "feature_2": "A"},
            {"feature_1": 2.0, "feature_2": "B"},
            {"feature_1": 3.0, "feature_2": "C"},
        ]
    )
    assert _inputs(hintsig.models.infer_signature(batch_example))[1]["type"] == "string"
    from sklearn.ensemble import RandomForestClassifier

    fitted = RandomForestClassifier(n_estimators=2).fit(single_record, [0])
    with hintsig.start_run(), _quiet():
        info = hintsig.sklearn.log_model(fitted, name="model", input_example=single_record)
    assert info.signature.inputs.input_names() == list(single_record.columns)


def test_tensor_examples(tracking: Path) -> None:
    """Lines 731-745 (tensor examples; `mlflow.tensorflow` replaced by a PythonModel)."""
    from scipy.sparse import csr_matrix

    image_batch = np.random.randint(0, 255, size=(3, 28, 28, 1), dtype=np.uint8)
    multi_input = {
        "image": np.random.random((2, 224, 224, 3)),
        "metadata": np.array([[1.0, 2.0], [3.0, 4.0]]),
    }
    sparse_example = csr_matrix([[1, 0, 2], [0, 0, 3]])
    multi = hintsig.models.infer_signature(multi_input)
    assert multi.inputs.input_names() == ["image", "metadata"]
    sparse = hintsig.models.infer_signature(sparse_example)
    assert _inputs(sparse)[0]["tensor-spec"] == {"dtype": "int64", "shape": [-1, 3]}
    with hintsig.start_run():
        info = hintsig.pyfunc.log_model(
            python_model=Echo(), name="model", input_example=image_batch
        )
    assert _inputs(info.signature) == [
        {"type": "tensor", "tensor-spec": {"dtype": "uint8", "shape": [-1, 28, 28, 1]}}
    ]


def test_json_examples() -> None:
    """Lines 746-763 (JSON examples; `mlflow.langchain` replaced by a PythonModel): a dict,
    a list of records and a scalar."""
    dict_example = {
        "messages": [
            {"role": "system", "content": "You are a helpful assistant"},
            {"role": "user", "content": "Hello!"},
        ],
        "temperature": 0.7,
    }
    list_example = [
        {"text": "First document", "category": "news"},
        {"text": "Second document", "category": "sports"},
    ]
    scalar_example = "What is the capital of France?"
    assert hintsig.models.infer_signature(list_example).inputs.input_names() == [
        "text",
        "category",
    ]
    assert _inputs(hintsig.models.infer_signature(scalar_example)) == [
        {"type": "string", "required": True}
    ]
    with hintsig.start_run(), _quiet():
        info = hintsig.pyfunc.log_model(
            python_model=Echo(), name="model", input_example=dict_example
        )
    assert info.signature.inputs.input_names() == ["messages", "temperature"]


def test_example_with_params(tracking: Path) -> None:
    """Lines 764-780 (examples with params; `mlflow.transformers` replaced by a PythonModel):
    the tuple's params go into the signature and are the defaults at inference."""

    class Params(hintsig.pyfunc.PythonModel):
        def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
            return [params]

    input_data = "Translate to Spanish: Good morning"
    params = {"temperature": 0.2, "max_length": 50, "do_sample": True}
    input_example = (input_data, params)
    with hintsig.start_run(), _quiet():
        info = hintsig.pyfunc.log_model(
            python_model=Params(), name="translation_model", input_example=input_example
        )
    model_uri = info.model_uri
    loaded_model = hintsig.pyfunc.load_model(model_uri)
    (result1,) = loaded_model.predict(input_data)
    assert result1 == params
    (result2,) = loaded_model.predict(input_data, params={"temperature": 0.1})
    assert result2 == {**params, "temperature": 0.1}


def test_serving_example_files(tracking: Path) -> None:
    """Lines 781-794 (serving input examples): input_example.json keeps the original,
    serving_input_example.json wraps it in `inputs`."""

    class MyModel(hintsig.pyfunc.PythonModel):
        def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
            return ["ok"]

    input_example = {"question": "What is MLflow?"}
    with hintsig.start_run(), _quiet():
        model_info = hintsig.pyfunc.log_model(
            python_model=MyModel(), name="model", input_example=input_example
        )
    local = _model_dir(model_info.model_uri)
    assert json.loads((local / "input_example.json").read_text()) == {"question": "What is MLflow?"}
    assert json.loads((local / "serving_input_example.json").read_text()) == {
        "inputs": {"question": "What is MLflow?"}
    }


def test_validate_serving_example() -> None:
    """Lines 795-804 (validating the serving example before deploying)."""
    from hintsig.models import validate_serving_input
    from hintsig.models.utils import load_serving_example

    with hintsig.start_run():
        model_info = hintsig.pyfunc.log_model(
            name="chat_model",
            python_model=CustomModel(),
            input_example=[{"role": "user", "content": "Hello"}],
        )
    serving_example = load_serving_example(model_info.model_uri)
    result = validate_serving_input(model_info.model_uri, serving_example)
    assert result == ["Hello"]


# ----------------------------------------------------------------------------- quick reference


def test_quick_reference_basic(capsys: pytest.CaptureFixture[str]) -> None:
    """Lines 813-831 (quick reference, basic): a dict, optional fields, nested data."""
    from hintsig.models import infer_signature

    simple_dict = {"name": "Alice", "age": 30, "active": True}
    with _quiet():
        print(infer_signature(simple_dict))
    assert "'name': string (required)" in capsys.readouterr().out
    optional_fields = [
        {"name": "Alice", "email": "alice@example.com"},
        {"name": "Bob", "email": None},  # email becomes optional
    ]
    print(infer_signature(optional_fields))
    assert "'email': string (optional)" in capsys.readouterr().out
    complex_data = {
        "user": {"id": 123, "tags": ["premium", "beta"]},
        "scores": [0.8, 0.9, 0.7],
    }
    print(infer_signature(complex_data))
    out = capsys.readouterr().out
    assert "'user': {id: long (required), tags: Array(string) (required)}" in out
    assert "'scores': Array(double)" in out


def test_quick_reference_dataframes(capsys: pytest.CaptureFixture[str]) -> None:
    """Lines 832-858 (quick reference, DataFrames): columns, optional, arrays and objects."""
    from hintsig.models import infer_signature

    df = pd.DataFrame(
        {
            "feature_1": [1.0, 2.0, 3.0],
            "feature_2": ["A", "B", "C"],
            "feature_3": [True, False, True],
        }
    )
    print(infer_signature(df))
    assert "'feature_3': boolean (required)" in capsys.readouterr().out
    df_optional = pd.DataFrame({"required_col": [1, 2, 3], "optional_col": [1.0, None, 3.0]})
    with _quiet():
        print(infer_signature(df_optional))
    assert "'optional_col': double (optional)" in capsys.readouterr().out
    df_mixed = pd.DataFrame(
        {
            "numbers": [1, 2, 3],
            "arrays": [[1, 2], [3, 4], [5, 6]],
            "objects": [{"a": 1}, {"b": 2}, {"c": 3}],
        }
    )
    with _quiet():
        signature = infer_signature(df_mixed)
    types = [c["type"] for c in _inputs(signature)]
    assert types[:2] == ["long", "array"]


def test_quick_reference_tensors(capsys: pytest.CaptureFixture[str]) -> None:
    """Lines 859-876 (quick reference, tensors)."""
    from hintsig.models import infer_signature

    tensor_2d = np.array([[1, 2, 3], [4, 5, 6]])
    print(infer_signature(tensor_2d))
    assert "Tensor('int64', (-1, 3))" in capsys.readouterr().out
    image_batch = np.random.randint(0, 255, (10, 28, 28, 1), dtype=np.uint8)
    print(infer_signature(image_batch))
    assert "Tensor('uint8', (-1, 28, 28, 1))" in capsys.readouterr().out
    multi_tensor = {
        "image": np.random.random((5, 224, 224, 3)),
        "mask": np.random.randint(0, 2, (5, 224, 224, 1)),
    }
    assert infer_signature(multi_tensor).inputs.input_names() == ["image", "mask"]


# ----------------------------------------------------------------------------- best practices


def test_always_include_examples(model: Any, iris: Any, caplog: pytest.LogCaptureFixture) -> None:
    """Lines 879-884 (always include examples): with an example there is a signature;
    without one there is none, and a warning says so."""
    X_sample = iris[0].iloc[[0]]
    with hintsig.start_run(), _quiet():
        good = hintsig.sklearn.log_model(model, name="model", input_example=X_sample)
    assert good.signature is not None
    with hintsig.start_run(), _warns(caplog):
        bad = hintsig.sklearn.log_model(model, name="model")
    assert bad.signature is None


def test_test_your_signature(model: Any, iris: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """Lines 885-891 (testing a signature)."""
    from hintsig.models import infer_signature

    X_test = iris[0].iloc[:5]
    y_pred = model.predict(X_test)
    signature = infer_signature(X_test, y_pred)
    with hintsig.start_run():
        info = hintsig.sklearn.log_model(model, name="model", signature=signature)
    model_uri = info.model_uri
    loaded_model = hintsig.pyfunc.load_model(model_uri)
    try:
        loaded_model.predict(X_test)
        print("✅ Signature validation passed")
    except Exception as e:
        print(f"❌ Signature issue: {e}")
    assert "✅" in capsys.readouterr().out


def test_large_dataframe_sample(model: Any, iris: Any) -> None:
    """Lines 892-896 (large DataFrames): a representative sample as the example."""
    large_df = pd.concat([iris[0]] * 20, ignore_index=True)
    sample_df = large_df.sample(n=100, random_state=42)
    with hintsig.start_run(), _quiet():
        info = hintsig.sklearn.log_model(model, name="model", input_example=sample_df)
    local = _model_dir(info.model_uri)
    assert (local / "input_example.json").is_file()


def test_minimal_complex_example() -> None:
    """Lines 897-902 (complex objects): None marks an optional field."""
    minimal_example = {
        "required_field": "example_value",
        "optional_field": None,  # Shows field is optional
        "array_field": ["sample"],  # Shows it's an array
    }
    with _quiet():
        signature = hintsig.models.infer_signature(minimal_example)
    by_name = {c["name"]: c for c in _inputs(signature)}
    assert by_name["required_field"]["type"] == "string"
    assert by_name["array_field"]["type"] == "array"


def test_nesting_consistency() -> None:
    """Lines 908-918 (nested structure consistency): inconsistent nesting gives AnyType with
    a warning (`strict=True` raises); a consistent structure gives an Object."""
    inconsistent = [
        {"level1": {"level2": "value"}},
        {"level1": "direct_value"},  # Different structure
    ]
    with pytest.warns(UserWarning, match="AnyType"):
        loose = hintsig.models.infer_signature(inconsistent)
    assert _inputs(loose)[0]["type"] == "any"
    with pytest.raises(HintsigException):
        hintsig.models.infer_signature(inconsistent, strict=True)
    consistent = [
        {"level1": {"level2": "value1"}},
        {"level1": {"level2": "value2"}},  # Same structure
    ]
    assert _inputs(hintsig.models.infer_signature(consistent))[0]["type"] == "object"


def test_typed_python_model_with_context() -> None:
    """Lines 920-926 (type hints on PythonModel): `predict(self, context, model_input: ...)`."""

    class TypedModel(hintsig.pyfunc.PythonModel):
        def predict(self, context: Any, model_input: list[dict[str, str]]) -> list[str]:
            return [item["text"].upper() for item in model_input]

    assert TypedModel().predict(None, [{"text": "a"}]) == ["A"]
    with pytest.raises(HintsigException):
        TypedModel().predict(None, [{"text": 1}])


# ----------------------------------------------------------------------------- troubleshooting


def _scored(tracking: Path, signature: Any) -> Any:
    path = str(tracking / "scored")
    hintsig.pyfunc.save_model(path, python_model=Echo(), signature=signature)
    return hintsig.pyfunc.load_model(path)


def test_missing_required_field(tracking: Path) -> None:
    """Lines 931-935 (a missing required input field)."""
    signature = hintsig.models.infer_signature({"name": "Alice", "age": 30})
    input_data = {"name": "Alice"}  # Missing required "age" field
    with pytest.raises(HintsigException, match="age"):
        _scored(tracking, signature).predict(input_data)


def test_wrong_type(tracking: Path) -> None:
    """Lines 936-941 (a string where an integer is expected)."""
    signature = hintsig.models.infer_signature({"score": 85})
    input_data = {"score": "85"}  # String value
    with pytest.raises(HintsigException, match="score"):
        _scored(tracking, signature).predict(input_data)


def test_tensor_shape_mismatch(tracking: Path) -> None:
    """Lines 942-947 (tensor shape mismatch)."""
    signature = hintsig.models.infer_signature(np.random.random((10, 784)))
    input_tensor = np.random.random((10, 28, 28))  # Wrong shape
    with pytest.raises(HintsigException, match="shape"):
        _scored(tracking, signature).predict(input_tensor)


def test_debugging_signatures(tracking: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Lines 948-962 (debugging signatures): print, compare, and warn on a mismatch."""
    from hintsig.models import infer_signature
    from hintsig.models.model import get_model_info

    your_input_data = pd.DataFrame({"a": [1.0], "b": ["x"]})
    path = str(tracking / "debug")
    hintsig.pyfunc.save_model(
        path, python_model=Echo(), signature=infer_signature(your_input_data[["a"]])
    )
    model_uri = path
    model_info = get_model_info(model_uri)
    print("Current signature:")
    print(model_info.signature)
    inferred = infer_signature(your_input_data)
    print("Inferred signature:")
    print(inferred)
    if model_info.signature != inferred:
        print("⚠️ Signatures don't match - consider updating")
    out = capsys.readouterr().out
    assert "inputs:" in out and "⚠️ Signatures don't match" in out
