"""A 28x28 image classifier whose input is described by a tensor type hint.

`Annotated[np.ndarray, Tensor(np.float32, (-1, 28, 28, 1))]` gives the model a tensor
signature (`-1`: any batch size) and checks every call: the dtype must be float32 exactly and
each fixed dimension must match; nested lists (as JSON carries them) are converted to a
float32 array first. The check compares dtype and shape only: the array is not copied.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import numpy as np

import hintsig.pyfunc
from hintsig.exceptions import DataValidationError
from hintsig.types import Tensor

Images = Annotated[np.ndarray, Tensor(np.float32, (-1, 28, 28, 1))]


class DigitClassifier(hintsig.pyfunc.PythonModel):
    """A linear classifier over the 784 pixels (random weights stand in for trained ones)."""

    def __init__(self) -> None:
        self.weights = np.random.default_rng(42).standard_normal((28 * 28, 10)).astype(np.float32)

    def predict(self, model_input: Images) -> list[int]:
        logits = model_input.reshape(len(model_input), -1) @ self.weights
        return [int(digit) for digit in logits.argmax(axis=1)]


def main() -> None:
    model = DigitClassifier()
    rng = np.random.default_rng(0)
    images = rng.random((4, 28, 28, 1), dtype=np.float32)
    print("predictions:", model.predict(images))

    # A wrong shape (no channel axis) and a wrong dtype are rejected before predict runs.
    for wrong in (images[:, :, :, 0], images.astype(np.float64)):
        try:
            model.predict(wrong)
        except DataValidationError as error:
            print(error)

    # Nested lists become a float32 array of the right shape.
    print("from lists:", model.predict(images.tolist()))

    # The signature is stored with the model; the loaded model checks inputs the same way.
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "digits"
        hintsig.pyfunc.save_model(path, python_model=model, input_example=images[:2])
        loaded = hintsig.pyfunc.load_model(path)
        print("stored input schema:", loaded.metadata.get_input_schema())
        print("loaded predictions:", loaded.predict(images))
        try:
            loaded.predict(rng.random((2, 32, 32, 1), dtype=np.float32))
        except DataValidationError as error:
            print(error)


if __name__ == "__main__":
    main()
