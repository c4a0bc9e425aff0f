"""hintsig: typed, validated model signatures from Python type hints.

`import hintsig` is light: pandas, numpy and the server load only when needed. The
subpackages `hintsig.pyfunc`, `hintsig.models` and `hintsig.types` are attributes of the
package, imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hintsig._lazy import lazy_getattr
from hintsig.exceptions import HintsigException as HintsigException

__version__ = "0.1.0"

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
