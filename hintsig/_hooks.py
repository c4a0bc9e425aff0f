"""Where a lower layer reaches an implementation that lives in a higher one.

Three pieces of work are asked for low in the layers but done high up:

* `hintsig.models` resolves `models:/<name>/<version>` and `models:/<name>@<alias>` URIs,
  which needs the registry (`hintsig.client`, two layers up);
* `hintsig.models.utils.validate_serving_input` loads a saved model as a `PyFuncModel`
  (`hintsig.pyfunc`);
* `hintsig.types` checks tensor and DataFrame hints with schema enforcement
  (`hintsig.models.enforcement`).

Each is a small protocol here. The package root (the facade, which Python runs before any
`hintsig.*` module) installs the implementations when it is imported, as functions that import
their module on first use, so no module imports upward and `import hintsig` stays light.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Protocol

from hintsig.exceptions import HintsigException

__all__ = [
    "RegisteredModelResolver",
    "SavedModelLoader",
    "SchemaEnforcement",
    "install",
    "load_saved_model",
    "registered_model_source",
    "schema_enforcement",
]


class RegisteredModelResolver(Protocol):
    """The source URI of the registered version a `models:/` URI names (one of version, alias)."""

    def __call__(self, name: str, version: str | None, alias: str | None) -> str: ...


class SavedModelLoader(Protocol):
    """The saved model at `model_uri`, loaded for prediction (a `PyFuncModel`)."""

    def __call__(self, model_uri: str | os.PathLike[str]) -> Any: ...


class SchemaEnforcement(Protocol):
    """`data` fitted to `schema` (a `hintsig.types.Schema`), or a `DataValidationError`."""

    def __call__(self, data: Any, schema: Any) -> Any: ...


_installed: dict[str, Any] = {}


def install(
    *,
    registered_model_resolver: RegisteredModelResolver,
    saved_model_loader: SavedModelLoader,
    schema_enforcement: Callable[[], SchemaEnforcement],
) -> None:
    """Install the implementations (the package root does, once); `schema_enforcement`
    returns the enforcing function, so a compiled hint calls it with no indirection."""
    _installed.update(
        registered_model_resolver=registered_model_resolver,
        saved_model_loader=saved_model_loader,
        schema_enforcement=schema_enforcement,
    )


def _get(name: str) -> Any:
    try:
        return _installed[name]
    except KeyError:
        raise HintsigException(f"hintsig is not fully imported: no {name} installed") from None


def registered_model_source(name: str, version: str | None, alias: str | None) -> str:
    """Where the registered version named by `name` and a version or an alias is kept."""
    resolver: RegisteredModelResolver = _get("registered_model_resolver")
    return resolver(name, version, alias)


def load_saved_model(model_uri: str | os.PathLike[str]) -> Any:
    """The saved model at `model_uri` as a `PyFuncModel`."""
    loader: SavedModelLoader = _get("saved_model_loader")
    return loader(model_uri)


def schema_enforcement() -> SchemaEnforcement:
    """The function enforcing a schema on data (`hintsig.models.enforcement.enforce_schema`)."""
    provider: Callable[[], SchemaEnforcement] = _get("schema_enforcement")
    return provider()
