"""Union hints: recorded as AnyType and not validated, unless `validate_unions=True`.

Seed section: "联合类型行为" (union type behaviour). As in MLflow, a Union of several types
(plain types or pydantic models) is not checked by default, with a warning. hintsig goes
further: with `validate_unions=True` (a class keyword here, or `@pyfunc(validate_unions=True)`)
each element is validated against the union (smart union, strict), and a pydantic
discriminated union picks the model by its tag. The schema still records AnyType.
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


# Union of models, validated (validate_unions=True): each dict becomes the model it fits
class TaggedModel(hintsig.pyfunc.PythonModel, validate_unions=True):
    def predict(self, model_input: List[Union[TextInput, NumberInput]]) -> List[str]:
        return [
            item.content if isinstance(item, TextInput) else str(item.value) for item in model_input
        ]


Tagged = Annotated[Union[TextInput, NumberInput], pydantic.Field(discriminator="type")]


class DiscriminatedModel(hintsig.pyfunc.PythonModel):
    validate_unions = True  # the class attribute works as the keyword does

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
