"""Schema types (`hintsig.types`): the portable form of a model's interface."""

from hintsig.types.schema import ColSpec as ColSpec
from hintsig.types.schema import DataType as DataType
from hintsig.types.schema import ParamSchema as ParamSchema
from hintsig.types.schema import ParamSpec as ParamSpec
from hintsig.types.schema import Schema as Schema
from hintsig.types.schema import TensorSpec as TensorSpec

__all__ = ["ColSpec", "DataType", "ParamSchema", "ParamSpec", "Schema", "TensorSpec"]
