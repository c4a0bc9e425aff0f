"""scikit-learn estimators (`hintsig.sklearn`): `save_model`, `log_model`, `load_model`.

The flavor is a plugin: the module named by the `sklearn` entry point of the
`hintsig.flavors` group (`hintsig_sklearn`, installed with hintsig). It needs scikit-learn,
which hintsig does not depend on: `pip install 'hintsig[sklearn]'`. Without it, `import
hintsig.sklearn` works and using any of its names raises a `HintsigException` saying so.
Nothing is imported until a name is used.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

from hintsig.exceptions import HintsigException

if TYPE_CHECKING:
    from hintsig_sklearn import FLAVOR_NAME as FLAVOR_NAME
    from hintsig_sklearn import load_model as load_model
    from hintsig_sklearn import log_model as log_model
    from hintsig_sklearn import save_model as save_model

__all__ = ["FLAVOR_NAME", "load_model", "log_model", "save_model"]

#: The entry-point group of model flavours, and this flavour's name in it.
FLAVOR_GROUP = "hintsig.flavors"
_NAME = "sklearn"


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if importlib.util.find_spec("sklearn") is None:
        raise HintsigException(
            f"hintsig.sklearn.{name} needs scikit-learn, which is not installed: "
            "pip install 'hintsig[sklearn]'"
        )
    return getattr(_plugin(), name)


def _plugin() -> Any:
    from importlib.metadata import entry_points

    found = entry_points(group=FLAVOR_GROUP, name=_NAME)
    if not found:
        raise HintsigException(
            f"No {_NAME!r} flavour is installed (entry point group {FLAVOR_GROUP!r}); "
            "reinstall hintsig: pip install 'hintsig[sklearn]'"
        )
    return next(iter(found)).load()
