"""Error handling in production: validation errors are raised before `predict` runs.

Seed section: "生产考量 / 错误处理" (production considerations, error handling). The
`try` inside `predict` catches prediction failures; bad input is refused by the wrapper
first, with a `DataValidationError` (a `ValueError`) to log or return as a 400.
"""

# ruff: noqa: UP006, UP035

import logging
from typing import Any, List

import pydantic

import hintsig.pyfunc
from hintsig.exceptions import DataValidationError

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
logger = logging.getLogger("robust_model")


class Message(pydantic.BaseModel):
    role: str
    content: str


class RobustModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: List[Message]) -> List[str]:
        try:
            return [msg.content for msg in model_input]
        except Exception as e:
            # Log validation errors for monitoring
            logger.error(f"Prediction failed: {e}")
            raise


model = RobustModel()
good: List[Any] = [{"role": "user", "content": "Hi"}]
print(model.predict(good))
try:
    bad: List[Any] = [{"role": "user", "content": None}]
    model.predict(bad)
except DataValidationError as error:
    logger.warning("Rejected input: %s", error)
