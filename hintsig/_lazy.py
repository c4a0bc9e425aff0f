"""Lazy re-exports: a package names its public objects without importing their modules."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Mapping
from typing import Any

__all__ = ["lazy_getattr"]


def lazy_getattr(
    package: str, exports: Mapping[str, str], submodules: Collection[str] = ()
) -> Callable[[str], Any]:
    """A module `__getattr__` that imports what `package` names on first use.

    `exports[name]` is the module path that defines `name`; each of `submodules` is a
    subpackage of `package` reachable as an attribute (`hintsig.pyfunc` after `import hintsig`).
    """

    def __getattr__(name: str) -> Any:
        if name in submodules:
            return importlib.import_module(f"{package}.{name}")
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)

    return __getattr__
