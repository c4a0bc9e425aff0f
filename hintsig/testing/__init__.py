"""Contract tests from a signature (`hintsig.testing`, extra `testing`: Hypothesis).

`strategy(spec)` generates the values a signature's own validator accepts (or, with
`valid=False`, values that break it in one place); `check_model(model)` runs a model on
them and reports what failed, shrunk to a minimal input; `assert_model(model)` raises an
`AssertionError` instead, for use inside pytest; `check_server(url, model)` sends them to a
running scoring server. Names load on first use: `import hintsig` never imports Hypothesis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hintsig._lazy import lazy_getattr

if TYPE_CHECKING:
    from hintsig.testing._check import Failure as Failure
    from hintsig.testing._check import ModelReport as ModelReport
    from hintsig.testing._check import assert_model as assert_model
    from hintsig.testing._check import check_model as check_model
    from hintsig.testing._serve import check_server as check_server
    from hintsig.testing._strategies import strategy as strategy

__all__ = ["Failure", "ModelReport", "assert_model", "check_model", "check_server", "strategy"]

_lazy = lazy_getattr(
    __name__,
    {
        "Failure": "hintsig.testing._check",
        "ModelReport": "hintsig.testing._check",
        "assert_model": "hintsig.testing._check",
        "check_model": "hintsig.testing._check",
        "check_server": "hintsig.testing._serve",
        "strategy": "hintsig.testing._strategies",
    },
)


def __getattr__(name: str) -> object:
    from hintsig.testing._extra import require_hypothesis

    if name in __all__:
        require_hypothesis()
    return _lazy(name)
