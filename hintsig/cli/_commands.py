"""Imports every command group so that it registers itself on `cli`."""

from __future__ import annotations

from hintsig.cli import (
    _diff,  # noqa: F401  (hintsig models diff)
    _export,  # noqa: F401  (hintsig models export)
    _fuzz,  # noqa: F401  (hintsig models fuzz)
    _models,  # noqa: F401  (hintsig models ...)
    _registry,  # noqa: F401  (hintsig registry ...)
    _signature,  # noqa: F401  (hintsig signature ...)
)
