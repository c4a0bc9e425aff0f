"""Legacy hints (DataFrame, ndarray, sparse matrices): accepted, but no schema, no validation.

Seed section: "旧版类型提示(无验证)" (legacy type hints). The signature of such a model comes
from its input example (or an explicit signature). `np.ndarray` is written
`npt.NDArray[np.float64]` here so that `mypy --strict` accepts it; both mean the same.
"""

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse

import hintsig
import hintsig.pyfunc


# Supported but no validation
class FrameModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: pd.DataFrame) -> pd.DataFrame:
        totals: pd.DataFrame = pd.DataFrame({"total": model_input.sum(axis=1)})
        return totals


class ArrayModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return model_input * 2


class SparseModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: scipy.sparse.csr_matrix[Any]) -> list[float]:
        return [float(model_input.sum())]


model = FrameModel()
sample_dataframe = pd.DataFrame({"x": [1.0, 2.0], "y": [3.0, 4.0]})

# You must provide explicit signature or input_example
with hintsig.start_run():
    model_info = hintsig.pyfunc.log_model(
        name="legacy_model",
        python_model=model,
        input_example=sample_dataframe,  # Required for legacy types
    )

print(model_info.signature)
loaded = hintsig.pyfunc.load_model(model_info.model_uri)
print(loaded.predict(sample_dataframe))
print(ArrayModel().predict(np.array([1.0, 2.0])))
print(SparseModel().predict(scipy.sparse.csr_matrix(np.eye(2))))
