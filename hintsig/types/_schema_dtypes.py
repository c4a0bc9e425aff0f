"""The scalar types (`DataType`) and their Python, numpy and pandas types (one table each).

Part of `hintsig.types.schema`, which re-exports the public names; see its docstring.
"""

from __future__ import annotations

import datetime as _dt
import enum
from typing import TYPE_CHECKING, Any

from hintsig.exceptions import SchemaDefinitionError

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "DataType",
]


class DataType(enum.Enum):
    """A scalar type, with the Python, numpy and pandas types that hold it.

    The members, their names, numbers and order are MLflow's.
    """

    boolean = 1
    integer = 2
    long = 3
    float = 4
    double = 5
    string = 6
    binary = 7
    datetime = 8

    def __repr__(self) -> str:
        return self.name

    def __str__(self) -> str:
        """`DataType.long`, as MLflow prints a member (and its `Map` reprs show one)."""
        return f"DataType.{self.name}"

    def __format__(self, format_spec: str) -> str:
        """The bare name (`long`), so a type reads short in hintsig's messages."""
        return format(self.name, format_spec)

    def to_python(self) -> type:
        """The Python type of one value, as MLflow gives it (`long` -> `int`; `datetime` ->
        `datetime.date`, the base class of `datetime.datetime`)."""
        return _PYTHON_TYPES[self]

    def to_numpy(self) -> np.dtype[Any]:
        """The numpy dtype of an array of these values (`str` and `bytes` are unsized)."""
        import numpy as np

        return np.dtype(_NUMPY_NAMES[self])

    def to_pandas(self) -> np.dtype[Any] | type[object]:
        """The pandas column dtype MLflow uses for these values: a numpy dtype, or the builtin
        `object` for text and bytes (as MLflow returns it)."""
        import numpy as np

        if self in _OBJECT_IN_PANDAS:
            return object
        return np.dtype(_NUMPY_NAMES[self])

    @classmethod
    def from_numpy_type(cls, np_type: Any) -> DataType | None:
        """The member whose `to_numpy()` is exactly `np_type`, or None (as MLflow: `int32` ->
        `integer`, `float64` -> `double`, `str` -> `string`; `uint8`, `<U5` or
        `datetime64[s]` -> None)."""
        import numpy as np

        try:
            dtype = np.dtype(np_type)
        except (TypeError, ValueError):
            return None
        return next((member for member in cls if member.to_numpy() == dtype), None)

    @classmethod
    def from_name(cls, name: str) -> DataType:
        """The member called `name`; a clear error listing the choices otherwise."""
        member = cls.__members__.get(name) if isinstance(name, str) else None
        if member is None:
            choices = ", ".join(cls.__members__)
            raise SchemaDefinitionError(
                f"Unknown data type {_describe(name)}; expected one of: {choices}"
            )
        return member


_PYTHON_TYPES: dict[DataType, type] = {
    DataType.boolean: bool,
    DataType.integer: int,
    DataType.long: int,
    DataType.float: float,
    DataType.double: float,
    DataType.string: str,
    DataType.binary: bytes,
    DataType.datetime: _dt.date,
}
_NUMPY_NAMES: dict[DataType, str] = {
    DataType.boolean: "bool",
    DataType.integer: "int32",
    DataType.long: "int64",
    DataType.float: "float32",
    DataType.double: "float64",
    DataType.string: "str",
    DataType.binary: "bytes",
    DataType.datetime: "datetime64[ns]",
}
_OBJECT_IN_PANDAS = frozenset({DataType.string, DataType.binary})


def _describe(value: object) -> str:
    """A short label for a wrong argument: a string is shown (it names a type), else its type."""
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else f"{value[:37]!r}..."
    return type(value).__name__


def _type_name(value: object) -> str:
    """`type(value).__name__`, for code where a parameter named `type` hides the builtin."""
    return type(value).__name__


def _required_word(required: bool | None) -> str:
    """MLflow's word for a spec's flag (a `None` read from a file counts as optional)."""
    return "required" if required else "optional"
