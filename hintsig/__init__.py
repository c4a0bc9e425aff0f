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
    from hintsig import client as client
    from hintsig import exceptions as exceptions
    from hintsig import models as models
    from hintsig import pyfunc as pyfunc
    from hintsig import tracking as tracking
    from hintsig import types as types
    from hintsig.client import MlflowClient as MlflowClient
    from hintsig.client import register_model as register_model
    from hintsig.tracking import active_run as active_run
    from hintsig.tracking import get_registry_uri as get_registry_uri
    from hintsig.tracking import get_tracking_uri as get_tracking_uri
    from hintsig.tracking import last_active_run as last_active_run
    from hintsig.tracking import set_registry_uri as set_registry_uri
    from hintsig.tracking import set_tracking_uri as set_tracking_uri
    from hintsig.tracking import start_run as start_run

__all__ = [
    "HintsigException",
    "MlflowClient",
    "__version__",
    "active_run",
    "client",
    "exceptions",
    "get_registry_uri",
    "get_tracking_uri",
    "last_active_run",
    "models",
    "pyfunc",
    "register_model",
    "set_registry_uri",
    "set_tracking_uri",
    "sklearn",
    "start_run",
    "testing",
    "tracking",
    "types",
]

_TRACKING = (
    "active_run", "get_registry_uri", "get_tracking_uri", "last_active_run",
    "set_registry_uri", "set_tracking_uri", "start_run",
)  # fmt: skip

__getattr__ = lazy_getattr(
    __name__,
    {
        **dict.fromkeys(_TRACKING, "hintsig.tracking"),
        "register_model": "hintsig.client",
        "MlflowClient": "hintsig.client",
    },
    submodules=(
        "cli",
        "client",
        "exceptions",
        "models",
        "pyfunc",
        "serving",
        "sklearn",
        "testing",
        "tracking",
        "types",
    ),
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
