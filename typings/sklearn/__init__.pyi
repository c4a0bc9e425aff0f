"""Types for scikit-learn, which ships none: only what hintsig's plugin and examples use."""

__all__ = ["__version__"]

__version__: str
