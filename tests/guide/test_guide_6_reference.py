"""The seed guide's quick reference, best practices and troubleshooting, with `mlflow` replaced
by `hintsig`: lines 806-961.

One test per code example, in the guide's order; each docstring names the section and the
line range in `../shared/seed/model-signatures-and-input-examples.txt`. What a snippet
prints is asserted as MLflow 3.17 prints it.
"""

# The snippets keep the guide's imports, their order and its trailing comments:
# ruff: noqa: I001, UP006, UP035
# No `from __future__ import annotations`: the guide's hints are evaluated where they are
# written.

import json
import warnings
from typing import Any

import pandas as pd
import pytest

import hintsig
from hintsig.exceptions import HintsigException

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # MLflow warns that predict has no type hints

    class Echo(hintsig.pyfunc.PythonModel):
        """A model that answers its (enforced) input."""

        def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
            return model_input


def _json(schema: Any) -> Any:
    return json.loads(schema.to_json())


def _logged(signature: Any) -> Any:
    """A model logged with `signature`, loaded back."""
    info = hintsig.pyfunc.log_model(name="model", python_model=Echo(), signature=signature)
    return hintsig.pyfunc.load_model(info.model_uri)


def test_quick_reference_basic(capsys: pytest.CaptureFixture[str]) -> None:
    """签名演练场和示例 / 快速参考示例 / 基本示例 (lines 813-831): a flat dict, records with a
    None (optional) and nested data, printed."""
    from hintsig.models import infer_signature

    # Simple dictionary
    simple_dict = {"name": "Alice", "age": 30, "active": True}
    print(infer_signature(simple_dict))
    # → Schema: [name: string, age: long, active: boolean]
    # With optional fields
    optional_fields = [
        {"name": "Alice", "email": "alice@example.com"},
        {"name": "Bob", "email": None},  # email becomes optional
    ]
    print(infer_signature(optional_fields))
    # → Schema: [name: string, email: string (optional)]
    # Arrays and nested objects
    complex_data = {
        "user": {"id": 123, "tags": ["premium", "beta"]},
        "scores": [0.8, 0.9, 0.7],
    }
    print(infer_signature(complex_data))
    # → Nested schema with arrays and objects

    tail = "outputs: \n  None\nparams: \n  None\n"
    assert capsys.readouterr().out == (
        "inputs: \n  ['name': string (required), 'age': long (required), "
        f"'active': boolean (required)]\n{tail}\n"
        "inputs: \n  ['name': string (required), 'email': string (optional)]\n"
        f"{tail}\n"
        "inputs: \n  ['user': {id: long (required), tags: Array(string) (required)} "
        f"(required), 'scores': Array(double) (required)]\n{tail}\n"
    )


def test_quick_reference_dataframes(capsys: pytest.CaptureFixture[str]) -> None:
    """签名演练场和示例 / 快速参考示例 / DataFrame 示例 (lines 832-858): typed columns, an
    optional column from a None, and columns of lists and of dicts (an object whose keys are
    each optional)."""
    from hintsig.models import infer_signature

    import pandas as pd

    # Basic DataFrame
    df = pd.DataFrame(
        {
            "feature_1": [1.0, 2.0, 3.0],
            "feature_2": ["A", "B", "C"],
            "feature_3": [True, False, True],
        }
    )
    print(infer_signature(df))
    # → Column-based schema
    # With missing values (creates optional columns)
    df_optional = pd.DataFrame(
        {"required_col": [1, 2, 3], "optional_col": [1.0, None, 3.0]}  # Contains None
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the integer-column hint, as MLflow's
        print(infer_signature(df_optional))
    # → optional_col marked as optional
    # Mixed data types
    df_mixed = pd.DataFrame(
        {
            "numbers": [1, 2, 3],
            "arrays": [[1, 2], [3, 4], [5, 6]],  # Lists in DataFrame
            "objects": [{"a": 1}, {"b": 2}, {"c": 3}],  # Dicts in DataFrame
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        print(infer_signature(df_mixed))
    # → Complex schema with Array and Object types

    tail = "outputs: \n  None\nparams: \n  None\n"
    assert capsys.readouterr().out == (
        "inputs: \n  ['feature_1': double (required), 'feature_2': string (required), "
        f"'feature_3': boolean (required)]\n{tail}\n"
        "inputs: \n  ['required_col': long (required), 'optional_col': double (optional)]\n"
        f"{tail}\n"
        "inputs: \n  ['numbers': long (required), 'arrays': Array(long) (required), "
        "'objects': {a: long (optional), b: long (optional), c: long (optional)} "
        f"(required)]\n{tail}\n"
    )


def test_quick_reference_tensors(capsys: pytest.CaptureFixture[str]) -> None:
    """签名演练场和示例 / 快速参考示例 / 张量示例 (lines 859-874): a 2-d int array, an image
    batch and a dict of two arrays."""
    from hintsig.models import infer_signature

    import numpy as np

    # Simple tensor
    tensor_2d = np.array([[1, 2, 3], [4, 5, 6]])
    print(infer_signature(tensor_2d))
    # → Tensor(int64, (-1, 3))
    # Image-like tensor
    image_batch = np.random.randint(0, 255, (10, 28, 28, 1), dtype=np.uint8)
    print(infer_signature(image_batch))
    # → Tensor(uint8, (-1, 28, 28, 1))
    # Multiple tensors
    multi_tensor = {
        "image": np.random.random((5, 224, 224, 3)),
        "mask": np.random.randint(0, 2, (5, 224, 224, 1)),
    }
    print(infer_signature(multi_tensor))
    # → Schema with multiple tensor specs

    tail = "outputs: \n  None\nparams: \n  None\n"
    assert capsys.readouterr().out == (
        f"inputs: \n  [Tensor('int64', (-1, 3))]\n{tail}\n"
        f"inputs: \n  [Tensor('uint8', (-1, 28, 28, 1))]\n{tail}\n"
        "inputs: \n  ['image': Tensor('float64', (-1, 224, 224, 3)), "
        f"'mask': Tensor('int64', (-1, 224, 224, 1))]\n{tail}\n"
    )


def test_always_include_input_examples(model: Any, X_train: pd.DataFrame) -> None:
    """最佳实践和技巧 / 始终包含输入示例 (lines 878-881): with an example the model has a
    signature and a saved example; without, neither. `X_sample` is five training rows."""
    X_sample = X_train.head(5)
    # ✅ Good: Always provide examples
    good = hintsig.sklearn.log_model(model, name="model", input_example=X_sample)
    # ❌ Avoid: Logging without examples
    bad = hintsig.sklearn.log_model(model, name="model")  # No signature or validation

    assert good.signature is not None and good.saved_input_example_info is not None
    assert bad.signature is None and bad.saved_input_example_info is None


def test_testing_your_signature(
    model: Any, X_test: pd.DataFrame, capsys: pytest.CaptureFixture[str]
) -> None:
    """最佳实践和技巧 / 测试您的签名 (lines 884-891): the loaded model accepts the data its
    signature came from. `y_pred` is the model's predictions; `model_uri` is the model logged
    with that signature."""
    from hintsig.models import infer_signature

    y_pred = model.predict(X_test)
    # Validate signature works as expected
    signature = infer_signature(X_test, y_pred)
    model_uri = hintsig.sklearn.log_model(model, name="model", signature=signature).model_uri
    loaded_model = hintsig.pyfunc.load_model(model_uri)
    # Test with your signature
    try:
        result = loaded_model.predict(X_test)
        print("✅ Signature validation passed")
    except Exception as e:
        print(f"❌ Signature issue: {e}")

    assert capsys.readouterr().out == "✅ Signature validation passed\n"
    assert list(result) == list(y_pred)


def test_large_dataframe_sample(model: Any, X_train: pd.DataFrame) -> None:
    """最佳实践和技巧 / 性能考量 / 对于大型 DataFrames (lines 894-897): a 100-row sample is
    the example. `large_df` is the training frame repeated to 12,000 rows (the guide's
    `pd.DataFrame(...)` of a million)."""
    # Use a representative sample for input_example
    large_df = pd.concat([X_train] * 100, ignore_index=True)  # 1M+ rows
    sample_df = large_df.sample(n=100, random_state=42)  # Representative sample
    model_info = hintsig.sklearn.log_model(model, name="model", input_example=sample_df)

    saved = hintsig.pyfunc.load_model(model_info.model_uri).input_example
    assert len(saved) == 100
    assert saved.to_dict("records") == sample_df.to_dict("records")
    assert model_info.signature.inputs.input_names() == list(X_train.columns)


def test_minimal_representative_example() -> None:
    """最佳实践和技巧 / 性能考量 / 对于复杂对象 (lines 900-904): the None field is optional
    (of any type), the one-element list an array."""
    from hintsig.models import infer_signature

    # Provide minimal but representative examples
    minimal_example = {
        "required_field": "example_value",
        "optional_field": None,  # Shows field is optional
        "array_field": ["sample"],  # Shows it's an array
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        signature = infer_signature(minimal_example)
    assert _json(signature.inputs) == [
        {"type": "string", "name": "required_field", "required": True},
        {"type": "any", "name": "optional_field", "required": False},
        {"type": "array", "items": {"type": "string"}, "name": "array_field", "required": True},
    ]


def test_integer_handling_pitfall() -> None:
    """常见陷阱 / 整数处理 (lines 907-910): both frames are float64, so both are `double`
    columns, optional because of the None."""
    from hintsig.models import infer_signature

    # ❌ Problem: Integers with NaN become floats
    df = pd.DataFrame({"int_col": [1, 2, None]})  # Type becomes float64
    problem = infer_signature(df)
    # ✅ Solution: Use consistent types
    df = pd.DataFrame({"int_col": [1.0, 2.0, None]})  # Explicit float64
    solution = infer_signature(df)

    assert problem == solution
    assert _json(solution.inputs) == [{"type": "double", "name": "int_col", "required": False}]


def test_nested_structure_consistency(warned: Any) -> None:
    """常见陷阱 / 嵌套结构一致性 (lines 912-921): records whose `level1` is an object in one
    and a string in the other give no usable schema (AnyType, with a warning); consistent
    records give an object."""
    from hintsig.models import infer_signature

    # ❌ Problem: Inconsistent nesting
    inconsistent = [
        {"level1": {"level2": "value"}},
        {"level1": "direct_value"},  # Different structure
    ]
    # ✅ Solution: Consistent structure
    consistent = [
        {"level1": {"level2": "value1"}},
        {"level1": {"level2": "value2"}},  # Same structure
    ]
    with warned("AnyType"):
        loose = infer_signature(inconsistent)
    assert _json(loose.inputs) == [{"type": "any", "required": True}]
    assert _json(infer_signature(consistent).inputs) == [
        {
            "type": "object",
            "properties": {"level2": {"type": "string", "required": True}},
            "name": "level1",
            "required": True,
        }
    ]


def test_typed_python_model_with_context() -> None:
    """PythonModel 的类型提示 (MLflow 2.20.0+) (lines 923-927): with `context` first, the
    hint still gives the signature, and the loaded model validates by it."""
    from typing import Dict, List

    class TypedModel(hintsig.pyfunc.PythonModel):
        def predict(self, context, model_input: List[Dict[str, str]]) -> List[str]:  # type: ignore[no-untyped-def]
            # Signature automatically inferred from type hints!
            return [item["text"].upper() for item in model_input]

    model_info = hintsig.pyfunc.log_model(name="model", python_model=TypedModel())
    assert _json(model_info.signature.inputs) == [
        {"type": "map", "values": {"type": "string"}, "required": True}
    ]
    assert _json(model_info.signature.outputs) == [{"type": "string", "required": True}]
    loaded = hintsig.pyfunc.load_model(model_info.model_uri)
    assert loaded.predict([{"text": "hello"}]) == ["HELLO"]
    with pytest.raises(HintsigException):
        loaded.predict([{"text": 1}])


def test_missing_required_input_field() -> None:
    """故障排除 / "缺少必需的输入字段" (lines 932-933): a model whose signature has `name` and
    `age` refuses the input without `age`, naming it."""
    from hintsig.models import infer_signature

    loaded = _logged(infer_signature({"name": "Alice", "age": 30}))
    # Example: Model expects field "age" but input only has "name"
    input_data = {"name": "Alice"}  # Missing required "age" field
    with pytest.raises(HintsigException, match="age"):
        loaded.predict(input_data)
    assert loaded.predict({"name": "Alice", "age": 30}).to_dict("records") == [
        {"name": "Alice", "age": 30}
    ]


def test_cannot_convert_type() -> None:
    """故障排除 / "无法将类型 X 转换为类型 Y" (lines 938-940): a string where the signature
    says integer is refused; the integer is accepted."""
    from hintsig.models import infer_signature

    loaded = _logged(infer_signature({"score": 85}))
    # Example: Trying to pass string where integer expected
    input_data = {"score": "85"}  # String value
    with pytest.raises(HintsigException, match="score"):
        loaded.predict(input_data)
    # But signature expects: {"score": 85} # Integer value
    assert loaded.predict({"score": 85}).to_dict("records") == [{"score": 85}]


def test_tensor_shape_mismatch() -> None:
    """故障排除 / "张量形状不匹配" (lines 944-946): a (10, 28, 28) batch for a (-1, 784)
    signature is refused; the reshaped batch is accepted."""
    import numpy as np

    from hintsig.models import ModelSignature
    from hintsig.types.schema import Schema, TensorSpec

    loaded = _logged(ModelSignature(Schema([TensorSpec(np.dtype(np.float64), (-1, 784))])))
    # Example: Model expects shape (None, 784) but got (None, 28, 28)
    input_tensor = np.random.random((10, 28, 28))  # Wrong shape
    with pytest.raises(HintsigException, match="shape"):
        loaded.predict(input_tensor)
    # But signature expects: (10, 784) # Flattened shape
    assert loaded.predict(input_tensor.reshape(10, 784)).shape == (10, 784)


def test_debugging_signatures(model: Any, X_test: pd.DataFrame, capsys: Any) -> None:
    """故障排除 / 调试签名 (lines 950-961): the saved signature prints; the one inferred from
    the inputs alone differs (it has no outputs), so the mismatch is reported. `model_uri` is
    the iris model logged with inputs and outputs; `your_input_data` is `X_test`."""
    from hintsig.models import infer_signature

    model_uri = hintsig.sklearn.log_model(
        model, name="model", signature=infer_signature(X_test, model.predict(X_test))
    ).model_uri
    your_input_data = X_test

    # Inspect existing model signature
    from hintsig.models.model import get_model_info

    model_info = get_model_info(model_uri)
    print("Current signature:")
    print(model_info.signature)
    # Compare with inferred signature
    inferred = infer_signature(your_input_data)
    print("Inferred signature:")
    print(inferred)
    # Check compatibility
    if model_info.signature != inferred:
        print("⚠️ Signatures don't match - consider updating")

    out = capsys.readouterr().out
    assert out.startswith("Current signature:\ninputs: \n  ['sepal length (cm)': double")
    assert "outputs: \n  [Tensor('int64', (-1,))]" in out
    assert "Inferred signature:\ninputs: \n" in out
    assert out.endswith("⚠️ Signatures don't match - consider updating\n")
    assert inferred.inputs == model_info.signature.inputs
