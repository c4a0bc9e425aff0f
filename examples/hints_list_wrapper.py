"""A `predict` input hint must be `list[...]`: a model receives a batch.

Seed section: "输入类型要求" (input type requirements). The correct hints validate every
call; the incorrect ones only warn (`UnsupportedHintWarning`) and validate nothing.
"""

# ruff: noqa: UP006, UP035

import warnings
from typing import Any, Dict, List

import pydantic

import hintsig.pyfunc
from hintsig.exceptions import DataValidationError, UnsupportedHintWarning


class Message(pydantic.BaseModel):
    role: str
    content: str


# ✅ Correct - Always use List wrapper
class TextModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: List[str]) -> List[str]:
        return [text.upper() for text in model_input]


class ChatModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: List[Message]) -> List[Dict[str, str]]:
        return [{"role": "assistant", "content": msg.content} for msg in model_input]


print(TextModel().predict(["hello", "world"]))
print(ChatModel().predict([Message(role="user", content="Hi")]))
try:
    TextModel().predict(["hello", 42])  # type: ignore[list-item]
except DataValidationError as error:
    print(error)


# ❌ Incorrect - Missing List wrapper: hintsig warns when the class is defined
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", UnsupportedHintWarning)

    class SingleTextModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: str) -> str:
            return model_input.upper()

    class SingleMessageModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: Message) -> Dict[str, Any]:
            return {"content": model_input.content}


for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
