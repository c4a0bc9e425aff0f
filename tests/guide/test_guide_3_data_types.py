"""The seed guide's data types part, run with `mlflow` replaced by `hintsig`: lines 436-585.

One test per code example, in the guide's order; each docstring names the section and the
line range in `../shared/seed/model-signatures-and-input-examples.txt`.
"""

from __future__ import annotations

import datetime
import json
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import hintsig
from hintsig.exceptions import HintsigException
from hintsig.models import infer_signature
from hintsig.types.schema import ColSpec, ParamSchema, ParamSpec, Schema, TensorSpec


def _json(schema: Any) -> Any:
    return json.loads(schema.to_json())


def test_python_to_schema_type_table() -> None:
    """基本类型 / Python 到 MLflow 类型映射 (lines 443-455): each row's example value gives
    the row's type. The `datetime` row's `pd.Timestamp` is typed in a DataFrame column (a
    bare Timestamp is AnyType in MLflow and in hintsig)."""
    table = [
        ("hello world", "string"),
        (42, "long"),  # 64 位整数
        (np.int32(42), "integer"),  # 32 位整数
        (3.14159, "double"),  # 64 位浮点数
        (np.float32(3.14), "float"),  # 32 位浮点数
        (True, "boolean"),
        (np.bool_(True), "boolean"),  # NumPy 布尔值
        (b"binary data", "binary"),
        (bytearray(b"data"), "binary"),
        (np.bytes_(b"data"), "binary"),  # NumPy 字节
    ]
    for value, expected in table:
        assert _json(infer_signature(value).inputs) == [{"type": expected, "required": True}]
        assert _json(infer_signature({"x": value}).inputs) == [
            {"type": expected, "name": "x", "required": True}
        ]
    timestamps = pd.DataFrame({"t": [pd.Timestamp("2023-01-01")]})
    assert _json(infer_signature(timestamps).inputs) == [
        {"type": "datetime", "name": "t", "required": True}
    ]


def test_arrays_from_lists_and_numpy() -> None:
    """复合类型 / 数组(列表/NumPy 数组) (lines 458-462): lists, nested lists and a 1-d
    numpy array in a dict are arrays of their element type."""
    example = {
        "simple_list": ["a", "b", "c"],
        "nested_array": [[1, 2], [3, 4], [5, 6]],
        "numpy_array": np.array([1.1, 2.2, 3.3]),
    }
    assert _json(infer_signature(example).inputs) == [
        {"type": "array", "items": {"type": "string"}, "name": "simple_list", "required": True},
        {
            "type": "array",
            "items": {"type": "array", "items": {"type": "long"}},
            "name": "nested_array",
            "required": True,
        },
        {"type": "array", "items": {"type": "double"}, "name": "numpy_array", "required": True},
    ]


def test_objects_from_dicts() -> None:
    """复合类型 / 对象(字典) (line 464): a nested dict is an object with typed properties."""
    example = {"user_profile": {"name": "Alice", "age": 30, "preferences": ["sports", "music"]}}
    assert _json(infer_signature(example).inputs) == [
        {
            "type": "object",
            "properties": {
                "age": {"type": "long", "required": True},
                "name": {"type": "string", "required": True},
                "preferences": {"type": "array", "items": {"type": "string"}, "required": True},
            },
            "name": "user_profile",
            "required": True,
        }
    ]


def test_optional_fields_from_none() -> None:
    """复合类型 / 可选字段 (lines 467-472): the column with a None is optional."""
    # Include None values to make fields optional
    df = pd.DataFrame(
        {
            "required_field": [1, 2, 3],
            "optional_field": [1.0, None, 3.0],  # This becomes optional
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the integer-column hint, as MLflow's
        signature = infer_signature(df)
    assert _json(signature.inputs) == [
        {"type": "long", "name": "required_field", "required": True},
        {"type": "double", "name": "optional_field", "required": False},
    ]


def test_numpy_dtypes_for_tensors() -> None:
    """基于张量的数据类型 / NumPy 数据类型 (lines 480-485): every listed dtype makes a
    tensor spec, written under its numpy name."""
    dtypes = [
        np.float32,  # 32-bit float
        np.float64,  # 64-bit float (double)
        np.int8,  # 8-bit integer
        np.int32,  # 32-bit integer
        np.uint8,  # Unsigned 8-bit (common for images)
        np.bool_,  # Boolean
    ]
    names = []
    for dtype in dtypes:
        spec = TensorSpec(np.dtype(dtype), (-1,))
        assert spec.type == np.dtype(dtype)
        names.append(_json(Schema([spec]))[0]["tensor-spec"]["dtype"])
        assert _json(infer_signature(np.zeros((2, 3), dtype=dtype)).inputs)[0] == {
            "type": "tensor",
            "tensor-spec": {"dtype": names[-1], "shape": [-1, 3]},
        }
    assert names == ["float32", "float64", "int8", "int32", "uint8", "bool"]


def test_shape_specification() -> None:
    """基于张量的数据类型 / 形状规范 (lines 488-493): -1 takes any batch size; a fixed
    shape takes exactly that shape."""
    from hintsig.models import validate_schema

    # Image batch: variable batch size, 28x28 pixels, 1 channel
    images = TensorSpec(np.dtype(np.uint8), (-1, 28, 28, 1))
    # Text embeddings: variable batch size, 768-dimensional vectors
    embeddings = TensorSpec(np.dtype(np.float32), (-1, 768))
    # Fixed shape: exactly 10 classes
    classes = TensorSpec(np.dtype(np.float32), (10,))

    validate_schema(np.zeros((3, 28, 28, 1), np.uint8), Schema([images]))
    validate_schema(np.zeros((1, 768), np.float32), Schema([embeddings]))
    validate_schema(np.zeros((64, 768), np.float32), Schema([embeddings]))
    validate_schema(np.zeros((10,), np.float32), Schema([classes]))
    with pytest.raises(HintsigException, match="shape"):
        validate_schema(np.zeros((11,), np.float32), Schema([classes]))
    with pytest.raises(HintsigException, match="shape"):
        validate_schema(np.zeros((3, 28, 28), np.uint8), Schema([images]))


def test_computer_vision_patterns() -> None:
    """基于张量的数据类型 / 常见模式 / 计算机视觉 (lines 496-501): grayscale, RGB and
    feature-map specs round-trip through the schema JSON."""
    specs = [
        # Grayscale images
        TensorSpec(np.dtype(np.uint8), (-1, 28, 28, 1)),
        # RGB images
        TensorSpec(np.dtype(np.uint8), (-1, 224, 224, 3)),
        # Feature maps
        TensorSpec(np.dtype(np.float32), (-1, 512, 7, 7)),
    ]
    for spec in specs:
        assert Schema.from_json(Schema([spec]).to_json()) == Schema([spec])
    assert [s.shape for s in specs] == [(-1, 28, 28, 1), (-1, 224, 224, 3), (-1, 512, 7, 7)]


def test_natural_language_patterns() -> None:
    """基于张量的数据类型 / 常见模式 / 自然语言处理 (lines 503-508): token ids, embeddings
    and attention masks as named tensors of one signature."""
    from hintsig.models import validate_schema

    schema = Schema(
        [
            # Token IDs
            TensorSpec(np.dtype(np.int64), (-1, 512), "input_ids"),
            # Embeddings
            TensorSpec(np.dtype(np.float32), (-1, 768), "embeddings"),
            # Attention masks
            TensorSpec(np.dtype(np.bool_), (-1, 512), "attention_mask"),
        ]
    )
    assert [spec["tensor-spec"]["dtype"] for spec in _json(schema)] == ["int64", "float32", "bool"]
    validate_schema(
        {
            "input_ids": np.zeros((2, 512), np.int64),
            "embeddings": np.zeros((2, 768), np.float32),
            "attention_mask": np.ones((2, 512), np.bool_),
        },
        schema,
    )


def test_param_spec() -> None:
    """推理参数 / 参数规范 (lines 511-516): a scalar parameter with its default."""
    spec = ParamSpec(
        name="temperature",  # Parameter name
        dtype="double",  # Data type
        default=0.7,  # Default value
        shape=None,  # Shape (None for scalars, (-1,) for lists)
    )
    assert _json(ParamSchema([spec])) == [
        {"name": "temperature", "type": "double", "default": 0.7, "shape": None}
    ]


def test_supported_parameter_types_table() -> None:
    """推理参数 / 支持的参数类型 (lines 519-528): each row's scalar and 1-d defaults make
    params of that type, and `infer_signature` types Python values the same way. The
    `binary` row is refused for params, by MLflow 3.17 as by hintsig (bytes have no JSON
    default)."""
    now = datetime.datetime(2024, 5, 6, 7, 8, 9)
    table = [
        ("string", "gpt-4", ["stop1", "stop2"]),
        ("long", 100, [100, 200, 300]),
        ("integer", 50, [10, 20, 30]),
        ("double", 0.7, [0.1, 0.5, 0.9]),
        ("float", 0.5, [0.1, 0.2, 0.3]),
        ("boolean", True, [True, False, True]),
        ("datetime", now, [now, now]),
    ]
    for dtype, scalar, array in table:
        scalar_spec = ParamSpec("p", dtype, scalar)
        array_spec = ParamSpec("p", dtype, array, (-1,))
        assert (scalar_spec.shape, array_spec.shape) == (None, (-1,))
        assert ParamSchema.from_json(ParamSchema([array_spec]).to_json()) == ParamSchema(
            [array_spec]
        )
    assert _json(ParamSchema([ParamSpec("when", "datetime", now)]))[0]["default"] == (
        "2024-05-06T07:08:09"
    )
    params = {"s": "gpt-4", "n": 100, "x": 0.7, "b": True, "t": now, "stops": ["a", "b"]}
    inferred = infer_signature("x", params=params).params
    assert [(p.name, p.dtype.name, p.shape) for p in inferred.params] == [
        ("s", "string", None),
        ("n", "long", None),
        ("x", "double", None),
        ("b", "boolean", None),
        ("t", "datetime", None),
        ("stops", "string", (-1,)),
    ]
    with pytest.raises(HintsigException, match=r"[Bb]inary"):
        ParamSpec("p", "binary", b"data")


def test_text_generation_params() -> None:
    """推理参数 / 常见参数模式 / 文本生成 (lines 531-539): five params with their defaults,
    one of them an empty list of strings."""
    params_schema = ParamSchema(
        [
            ParamSpec("temperature", "double", 0.7),
            ParamSpec("max_tokens", "long", 100),
            ParamSpec("top_p", "double", 0.9),
            ParamSpec("frequency_penalty", "double", 0.0),
            ParamSpec("stop_sequences", "string", [], (-1,)),  # List of strings
        ]
    )
    assert _json(params_schema) == [
        {"name": "temperature", "type": "double", "default": 0.7, "shape": None},
        {"name": "max_tokens", "type": "long", "default": 100, "shape": None},
        {"name": "top_p", "type": "double", "default": 0.9, "shape": None},
        {"name": "frequency_penalty", "type": "double", "default": 0.0, "shape": None},
        {"name": "stop_sequences", "type": "string", "default": [], "shape": [-1]},
    ]


def test_model_selection_params() -> None:
    """推理参数 / 常见参数模式 / 模型选择 (lines 541-547)."""
    params_schema = ParamSchema(
        [
            ParamSpec("model_name", "string", "default"),
            ParamSpec("use_cache", "boolean", True),
            ParamSpec("timeout", "long", 30),
        ]
    )
    assert {p.name: p.default for p in params_schema.params} == {
        "model_name": "default",
        "use_cache": True,
        "timeout": 30,
    }
    assert ParamSchema.from_json(params_schema.to_json()) == params_schema


class ParamsEcho(hintsig.pyfunc.PythonModel):
    """A model that answers with the params it was called with."""

    def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
        return [params]


def test_using_params_at_inference(tracking: Path) -> None:
    """推理参数 / 推理时使用参数 (lines 549-554): without params the defaults reach the
    model; given params override them. `model_uri` is a model logged with the text-generation
    params of lines 531-539 and `input_data` a list of one prompt."""
    from hintsig.models import ModelSignature

    params_schema = ParamSchema(
        [
            ParamSpec("temperature", "double", 0.7),
            ParamSpec("max_tokens", "long", 100),
            ParamSpec("top_p", "double", 0.9),
            ParamSpec("frequency_penalty", "double", 0.0),
            ParamSpec("stop_sequences", "string", [], (-1,)),
        ]
    )
    signature = ModelSignature(Schema([ColSpec("string")]), None, params_schema)
    with hintsig.start_run():
        model_info = hintsig.pyfunc.log_model(
            name="model", python_model=ParamsEcho(), signature=signature
        )
    model_uri = model_info.model_uri
    input_data = ["Write a haiku"]

    # Model with parameters
    loaded_model = hintsig.pyfunc.load_model(model_uri)
    # Use default parameters
    result = loaded_model.predict(input_data)
    defaults = {
        "temperature": 0.7,
        "max_tokens": 100,
        "top_p": 0.9,
        "frequency_penalty": 0.0,
        "stop_sequences": [],
    }
    assert result == [defaults]
    # Override specific parameters
    result = loaded_model.predict(input_data, params={"temperature": 0.1, "max_tokens": 50})
    assert result == [{**defaults, "temperature": 0.1, "max_tokens": 50}]


def test_integer_column_with_missing_values(tracking: Path) -> None:
    """签名强制执行和验证 / 带有缺失值的整数列 (lines 574-577): a None turns an integer
    column into float64, which a `long` schema refuses; doubles from the start stay float64
    and match a `double` schema."""
    from hintsig.models import validate_schema

    # ❌ Problem: Integer column with NaN becomes float, causing type mismatch
    df = pd.DataFrame({"int_col": [1, 2, None]})  # Becomes float64
    assert str(df["int_col"].dtype) == "float64"
    long_schema = Schema([ColSpec("long", "int_col")])
    with pytest.raises(HintsigException, match="int_col"):
        validate_schema(df, long_schema)
    # ✅ Solution: Define as double from the start
    df = pd.DataFrame({"int_col": [1.0, 2.0, None]})  # Stays float64
    assert str(df["int_col"].dtype) == "float64"
    schema = infer_signature(df).inputs
    assert _json(schema) == [{"type": "double", "name": "int_col", "required": False}]
    validate_schema(df, schema)


def test_type_conversion_examples(tracking: Path) -> None:
    """签名强制执行和验证 / 类型转换示例 (lines 579-585): int32 -> long, int -> double and
    float32 -> double are applied by a loaded model; a long that a double cannot hold
    exactly (2**53 + 1) and a string for an int are refused."""
    from hintsig.models import ModelSignature

    class Echo(hintsig.pyfunc.PythonModel):
        def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
            return model_input

    def loaded(kind: str) -> Any:
        signature = ModelSignature(Schema([ColSpec(kind, "x")]))
        info = hintsig.pyfunc.log_model(name=kind, python_model=Echo(), signature=signature)
        return hintsig.pyfunc.load_model(info.model_uri)

    as_long, as_double, as_int = loaded("long"), loaded("double"), loaded("integer")
    # ✅ Safe conversions (allowed)
    out = as_long.predict(pd.DataFrame({"x": np.array([1, 2], np.int32)}))  # int → long
    assert str(out["x"].dtype) == "int64" and list(out["x"]) == [1, 2]
    out = as_double.predict(pd.DataFrame({"x": np.array([1, 2], np.int32)}))  # int → double
    assert str(out["x"].dtype) == "float64" and list(out["x"]) == [1.0, 2.0]
    out = as_double.predict(pd.DataFrame({"x": np.array([0.5], np.float32)}))  # float → double
    assert str(out["x"].dtype) == "float64" and list(out["x"]) == [0.5]
    # ❌ Unsafe conversions (rejected)
    with pytest.raises(HintsigException, match="x"):
        as_double.predict(pd.DataFrame({"x": np.array([2**53 + 1], np.int64)}))  # long → double
    with pytest.raises(HintsigException, match="x"):
        as_int.predict(pd.DataFrame({"x": ["85"]}))  # string → int
