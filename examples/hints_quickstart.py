"""Type hints quick start: the model's signature comes from its `predict` hints.

Seed section: "类型提示快速开始" (type hints quick start).
Run: `python examples/hints_quickstart.py` (writes to ./hintsig-runs).
"""

# ruff: noqa: UP006, UP035, UP045  (the seed's typing.List / Dict / Optional spelling)

from typing import Dict, List, Optional

import pydantic

import hintsig
import hintsig.pyfunc


class Message(pydantic.BaseModel):
    role: str
    content: str
    metadata: Optional[Dict[str, str]] = None


class CustomModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: List[Message]) -> List[str]:
        # Signature automatically inferred from type hints!
        return [msg.content for msg in model_input]


# Log model - signature is auto-generated from type hints
with hintsig.start_run():
    model_info = hintsig.pyfunc.log_model(
        name="chat_model",
        python_model=CustomModel(),
        input_example=[{"role": "user", "content": "Hello"}],  # Validates against type hints
    )

print(model_info.model_uri)
print(model_info.signature)
