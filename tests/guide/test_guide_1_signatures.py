"""The seed guide's first part, run with `mlflow` replaced by `hintsig`: lines 1-106.

The guide is MLflow's "model signatures and input examples" page
(`../shared/seed/model-signatures-and-input-examples.txt`). Every test here is one code
example of it, in the guide's order; its docstring names the section and the line range.
"""

# The snippets keep the guide's imports, their order and its trailing comments:
# ruff: noqa: I001

from __future__ import annotations

import json
from typing import Any

import pandas as pd

import hintsig


def test_unity_catalog_needs_a_signature(model: Any, X_train: pd.DataFrame) -> None:
    """模型签名和输入示例 / Unity Catalog (lines 14-22): the ✅ call stores the signature and
    the example, the ❌ call logs a model without any signature (what Databricks refuses).

    `X_sample` and `signature` are not defined by the guide: five training rows and the
    signature inferred from them."""
    X_sample = X_train.head(5)
    signature = hintsig.models.infer_signature(X_sample, model.predict(X_sample))

    # ✅ Required for Databricks registration
    model_info = hintsig.sklearn.log_model(
        model,
        name="my_model",
        input_example=X_sample,  # Generates required signature
        signature=signature,  # Or provide explicit signature
    )
    # ❌ Will fail in Databricks Unity Catalog
    unsigned_info = hintsig.sklearn.log_model(model, name="my_model")  # No signature

    assert model_info.signature == signature
    assert model_info.saved_input_example_info["type"] == "dataframe"
    assert unsigned_info.signature is None
    assert unsigned_info.saved_input_example_info is None


def test_quick_start_signature_from_an_input_example() -> None:
    """快速开始:为模型添加签名 (lines 25-37): the example's columns become the inputs, the
    model's prediction on it the outputs, and the example is stored with the model."""
    import hintsig
    from sklearn.datasets import load_iris
    from sklearn.ensemble import RandomForestClassifier
    import pandas as pd

    # Load data and train model
    iris = load_iris(as_frame=True)
    X, y = iris.data, iris.target
    model = RandomForestClassifier().fit(X, y)
    with hintsig.start_run():
        # The input example automatically generates a signature
        model_info = hintsig.sklearn.log_model(
            model,
            name="iris_model",
            input_example=X.iloc[[0]],  # First row as example
        )

    assert model_info.signature.inputs.to_dict() == [
        {"type": "double", "name": name, "required": True} for name in X.columns
    ]
    assert model_info.signature.outputs.to_dict() == [{"type": "long", "required": True}]
    loaded = hintsig.pyfunc.load_model(model_info.model_uri)
    assert isinstance(loaded.input_example, pd.DataFrame)
    assert loaded.input_example.to_dict("records") == X.iloc[[0]].to_dict("records")
    assert list(loaded.predict(X.iloc[:3])) == list(model.predict(X.iloc[:3]))


def test_input_schemas_columns_and_tensors() -> None:
    """理解模型签名 / 输入模式 (lines 50-61): a column schema with an optional field and a
    tensor schema for a batch of 28x28 images."""
    import numpy as np

    from hintsig.types.schema import ColSpec, Schema, TensorSpec

    # Column-based signature (DataFrames)
    input_schema = Schema(
        [
            ColSpec("double", "sepal_length"),
            ColSpec("double", "sepal_width"),
            ColSpec("string", "species", required=False),  # Optional field
        ]
    )
    assert input_schema.to_dict() == [
        {"type": "double", "name": "sepal_length", "required": True},
        {"type": "double", "name": "sepal_width", "required": True},
        {"type": "string", "name": "species", "required": False},
    ]
    assert input_schema.required_input_names() == ["sepal_length", "sepal_width"]

    # Tensor-based signature (NumPy arrays)
    input_schema = Schema(
        [TensorSpec(np.dtype(np.float32), (-1, 28, 28, 1))]  # Batch of 28x28 images
    )
    assert input_schema.is_tensor_spec()
    assert json.loads(input_schema.to_json()) == [
        {"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 28, 28, 1]}}
    ]


def test_output_schemas() -> None:
    """理解模型签名 / 输出模式 (lines 65-78): one prediction column, several outputs, a
    tensor of 10-class probabilities."""
    import numpy as np

    from hintsig.types.schema import ColSpec, DataType, Schema, TensorSpec

    # Single prediction column
    output_schema = Schema([ColSpec("long", "prediction")])
    assert output_schema.input_names() == ["prediction"]
    # Multiple outputs
    output_schema = Schema(
        [
            ColSpec("double", "probability"),
            ColSpec("string", "predicted_class"),
            ColSpec("long", "confidence_score"),
        ]
    )
    assert output_schema.input_types() == [DataType.double, DataType.string, DataType.long]
    # Tensor output
    output_schema = Schema(
        [TensorSpec(np.dtype(np.float32), (-1, 10))]  # 10-class probabilities
    )
    assert output_schema.inputs[0].shape == (-1, 10)
    assert output_schema.numpy_types() == [np.dtype(np.float32)]


def test_params_schema_in_a_signature() -> None:
    """理解模型签名 / 参数模式 (lines 81-91): three parameters with defaults (one a list)
    in a signature; `input_schema` and `output_schema` are the tensor ones of lines 59-78."""
    import numpy as np

    from hintsig.models import ModelSignature
    from hintsig.types.schema import ParamSchema, ParamSpec, Schema, TensorSpec

    input_schema = Schema([TensorSpec(np.dtype(np.float32), (-1, 28, 28, 1))])
    output_schema = Schema([TensorSpec(np.dtype(np.float32), (-1, 10))])

    # Define inference parameters
    params_schema = ParamSchema(
        [
            ParamSpec("temperature", "double", 0.7),  # Default temperature
            ParamSpec("max_tokens", "long", 100),  # Default max tokens
            ParamSpec("stop_words", "string", [".", "!"], (-1,)),  # List parameter
        ]
    )
    # Use in model signature
    signature = ModelSignature(inputs=input_schema, outputs=output_schema, params=params_schema)

    assert json.loads(signature.params.to_json()) == [
        {"name": "temperature", "type": "double", "default": 0.7, "shape": None},
        {"name": "max_tokens", "type": "long", "default": 100, "shape": None},
        {"name": "stop_words", "type": "string", "default": [".", "!"], "shape": [-1]},
    ]
    assert ModelSignature.from_dict(signature.to_dict()) == signature


def test_column_based_signature_from_a_dict() -> None:
    """签名类型概述 / 基于列的签名 (lines 102-103): a dict of a float, a string and a list
    gives one column each."""
    from hintsig.models import infer_signature

    # Perfect for traditional ML models
    example = {"feature_1": 1.5, "feature_2": "category_a", "feature_3": [1, 2, 3]}

    assert infer_signature(example).inputs.to_dict() == [
        {"type": "double", "name": "feature_1", "required": True},
        {"type": "string", "name": "feature_2", "required": True},
        {"type": "array", "items": {"type": "long"}, "name": "feature_3", "required": True},
    ]


def test_tensor_based_signature_from_an_array() -> None:
    """签名类型概述 / 基于张量的签名 (lines 105-106): a (2, 2, 3) integer array gives an
    int64 tensor with a variable batch dimension."""
    import numpy as np

    from hintsig.models import infer_signature

    # Perfect for deep learning models
    example = np.array([[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [1, 2, 3]]])  # Shape: (2, 2, 3)

    assert example.shape == (2, 2, 3)
    assert json.loads(infer_signature(example).inputs.to_json()) == [
        {"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1, 2, 3]}}
    ]
