"""Union hints: plain unions are not validated; unions of pydantic models are.

Seed section: "联合类型行为" (union type behaviour).
"""

# ruff: noqa: UP006, UP007, UP035

import warnings
from typing import Annotated, Any, List, Literal, Union

import pydantic

import hintsig.pyfunc
from hintsig.exceptions import DataValidationError, UnsupportedHintWarning

# Union types become AnyType (no validation): hintsig warns when the class is defined
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", UnsupportedHintWarning)

    class UnionModel(hintsig.pyfunc.PythonModel):
        def predict(self, model_input: List[Union[str, int]]) -> List[str]:
            # hintsig infers this as List[AnyType] - no validation performed
            return [str(item) for item in model_input]


for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
mixed: List[Any] = ["a", 1, 2.5]  # 2.5 is neither str nor int, and passes unchecked
print(UnionModel().predict(mixed))


# Better approach: Use Pydantic discriminated unions for validation
class TextInput(pydantic.BaseModel):
    type: Literal["text"] = "text"
    content: str


class NumberInput(pydantic.BaseModel):
    type: Literal["number"] = "number"
    value: int


# Discriminated union with validation
class TaggedModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: List[Union[TextInput, NumberInput]]) -> List[str]:
        return [
            item.content if isinstance(item, TextInput) else str(item.value) for item in model_input
        ]


Tagged = Annotated[Union[TextInput, NumberInput], pydantic.Field(discriminator="type")]


class DiscriminatedModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: List[Tagged]) -> List[str]:
        return [type(item).__name__ for item in model_input]


inputs: List[Any] = [{"type": "text", "content": "hi"}, {"type": "number", "value": 3}]
print(TaggedModel().predict(inputs))
print(DiscriminatedModel().predict(inputs))
try:
    bad: List[Any] = [{"type": "number", "value": "three"}]
    DiscriminatedModel().predict(bad)
except DataValidationError as error:
    print(error)
