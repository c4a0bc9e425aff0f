from typing import Any, Literal, overload

import numpy as np
import pandas as pd
from numpy.typing import NDArray

__all__ = ["load_iris"]

class Bunch(dict[str, Any]):
    def __getattr__(self, key: str) -> Any: ...

class _FrameDataset(Bunch):
    data: pd.DataFrame
    target: pd.Series[int]
    frame: pd.DataFrame
    feature_names: list[str]
    target_names: NDArray[np.str_]

class _ArrayDataset(Bunch):
    data: NDArray[np.float64]
    target: NDArray[np.int64]
    feature_names: list[str]
    target_names: NDArray[np.str_]

@overload
def load_iris(*, return_X_y: Literal[False] = False, as_frame: Literal[True]) -> _FrameDataset: ...
@overload
def load_iris(
    *, return_X_y: Literal[False] = False, as_frame: Literal[False] = False
) -> _ArrayDataset: ...
