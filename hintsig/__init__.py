"""hintsig: typed, validated model signatures from Python type hints.

`import hintsig` is light: pandas, numpy and the server load only when needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hintsig.exceptions import HintsigException as HintsigException

__version__ = "0.1.0"

if TYPE_CHECKING:
    from hintsig.tracking import register_model as register_model
    from hintsig.tracking import start_run as start_run

__all__ = ["HintsigException", "__version__", "register_model", "start_run"]

_LAZY = {"start_run": "hintsig.tracking", "register_model": "hintsig.tracking"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'hintsig' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
