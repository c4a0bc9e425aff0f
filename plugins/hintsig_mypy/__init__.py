"""hintsig's mypy plugin: report model input hints hintsig cannot use, before anything runs.

Enable it in the mypy configuration (`pyproject.toml`):

    [tool.mypy]
    plugins = ["hintsig_mypy"]

On every `@pyfunc` function and on the `predict` (and `predict_stream`) of every
`PythonModel` subclass, mypy then reports, with the error code `hintsig-hint`, each hint
hintsig would refuse when the function is decorated or the class is defined, each hint it
would accept without validating, and each parameter hintsig does not pass. Every message says
what to write instead. Hints that are accepted but not validated (`Any`, a Union of several
types without `validate_unions=True`) get a note rather than an error.

Tensor and DataFrame hints are checked too: `Annotated[np.ndarray, Tensor(...)]`, a
`TypedDict` of them, and `Annotated[pd.DataFrame, Columns(Row)]`, whose row type's fields are
checked as a pydantic model's are. mypy drops `Annotated` metadata, so the plugin reads these
markers from the source of the function's own module.
"""

from __future__ import annotations

from hintsig_mypy._findings import HINT_CODE as HINT_CODE
from hintsig_mypy._plugin import HintsigPlugin as HintsigPlugin

__all__ = ["HINT_CODE", "HintsigPlugin", "plugin"]


def plugin(version: str) -> type[HintsigPlugin]:
    """The entry point mypy calls with its version."""
    return HintsigPlugin
