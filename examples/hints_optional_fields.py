"""Optional pydantic fields need a default.

Seed section: "Pydantic 最佳实践" (always give optional fields a default). A field typed
`Optional[...]` without a default is an invalid hint: hintsig refuses it as soon as a model
uses it, with the fix in the message.
"""

# ruff: noqa: UP006, UP035, UP045

from typing import Dict, List, Optional

import pydantic

import hintsig.pyfunc
from hintsig.exceptions import InvalidHintError


# ✅ Good - Optional fields have defaults
class Message(pydantic.BaseModel):
    role: str
    content: str
    metadata: Optional[Dict[str, str]] = None
    timestamp: Optional[str] = None


# ❌ Bad - Optional field without default (named BadMessage here to keep both)
class BadMessage(pydantic.BaseModel):
    role: str
    content: str
    metadata: Optional[Dict[str, str]]  # Will cause validation errors


class GoodModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: List[Message]) -> List[str]:
        return [msg.content for msg in model_input]


print(GoodModel().predict([Message(role="user", content="Hi")]))

try:

    class BadModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: List[BadMessage]) -> List[str]:
            return [msg.content for msg in model_input]

except InvalidHintError as error:
    print(f"InvalidHintError: {error}")
