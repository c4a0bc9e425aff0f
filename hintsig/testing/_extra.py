"""The `testing` extra: Hypothesis is imported here first, with a clear error without it."""

from __future__ import annotations

from hintsig.exceptions import HintsigException

__all__ = ["require_hypothesis"]


def require_hypothesis() -> None:
    """Raise a `HintsigException` naming the extra when Hypothesis is not installed."""
    try:
        import hypothesis  # noqa: F401
    except ImportError:
        raise HintsigException(
            "hintsig.testing needs Hypothesis; install the extra: pip install 'hintsig[testing]'"
        ) from None
