"""The model registry's machinery (private): the SQLite store, its schema and filter strings.

The public face is `hintsig.client` (`HintsigClient`, `ModelVersion`, `RegisteredModel`).
"""

from __future__ import annotations

__all__: list[str] = []
