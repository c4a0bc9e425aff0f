"""hintsig: typed, validated model signatures from Python type hints.

`import hintsig` is light: pandas, numpy and the server load only when needed. The
subpackages `hintsig.pyfunc`, `hintsig.models` and `hintsig.types` are attributes of the
package, imported on first use.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from hintsig import _hooks
from hintsig._lazy import lazy_getattr
from hintsig._version import __version__ as __version__
from hintsig.exceptions import HintsigException as HintsigException

if TYPE_CHECKING:
    from hintsig import models as models
    from hintsig import pyfunc as pyfunc
    from hintsig import types as types
    from hintsig.client import register_model as register_model
    from hintsig.tracking import start_run as start_run

__all__ = [
    "HintsigException",
    "__version__",
    "models",
    "pyfunc",
    "register_model",
    "start_run",
    "types",
]

__getattr__ = lazy_getattr(
    __name__,
    {"start_run": "hintsig.tracking", "register_model": "hintsig.client"},
    submodules=("models", "pyfunc", "types"),
)


def _registered_model_source(name: str, version: str | None, alias: str | None) -> str:
    from hintsig.client import resolve_registered_uri

    return resolve_registered_uri(name, version, alias)


def _load_saved_model(model_uri: str | os.PathLike[str]) -> Any:
    from hintsig.pyfunc import load_model

    return load_model(model_uri)


def _schema_enforcement() -> _hooks.SchemaEnforcement:
    from hintsig.models.enforcement import enforce_schema

    return enforce_schema


# The facade wires the higher layers' implementations into the lower layers' protocols.
_hooks.install(
    registered_model_resolver=_registered_model_source,
    saved_model_loader=_load_saved_model,
    schema_enforcement=_schema_enforcement,
)
