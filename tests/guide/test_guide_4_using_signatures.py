"""The seed guide's "using signatures" part, with `mlflow` replaced by `hintsig`: lines 586-702.

One test per code example, in the guide's order; each docstring names the section and the
line range in `../shared/seed/model-signatures-and-input-examples.txt`. `X_train`, `y_train`,
`X_test` and `model` are the iris fixtures of conftest.py. The LangChain and transformers
flavours are not hintsig's: those examples log the same input example or signature with
`hintsig.pyfunc.log_model` and a small PythonModel in place of the chain or pipeline.
"""

# The snippets keep the guide's imports, their order and its trailing comments:
# ruff: noqa: I001

from __future__ import annotations

import json
import warnings
from typing import Any

import pandas as pd

import hintsig

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # MLflow warns that predict has no type hints

    class Reply(hintsig.pyfunc.PythonModel):
        """Stands in for a chat chain: one reply per input record."""

        def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
            return ["Hello!" for _ in range(len(model_input))]


def _json(schema: Any) -> Any:
    return None if schema is None else json.loads(schema.to_json())


def test_automatic_signature_inference(X_train: pd.DataFrame, y_train: pd.Series) -> None:
    """使用签名 / 自动签名推断 (lines 592-601): the first training row as the example gives
    the signature."""
    import hintsig
    from sklearn.ensemble import RandomForestClassifier

    # Train your model
    model = RandomForestClassifier().fit(X_train, y_train)
    with hintsig.start_run():
        model_info = hintsig.sklearn.log_model(
            model,
            name="my_model",
            input_example=X_train.iloc[[0]],  # Signature inferred automatically
        )
    assert _json(model_info.signature.inputs) == [
        {"type": "double", "name": name, "required": True} for name in X_train.columns
    ]
    assert _json(model_info.signature.outputs) == [{"type": "long", "required": True}]


def test_manual_signature(model: Any) -> None:
    """使用签名 / 手动创建签名 (lines 604-620): the explicit signature is stored as given."""
    from hintsig.models import ModelSignature
    from hintsig.types.schema import Schema, ColSpec

    # Define input schema
    input_schema = Schema(
        [
            ColSpec("double", "feature_1"),
            ColSpec("string", "feature_2"),
            ColSpec("long", "feature_3", required=False),  # Optional
        ]
    )
    # Define output schema
    output_schema = Schema([ColSpec("double", "prediction")])
    # Create signature
    signature = ModelSignature(inputs=input_schema, outputs=output_schema)
    # Log with explicit signature
    with hintsig.start_run():
        model_info = hintsig.sklearn.log_model(model, name="my_model", signature=signature)

    assert model_info.signature == signature
    assert hintsig.models.model.get_model_info(model_info.model_uri).signature == signature
    assert signature.to_dict() == {
        "inputs": '[{"type": "double", "name": "feature_1", "required": true}, '
        '{"type": "string", "name": "feature_2", "required": true}, '
        '{"type": "long", "name": "feature_3", "required": false}]',
        "outputs": '[{"type": "double", "name": "prediction", "required": true}]',
        "params": None,
    }


def test_infer_signature_helper(model: Any, X_test: pd.DataFrame) -> None:
    """使用签名 / 签名推断助手 (lines 623-630): inputs from the test frame, outputs from the
    predictions (a 1-d int64 array: a tensor)."""
    from hintsig.models import infer_signature

    # Generate predictions for signature inference
    predictions = model.predict(X_test)
    # Infer signature from data
    signature = infer_signature(X_test, predictions)
    # Log with inferred signature
    with hintsig.start_run():
        model_info = hintsig.sklearn.log_model(model, name="my_model", signature=signature)

    assert model_info.signature == signature
    assert signature.inputs.input_names() == list(X_test.columns)
    assert _json(signature.outputs) == [
        {"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}
    ]


def test_set_signature_on_a_logged_model(model: Any, X_test: pd.DataFrame) -> None:
    """向已记录模型添加签名 / 使用 set_signature (lines 634-644): the signature set on
    `models:/<model_id>` is the one read back. The model id is that of the iris model logged
    without a signature."""
    model_id = hintsig.sklearn.log_model(model, name="unsigned").model_id

    from hintsig.models import set_signature, infer_signature

    # Load existing model (without signature)
    model_uri = f"models:/{model_id}"
    model = hintsig.pyfunc.load_model(model_uri)
    assert model.metadata.signature is None
    # Create signature from test data
    signature = infer_signature(X_test, model.predict(X_test))
    # Apply signature to existing model
    set_signature(model_uri, signature)
    # Verify signature was set
    from hintsig.models.model import get_model_info

    assert get_model_info(model_uri).signature == signature
    assert hintsig.pyfunc.load_model(model_uri).metadata.signature == signature


def test_registry_new_version_with_updated_signature(model: Any, X_test: pd.DataFrame) -> None:
    """向已记录模型添加签名 / 使用模型注册表 (lines 647-657): the signature is set on
    version 1's source and version 2 is created from it. Version 1 is the iris model
    registered without a signature; `predictions` are its predictions on `X_test`."""
    from hintsig.models import infer_signature, set_signature

    hintsig.sklearn.log_model(model, name="unsigned", registered_model_name="my_registered_model")
    predictions = model.predict(X_test)

    from hintsig.client import MlflowClient

    client = MlflowClient()
    model_name = "my_registered_model"
    model_version = 1
    # Get existing model version
    mv = client.get_model_version(name=model_name, version=model_version)
    # Update signature on source artifacts
    signature = infer_signature(X_test, predictions)
    set_signature(mv.source, signature)
    # Create new model version with updated signature
    new_version = client.create_model_version(name=model_name, source=mv.source, run_id=mv.run_id)

    assert str(new_version.version) == "2"
    assert new_version.source == mv.source
    registered = hintsig.models.model.get_model_info(f"models:/{model_name}/2")
    assert registered.signature == signature


def test_genai_signature_from_input_examples() -> None:
    """使用签名 / GenAI 模型签名 (lines 661-673): the chat example gives an array of message
    objects; in the records example, the key missing from a record is optional.
    `mlflow.langchain.log_model(chain, ...)` is `hintsig.pyfunc.log_model(python_model=chain,
    ...)` with a PythonModel as the chain."""
    from hintsig.models import infer_signature

    chain = Reply()
    # Input example for chat model
    input_example = {"messages": [{"role": "user", "content": "What is machine learning?"}]}
    assert _json(infer_signature(input_example).inputs) == [
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "content": {"type": "string", "required": True},
                    "role": {"type": "string", "required": True},
                },
            },
            "name": "messages",
            "required": True,
        }
    ]
    # Optional fields example
    input_example = [
        {"name": "Alice", "message": "Hello"},  # name is present
        {"message": "Hi there"},  # name is missing (becomes optional)
    ]
    # Log model - signature auto-generated from input_example
    with hintsig.start_run():
        model_info = hintsig.pyfunc.log_model(
            python_model=chain,
            name="chat_model",
            input_example=input_example,  # Signature automatically inferred!
        )
    assert _json(model_info.signature.inputs) == [
        {"type": "string", "name": "name", "required": False},
        {"type": "string", "name": "message", "required": True},
    ]
    assert _json(model_info.signature.outputs) == [{"type": "string", "required": True}]


def test_signature_with_params() -> None:
    """使用签名 / 带参数的模型 (lines 677-684): `infer_signature(input, output, params)`
    puts the params, with their values as defaults, in the signature. The translation
    `model` is a PythonModel answering one string; `mlflow.transformers.log_model` is
    `hintsig.pyfunc.log_model`."""
    from hintsig.models import infer_signature

    model = Reply()
    # Input data and parameters
    input_data = "Translate to French: Hello world"
    params = {"temperature": 0.3, "max_tokens": 50, "stop_sequences": [".", "!"]}
    # Create signature with parameters - automatically inferred
    signature = infer_signature(
        input_data,
        model.predict(None, [input_data]),
        params,  # Include parameters in signature
    )
    with hintsig.start_run():
        model_info = hintsig.pyfunc.log_model(
            python_model=model, name="translation_model", signature=signature
        )

    assert _json(signature.inputs) == [{"type": "string", "required": True}]
    assert _json(signature.outputs) == [{"type": "string", "required": True}]
    assert _json(signature.params) == [
        {"name": "temperature", "type": "double", "default": 0.3, "shape": None},
        {"name": "max_tokens", "type": "long", "default": 50, "shape": None},
        {"name": "stop_sequences", "type": "string", "default": [".", "!"], "shape": [-1]},
    ]
    assert model_info.signature == signature


def test_complex_nested_input_example() -> None:
    """使用签名 / 复杂数据结构 (lines 688-702): nested objects and arrays are inferred from
    the example; the None field is optional. `custom_model` is a PythonModel without hints."""
    custom_model = Reply()
    # Complex input structure
    input_example = {
        "user_data": {
            "id": 12345,
            "preferences": ["action", "comedy"],
            "metadata": {"created_date": "2023-01-01", "is_premium": True},
        },
        "context": {"device": "mobile", "location": None},  # Optional field
    }
    # Signature automatically handles nested structure when provided as input_example
    with hintsig.start_run():
        model_info = hintsig.pyfunc.log_model(
            python_model=custom_model,
            name="complex_model",
            input_example=input_example,  # Auto-infers complex nested schema
        )

    user_data, context = _json(model_info.signature.inputs)
    assert user_data == {
        "type": "object",
        "properties": {
            "id": {"type": "long", "required": True},
            "metadata": {
                "type": "object",
                "properties": {
                    "created_date": {"type": "string", "required": True},
                    "is_premium": {"type": "boolean", "required": True},
                },
                "required": True,
            },
            "preferences": {"type": "array", "items": {"type": "string"}, "required": True},
        },
        "name": "user_data",
        "required": True,
    }
    assert context["name"] == "context"
    assert context["properties"]["device"] == {"type": "string", "required": True}
    assert context["properties"]["location"]["required"] is False
    loaded = hintsig.pyfunc.load_model(model_info.model_uri)
    assert loaded.input_example == input_example
