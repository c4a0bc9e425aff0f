"""Which hints hintsig supports, and the schema each one gives.

Seed sections: "支持的类型提示" (basic types, collection types, union and optional types,
pydantic models) and "类型提示到模式映射" (the hint-to-schema table).
"""

# ruff: noqa: UP006, UP007, UP035, UP045

import datetime
import warnings
from typing import Any, Dict, List, Optional, Union

import pydantic

from hintsig.exceptions import InvalidHintError, UnsupportedHintWarning
from hintsig.types.type_hints import schema_from_hint


class UserData(pydantic.BaseModel):
    name: str
    age: int
    email: Optional[str] = None  # Optional with default
    preferences: List[str] = []  # List with default


class Message(pydantic.BaseModel):
    role: str
    content: str


HINTS: list[tuple[str, Any]] = [
    # Basic types
    ("List[str]", List[str]),  # String inputs
    ("List[int]", List[int]),  # Integer inputs
    ("List[float]", List[float]),  # Float inputs
    ("List[bool]", List[bool]),  # Boolean inputs
    ("List[bytes]", List[bytes]),  # Binary data
    ("List[datetime.datetime]", List[datetime.datetime]),  # Timestamps
    # Collection types
    ("List[List[str]]", List[List[str]]),  # Nested lists
    ("List[Dict[str, int]]", List[Dict[str, int]]),  # Dictionaries
    ("List[Dict[str, str]]", List[Dict[str, str]]),
    ("List[Dict[str, List[str]]]", List[Dict[str, List[str]]]),  # Complex nested structures
    # Union types and Any (recorded as AnyType, with a warning: no validation)
    ("List[Union[int, str]]", List[Union[int, str]]),  # Multiple possible types
    ("List[Any]", List[Any]),  # Any type (no validation)
    # Pydantic models (recommended)
    ("List[UserData]", List[UserData]),  # Clean, validated structure
    ("List[Message]", List[Message]),
]

for label, hint in HINTS:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnsupportedHintWarning)
        schema = schema_from_hint(hint)
    print(f"{label:28} -> {schema!r}")
    for warning in caught:
        print(f"{'':28}    warning: {warning.message}")

# List[Optional[str]]: optional values belong in pydantic model fields only
try:
    schema_from_hint(List[Optional[str]])
except InvalidHintError as error:
    print(f"{'List[Optional[str]]':28} -> InvalidHintError: {error}")
