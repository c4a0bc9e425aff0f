"""The recommended development workflow: a pydantic input model and a typed `predict`.

Seed section: "类型提示最佳实践 / 开发工作流" (type hint best practices).
"""

# ruff: noqa: UP006, UP035

from typing import List

import pydantic

import hintsig.pyfunc


class MyPydanticModel(pydantic.BaseModel):
    text: str
    max_words: int = 3


def process(item: MyPydanticModel) -> str:
    return " ".join(item.text.split()[: item.max_words])


# ✅ Recommended pattern
class MyModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: List[MyPydanticModel]) -> List[str]:
        # Clear type annotations
        # Automatic validation
        # Good IDE support
        return [process(item) for item in model_input]


model = MyModel()
print(model.predict([MyPydanticModel(text="one two three four five")]))
print(model.predict([MyPydanticModel(text="a b c d", max_words=2)]))
