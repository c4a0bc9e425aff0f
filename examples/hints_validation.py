"""Automatic validation of every call, and what its errors look like.

Seed sections: "自动数据验证" (automatic data validation) and "验证错误示例" (validation
error examples). hintsig reports every invalid element with its path and the expected and
actual types, and never repeats the input values.
"""

# ruff: noqa: UP006, UP035, UP045

from typing import Any, Dict, List, Optional

import pydantic

import hintsig.pyfunc


class Message(pydantic.BaseModel):
    role: str
    content: str
    metadata: Optional[Dict[str, str]] = None


class CustomModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: List[Message]) -> List[str]:
        return [msg.content for msg in model_input]


model = CustomModel()

# ✅ Works: Pydantic objects
input_data: List[Any] = [Message(role="user", content="Hello")]
result = model.predict(input_data)
print(result)

# ✅ Works: Dictionaries (auto-converted to Pydantic objects)
input_data = [{"role": "user", "content": "Hello"}]
result = model.predict(input_data)
print(result)

# ❌ Fails: Missing required fields
input_data = [{"role": "user"}]  # Missing 'content'
try:
    model.predict(input_data)  # Raises validation error
except Exception as e:
    print(e)

# ❌ Fails: Wrong data type
input_data = ["hello"]  # Expected dict/Pydantic object
try:
    model.predict(input_data)  # Raises validation error
except Exception as e:
    print(e)

# Validation error examples
# Missing required field
try:
    model.predict([{"role": "system"}])  # type: ignore[list-item]  # Missing 'content'
except Exception as e:
    print(e)
    # Failed to validate input against type hint `List[Message]`: 1 of 1 elements are invalid
    #   [0].content: Field required

# Wrong data type
try:
    model.predict(["hello"])  # type: ignore[list-item]  # Expected dict/object
except Exception as e:
    print(e)
    # Failed to validate input against type hint `List[Message]`: 1 of 1 elements are invalid
    #   [0]: expected a dict or a Message instance, got str

# Every invalid element at once
try:
    model.predict([{"role": "user", "content": "ok"}, {"role": 1}, "hello"])  # type: ignore[list-item]
except Exception as e:
    print(e)
