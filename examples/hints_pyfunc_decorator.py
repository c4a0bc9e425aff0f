"""`@pyfunc` on a plain function: the same validation as a `PythonModel`.

Seed section: "使用 @pyfunc 装饰器" (using the @pyfunc decorator). Also shows
`@pyfunc(validate_output=True)`, which checks return values too (MLflow never does).
"""

# ruff: noqa: UP006, UP035

from typing import Any, List

import pydantic

from hintsig.exceptions import DataValidationError
from hintsig.pyfunc.utils import pyfunc


class Message(pydantic.BaseModel):
    role: str
    content: str


@pyfunc
def predict(model_input: List[Message]) -> List[str]:
    return [msg.content for msg in model_input]


# Same validation works as with PythonModel
batch: List[Any] = [{"role": "user", "content": "Hi"}]
print(predict(batch))  # ✅ Auto-converts dict to Message
try:
    predict(["hello"])  # type: ignore[list-item]  # ❌ Validation error
except DataValidationError as error:
    print(error)


@pyfunc(validate_output=True)
def lengths(model_input: List[str]) -> List[int]:
    return [len(text) for text in model_input]


print(lengths(["a", "abc"]))
