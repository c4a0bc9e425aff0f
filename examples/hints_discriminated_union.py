"""A model whose input elements are one of several pydantic models, told apart by a tag.

MLflow records a Union as AnyType and never checks it; hintsig does the same by default (with
a warning). With `validate_unions=True` (a `PythonModel` class keyword, a class attribute, or
`@pyfunc(validate_unions=True)`), each element is validated: a discriminated union reads the
`kind` tag and validates the dict against that model only (strictly: `"3"` is not an int),
so the error names the case that failed. The stored schema still says AnyType, as MLflow's
would.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import pydantic

import hintsig.pyfunc
from hintsig.exceptions import DataValidationError
from hintsig.pyfunc.utils import pyfunc


class Cat(pydantic.BaseModel):
    kind: Literal["cat"]
    lives: int


class Dog(pydantic.BaseModel):
    kind: Literal["dog"]
    good_boy: bool = True


Pet = Annotated[Union[Cat, Dog], pydantic.Field(discriminator="kind")]  # noqa: UP007


class PetDescriber(hintsig.pyfunc.PythonModel, validate_unions=True):
    def predict(self, model_input: list[Pet]) -> list[str]:
        return [
            f"a cat with {pet.lives} lives" if isinstance(pet, Cat) else "a dog"
            for pet in model_input
        ]


@pyfunc(validate_unions=True)
def count_values(model_input: list[int | str]) -> list[int]:
    """A plain union, validated too: each element must be an int or a str."""
    return [len(v) if isinstance(v, str) else v for v in model_input]


def main() -> None:
    model = PetDescriber()
    pets: list[Any] = [{"kind": "cat", "lives": 9}, {"kind": "dog"}]
    print(model.predict(pets))

    # Rejected: a cat whose lives is a string, and an unknown tag (every problem at once).
    wrong: list[Any] = [{"kind": "cat", "lives": "9"}, {"kind": "parrot"}]
    try:
        model.predict(wrong)
    except DataValidationError as error:
        print(error)

    print(count_values([3, "four"]))
    try:
        count_values([2.5])  # type: ignore[list-item]
    except DataValidationError as error:
        print(error)

    # The flag is part of the saved model: the loaded model validates the union too.
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pets"
        hintsig.pyfunc.save_model(path, python_model=model, input_example=pets)
        loaded = hintsig.pyfunc.load_model(path)
        print("stored input schema:", loaded.metadata.get_input_schema())
        try:
            loaded.predict(wrong)
        except DataValidationError as error:
            print(error)


if __name__ == "__main__":
    main()
