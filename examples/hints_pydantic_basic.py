"""Pydantic models as input hints: objects and dicts both work.

Seed section: "Pydantic 基本用法" (pydantic basic usage).
"""

# ruff: noqa: UP006, UP035, UP045

from typing import Any, List, Optional

import pydantic

import hintsig.pyfunc


class Message(pydantic.BaseModel):
    role: str
    content: str
    timestamp: Optional[str] = None


class CustomModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: List[Message]) -> List[str]:
        return [f"{msg.role}: {msg.content}" for msg in model_input]


model = CustomModel()

# Both work - automatic conversion
print(model.predict([Message(role="user", content="Hi")]))  # Pydantic object
# Dicts are converted at run time; `List[Any]` tells type checkers so.
dict_input: List[Any] = [{"role": "user", "content": "Hi"}]
print(model.predict(dict_input))  # Dict (auto-converted)
