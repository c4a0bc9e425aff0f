"""Deployment practice: an input example that matches the hints, tested before and after saving.

Seed section: "部署最佳实践" (input example validation, test locally first).
"""

# ruff: noqa: UP006, UP035

from typing import Any, List

import pydantic

import hintsig
import hintsig.pyfunc
from hintsig.exceptions import HintsigException


class Message(pydantic.BaseModel):
    role: str
    content: str


class CustomModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: List[Message]) -> List[str]:
        return [msg.content for msg in model_input]


# Always provide input examples that match your type hints
with hintsig.start_run():
    model_info = hintsig.pyfunc.log_model(
        name="chat_model",
        python_model=CustomModel(),
        input_example=[{"role": "user", "content": "test"}],  # Matches List[Message]
    )
# hintsig validates the input_example against type hints at logging time
try:
    with hintsig.start_run():
        hintsig.pyfunc.log_model(
            name="bad_example",
            python_model=CustomModel(),
            input_example=[{"role": "user"}],  # missing 'content': refused
        )
except HintsigException as error:
    print(f"refused: {error}")

# Test locally first
model = CustomModel()
test_input: List[Any] = [{"role": "user", "content": "test"}]

# Verify validation works
try:
    result = model.predict(test_input)
    print("✅ Validation passed")
except Exception as e:
    print(f"❌ Validation failed: {e}")

# Test loaded model
loaded_model = hintsig.pyfunc.load_model(model_info.model_uri)
result = loaded_model.predict(test_input)
print(result)
