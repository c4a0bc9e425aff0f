"""Nested pydantic models with `datetime` and `bytes` fields: JSON gives ISO and base64 text."""

from __future__ import annotations

import datetime as dt

import pydantic

import hintsig.models
from hintsig.pyfunc import PythonModel


class Attachment(pydantic.BaseModel):
    name: str
    data: bytes


class Event(pydantic.BaseModel):
    when: dt.datetime
    attachment: Attachment | None = None


class EventModel(PythonModel):
    def predict(self, model_input: list[Event]) -> list[str]:
        return [
            f"{event.when.isoformat()} {len(event.attachment.data) if event.attachment else 0}"
            for event in model_input
        ]


hintsig.models.set_model(EventModel())
