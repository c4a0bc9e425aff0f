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
    submodules=("models", "pyfunc", "testing", "types"),
)
