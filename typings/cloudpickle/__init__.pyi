"""Types for cloudpickle 3.x, which ships none (no `py.typed`): its public names only."""

import pickle
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any, Protocol

from _typeshed import ReadableBuffer, SupportsWrite

__all__ = [
    "CloudPickler",
    "Pickler",
    "__version__",
    "dump",
    "dumps",
    "load",
    "loads",
    "register_pickle_by_value",
    "unregister_pickle_by_value",
]

__version__: str

_BufferCallback = Callable[[pickle.PickleBuffer], Any] | None

class _ReadableFile(Protocol):
    def read(self, n: int, /) -> bytes: ...
    def readline(self) -> bytes: ...

class CloudPickler(pickle.Pickler):
    def __init__(
        self,
        file: SupportsWrite[bytes],
        protocol: int | None = None,
        buffer_callback: _BufferCallback = None,
    ) -> None: ...

Pickler = CloudPickler

def dumps(
    obj: Any, protocol: int | None = None, buffer_callback: _BufferCallback = None
) -> bytes: ...
def dump(
    obj: Any,
    file: SupportsWrite[bytes],
    protocol: int | None = None,
    buffer_callback: _BufferCallback = None,
) -> None: ...
def loads(
    data: ReadableBuffer,
    /,
    *,
    fix_imports: bool = True,
    encoding: str = "ASCII",
    errors: str = "strict",
    buffers: Iterable[Any] | None = (),
) -> Any: ...
def load(
    file: _ReadableFile,
    *,
    fix_imports: bool = True,
    encoding: str = "ASCII",
    errors: str = "strict",
    buffers: Iterable[Any] | None = (),
) -> Any: ...
def register_pickle_by_value(module: ModuleType) -> None: ...
def unregister_pickle_by_value(module: ModuleType) -> None: ...
def list_registry_pickle_by_value() -> set[str]: ...
