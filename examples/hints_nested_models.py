"""Nested pydantic models, and how input dicts become model instances.

Seed sections: "复杂嵌套模型" (complex nested models) and "数据转换示例" (data
conversion examples).
"""

# ruff: noqa: UP006, UP035, UP045

from typing import Any, Dict, List, Optional

import pydantic

import hintsig.pyfunc.utils


class Message(pydantic.BaseModel):
    role: str
    content: str
    metadata: Optional[Dict[str, str]] = None


class FunctionParams(pydantic.BaseModel):
    properties: Dict[str, str]
    type: str = "object"
    required: Optional[List[str]] = None


class ToolDefinition(pydantic.BaseModel):
    name: str
    description: Optional[str] = None
    parameters: Optional[FunctionParams] = None


class ChatRequest(pydantic.BaseModel):
    messages: List[Message]
    tools: Optional[List[ToolDefinition]] = None
    temperature: float = 0.7


@hintsig.pyfunc.utils.pyfunc
def advanced_predict(model_input: List[ChatRequest]) -> List[Dict[str, str]]:
    results = []
    for request in model_input:
        # Type validation ensures request.messages exists and is properly typed
        response = {"response": f"Processed {len(request.messages)} messages"}
        if request.tools:
            response["tools_count"] = str(len(request.tools))
        results.append(response)
    return results


@hintsig.pyfunc.utils.pyfunc
def as_messages(model_input: List[Message]) -> List[Message]:
    return model_input


@hintsig.pyfunc.utils.pyfunc
def as_requests(model_input: List[ChatRequest]) -> List[ChatRequest]:
    return model_input


# Input: Dictionary
input_dict = {"role": "system", "content": "Hello", "metadata": {"source": "api"}}
# Automatically converted to: Message object
messages: List[Any] = [input_dict]
print(as_messages(messages))  # [Message(role='system', content='Hello', metadata={...})]

# Works for nested structures too
complex_input = {
    "messages": [{"role": "user", "content": "Hi"}],
    "tools": [{"name": "search", "description": "Web search"}],
    "temperature": 0.5,
}
# Automatically converted to: ChatRequest object with nested Message and ToolDefinition objects
requests: List[Any] = [complex_input]
(request,) = as_requests(requests)
print(type(request).__name__, type(request.messages[0]).__name__, request.tools)
print(advanced_predict(requests))
