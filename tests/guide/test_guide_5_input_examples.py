"""The seed guide's input-example part, with `mlflow` replaced by `hintsig`: lines 703-805.

One test per code example, in the guide's order; each docstring names the section and the
line range in `../shared/seed/model-signatures-and-input-examples.txt`. The TensorFlow,
LangChain and transformers flavours are not hintsig's: those examples log the same input
example with `hintsig.pyfunc.log_model` and a small PythonModel in place of theirs.
"""

# The snippets keep the guide's imports, their order and its trailing comments:
# ruff: noqa: I001

# No `from __future__ import annotations`: the guide's hints are evaluated where they are
# written, so a class-local `Message` is the one `predict` gets.
import json
import warnings
from typing import Any

import hintsig

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # MLflow warns that predict has no type hints

    class Echo(hintsig.pyfunc.PythonModel):
        """Stands in for the TensorFlow, LangChain and transformers models: answers its input
        (and the params it was given, when there are any)."""

        def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
            return [params] if params else model_input


def _json(schema: Any) -> Any:
    return json.loads(schema.to_json())


def test_dataframe_examples() -> None:
    """输入示例格式 / DataFrame 示例 (lines 716-730): a one-row frame logged as the example
    gives a column per feature; a batch frame types each column. `model` is a random forest
    trained on the iris data under the example's column names."""
    from sklearn.datasets import load_iris
    from sklearn.ensemble import RandomForestClassifier

    iris = load_iris(as_frame=True)
    features = iris.data.set_axis(
        ["sepal_length", "sepal_width", "petal_length", "petal_width"], axis=1
    )
    model = RandomForestClassifier(n_estimators=10, random_state=0).fit(features, iris.target)

    import pandas as pd

    # Single record example
    single_record = pd.DataFrame(
        [{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}]
    )
    # Multiple records example
    batch_example = pd.DataFrame(
        [
            {"feature_1": 1.0, "feature_2": "A"},
            {"feature_1": 2.0, "feature_2": "B"},
            {"feature_1": 3.0, "feature_2": "C"},
        ]
    )
    # Log model with DataFrame example
    model_info = hintsig.sklearn.log_model(model, name="model", input_example=single_record)

    assert _json(model_info.signature.inputs) == [
        {"type": "double", "name": name, "required": True} for name in single_record.columns
    ]
    assert _json(model_info.signature.outputs) == [{"type": "long", "required": True}]
    saved = hintsig.pyfunc.load_model(model_info.model_uri).input_example
    assert saved.to_dict("records") == single_record.to_dict("records")
    assert _json(hintsig.models.infer_signature(batch_example).inputs) == [
        {"type": "double", "name": "feature_1", "required": True},
        {"type": "string", "name": "feature_2", "required": True},
    ]


def test_tensor_examples() -> None:
    """输入示例格式 / 张量示例 (lines 731-743): an image batch, a dict of arrays and a sparse
    matrix give tensor signatures; the image batch is logged as the example.
    `mlflow.tensorflow.log_model(model, ...)` is `hintsig.pyfunc.log_model(python_model=model,
    ...)` with a PythonModel answering its input."""
    from hintsig.models import infer_signature

    model = Echo()

    import numpy as np

    # Image batch example (MNIST-style)
    image_batch = np.random.randint(0, 255, size=(3, 28, 28, 1), dtype=np.uint8)
    # Multi-input dictionary
    multi_input = {
        "image": np.random.random((2, 224, 224, 3)),
        "metadata": np.array([[1.0, 2.0], [3.0, 4.0]]),
    }
    # Sparse matrix example
    from scipy.sparse import csr_matrix

    sparse_example = csr_matrix([[1, 0, 2], [0, 0, 3]])
    # Log model with tensor example
    model_info = hintsig.pyfunc.log_model(
        python_model=model, name="model", input_example=image_batch
    )

    assert _json(model_info.signature.inputs) == [
        {"type": "tensor", "tensor-spec": {"dtype": "uint8", "shape": [-1, 28, 28, 1]}}
    ]
    saved = hintsig.pyfunc.load_model(model_info.model_uri).input_example
    assert saved.dtype == np.uint8 and (saved == image_batch).all()
    assert _json(infer_signature(multi_input).inputs) == [
        {
            "type": "tensor",
            "tensor-spec": {"dtype": "float64", "shape": [-1, 224, 224, 3]},
            "name": "image",
        },
        {
            "type": "tensor",
            "tensor-spec": {"dtype": "float64", "shape": [-1, 2]},
            "name": "metadata",
        },
    ]
    assert _json(infer_signature(sparse_example).inputs) == [
        {"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1, 3]}}
    ]


def test_json_examples() -> None:
    """输入示例格式 / JSON 示例 (lines 745-760): a dict of messages and a temperature, a
    list of records and a scalar string; the dict is logged as the example.
    `mlflow.langchain.log_model(model, ...)` is `hintsig.pyfunc.log_model(python_model=model,
    ...)` with a PythonModel answering its input."""
    from hintsig.models import infer_signature

    model = Echo()
    # Dictionary example
    dict_example = {
        "messages": [
            {"role": "system", "content": "You are a helpful assistant"},
            {"role": "user", "content": "Hello!"},
        ],
        "temperature": 0.7,
    }
    # List example
    list_example = [
        {"text": "First document", "category": "news"},
        {"text": "Second document", "category": "sports"},
    ]
    # Simple scalar
    scalar_example = "What is the capital of France?"
    # Log model with JSON example
    model_info = hintsig.pyfunc.log_model(
        python_model=model, name="model", input_example=dict_example
    )

    messages, temperature = _json(model_info.signature.inputs)
    assert messages["name"] == "messages" and messages["type"] == "array"
    assert messages["items"]["properties"] == {
        "content": {"type": "string", "required": True},
        "role": {"type": "string", "required": True},
    }
    assert temperature == {"type": "double", "name": "temperature", "required": True}
    assert hintsig.pyfunc.load_model(model_info.model_uri).input_example == dict_example
    assert _json(infer_signature(list_example).inputs) == [
        {"type": "string", "name": "text", "required": True},
        {"type": "string", "name": "category", "required": True},
    ]
    assert _json(infer_signature(scalar_example).inputs) == [{"type": "string", "required": True}]


def test_example_with_params() -> None:
    """输入示例格式 / 带参数的示例 (lines 762-775): the tuple's params go into the signature
    as defaults; at inference they apply unless overridden. `mlflow.transformers.log_model`
    is `hintsig.pyfunc.log_model` with a PythonModel answering the params it gets; `model_uri`
    is the logged model's URI."""
    model = Echo()
    # Combine input data with parameters using tuple
    input_data = "Translate to Spanish: Good morning"
    params = {"temperature": 0.2, "max_length": 50, "do_sample": True}
    # Create tuple for logging
    input_example = (input_data, params)
    # Log model with parameters
    model_info = hintsig.pyfunc.log_model(
        python_model=model, name="translation_model", input_example=input_example
    )
    model_uri = model_info.model_uri
    # At inference time
    loaded_model = hintsig.pyfunc.load_model(model_uri)
    # Use default parameters
    result1 = loaded_model.predict(input_data)
    # Override parameters
    result2 = loaded_model.predict(input_data, params={"temperature": 0.1})

    assert _json(model_info.signature.params) == [
        {"name": "temperature", "type": "double", "default": 0.2, "shape": None},
        {"name": "max_length", "type": "long", "default": 50, "shape": None},
        {"name": "do_sample", "type": "boolean", "default": True, "shape": None},
    ]
    assert result1 == [params]
    assert result2 == [{**params, "temperature": 0.1}]


def test_serving_input_example_files() -> None:
    """模型服务与部署 / 服务输入示例 and 生成的文件 (lines 780-792): the example is saved as
    given (`input_example.json`) and in the REST format (`serving_input_example.json`, which
    `load_serving_example` reads). `MyModel` is a PythonModel answering one string."""
    from hintsig.models.utils import load_serving_example

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # MLflow warns that predict has no type hints

        class MyModel(hintsig.pyfunc.PythonModel):
            def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
                return ["MLflow is an open source platform"]

    # When you log a model with input_example
    input_example = {"question": "What is MLflow?"}
    with hintsig.start_run():
        model_info = hintsig.pyfunc.log_model(
            python_model=MyModel(), name="model", input_example=input_example
        )

    # MLflow creates two files:
    # 1. input_example.json - Original format
    # 2. serving_input_example.json - REST API format
    assert model_info.saved_input_example_info["artifact_path"] == "input_example.json"
    assert model_info.saved_input_example_info["serving_input_path"] == (
        "serving_input_example.json"
    )
    assert hintsig.pyfunc.load_model(model_info.model_uri).input_example == {
        "question": "What is MLflow?"
    }
    assert json.loads(load_serving_example(model_info.model_uri)) == {
        "inputs": {"question": "What is MLflow?"}
    }


def test_validate_serving_example() -> None:
    """模型服务与部署 / 验证服务示例 (lines 795-805): the saved serving example scores.
    `model_info` is the chat model of lines 382-387 (a `List[Message]` model)."""
    from typing import Dict, List, Optional  # noqa: UP035

    import pydantic

    class Message(pydantic.BaseModel):
        role: str
        content: str
        metadata: Optional[Dict[str, str]] = None  # noqa: UP006, UP045

    class CustomModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: List[Message]) -> List[str]:  # noqa: UP006
            return [msg.content for msg in model_input]

    with hintsig.start_run():
        model_info = hintsig.pyfunc.log_model(
            name="chat_model",
            python_model=CustomModel(),
            input_example=[{"role": "user", "content": "test"}],
        )

    from hintsig.models.utils import load_serving_example
    from hintsig.models import validate_serving_input

    # Load serving example
    serving_example = load_serving_example(model_info.model_uri)
    # Validate it works
    result = validate_serving_input(model_info.model_uri, serving_example)
    print(f"Validation result: {result}")

    assert json.loads(serving_example) == {"inputs": [{"role": "user", "content": "test"}]}
    assert result == ["test"]
