"""A flexible base class: extra fields are kept, subclass instances pass through.

Seed section: "灵活的基类" (flexible base classes).
"""

# ruff: noqa: UP006, UP035

from typing import Any, List

import pydantic

import hintsig.pyfunc.utils


class BaseMessage(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")  # Allow extra fields
    role: str
    content: str


class SystemMessage(BaseMessage):
    system_prompt: str


class UserMessage(BaseMessage):
    user_id: str


@hintsig.pyfunc.utils.pyfunc
def flexible_predict(model_input: List[BaseMessage]) -> List[str]:
    # Input automatically converted to BaseMessage objects
    # Extra fields from subclasses preserved
    results = []
    for msg in model_input:
        result = f"{msg.role}: {msg.content}"
        if hasattr(msg, "system_prompt"):
            result += f" (system: {msg.system_prompt})"
        elif hasattr(msg, "user_id"):
            result += f" (user: {msg.user_id})"
        results.append(result)
    return results


batch: List[Any] = [
    SystemMessage(role="system", content="Be brief", system_prompt="You are terse"),
    UserMessage(role="user", content="Hi", user_id="u-1"),
    {"role": "user", "content": "Hello", "user_id": "u-2"},  # a dict: the extra key is kept
]
for line in flexible_predict(batch):
    print(line)
