"""A DataFrame model whose columns are described by a pydantic row model.

`Annotated[pd.DataFrame, Columns(Row)]` gives the model a named column schema (one column per
field of `Row`; `Optional` fields and fields with a default are optional columns) and checks
every call as a loaded model checks its input, column by column (never row by row): required
columns must be there, only safe casts are applied (int32 -> int64, int -> double), and
columns `Row` does not name are dropped. A dict of columns or a list of row dicts is accepted
too and becomes a DataFrame.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any, Optional

import numpy as np
import pandas as pd
import pydantic

import hintsig.pyfunc
from hintsig.exceptions import DataValidationError
from hintsig.types import Columns


class House(pydantic.BaseModel):
    """One row of the model's input."""

    rooms: int
    area: float
    city: str
    garden: Optional[bool] = None  # noqa: UP045 - the seed guide writes Optional


class PriceModel(hintsig.pyfunc.PythonModel):
    """Prices houses with a fixed formula (a stand-in for a trained regressor)."""

    def predict(self, model_input: Annotated[pd.DataFrame, Columns(House)]) -> list[float]:
        price = 1_000.0 * model_input["area"] + 5_000.0 * model_input["rooms"]
        if "garden" in model_input:
            price += 10_000.0 * model_input["garden"].fillna(False).astype(float)
        return [float(p) for p in price]


def main() -> None:
    model = PriceModel()
    houses = pd.DataFrame(
        {
            "rooms": np.array([3, 4], dtype=np.int32),  # int32 widens safely to long
            "area": [80, 120.5],
            "city": ["Lyon", "Oslo"],
            "listing_id": ["a1", "b2"],  # not a House field: dropped
        }
    )
    print("prices:", model.predict(houses))
    records: Any = [{"rooms": 2, "area": 50.0, "city": "Rome"}]  # a list of rows works too
    print("from records:", model.predict(records))

    # Every problem is reported at once: a missing column and a lossy cast (float -> long).
    try:
        model.predict(pd.DataFrame({"rooms": [2.5], "area": [50.0]}))
    except DataValidationError as error:
        print(error)

    # The column schema is stored with the model and enforced after loading.
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "prices"
        hintsig.pyfunc.save_model(path, python_model=model, input_example=houses)
        loaded = hintsig.pyfunc.load_model(path)
        print("stored input schema:", loaded.metadata.get_input_schema())
        print("loaded prices:", loaded.predict(houses))


if __name__ == "__main__":
    main()
