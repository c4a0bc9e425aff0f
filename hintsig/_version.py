"""The version of hintsig, in the lowest layer so every module can name it without the facade."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
