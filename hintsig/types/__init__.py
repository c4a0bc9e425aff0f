"""Schema types (`hintsig.types`): the portable form of a model's interface.

`Tensor` and `Columns` (the tensor and DataFrame type-hint annotations of
`hintsig.types.type_hints`) are imported on first use, so `import hintsig.types` stays light.
"""

from typing import TYPE_CHECKING

from hintsig._lazy import lazy_getattr
from hintsig.types.schema import ColSpec as ColSpec
from hintsig.types.schema import DataType as DataType
from hintsig.types.schema import ParamSchema as ParamSchema
from hintsig.types.schema import ParamSpec as ParamSpec
from hintsig.types.schema import Schema as Schema
from hintsig.types.schema import TensorSpec as TensorSpec

if TYPE_CHECKING:
    from hintsig.types._hint_frames import Columns as Columns
    from hintsig.types._hint_tensors import Tensor as Tensor

__all__ = [
    "ColSpec",
    "Columns",
    "DataType",
    "ParamSchema",
    "ParamSpec",
    "Schema",
    "Tensor",
    "TensorSpec",
]

__getattr__ = lazy_getattr(
    __name__,
    {"Columns": "hintsig.types._hint_frames", "Tensor": "hintsig.types._hint_tensors"},
    submodules=("schema", "type_hints"),
)
