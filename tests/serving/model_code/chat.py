"""A chat model typed with `list[Message]` (models-from-code: loads without unpickling)."""

from __future__ import annotations

import pydantic

import hintsig.models
from hintsig.pyfunc import PythonModel


class Message(pydantic.BaseModel):
    role: str
    content: str


class ChatModel(PythonModel):
    def predict(self, model_input: list[Message]) -> list[str]:
        return [f"{message.role}: {message.content}" for message in model_input]


hintsig.models.set_model(ChatModel())
