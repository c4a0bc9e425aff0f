"""Python-function models (`hintsig.pyfunc`): define, save, log and load typed models.

Names load lazily, so `import hintsig.pyfunc` stays free of numpy and pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hintsig._lazy import lazy_getattr

if TYPE_CHECKING:
    from hintsig.pyfunc._loaded import PyFuncModel as PyFuncModel
    from hintsig.pyfunc._persist import load_model as load_model
    from hintsig.pyfunc._persist import log_model as log_model
    from hintsig.pyfunc._persist import save_model as save_model
    from hintsig.pyfunc._python_model import PythonModel as PythonModel
    from hintsig.pyfunc._python_model import PythonModelContext as PythonModelContext
    from hintsig.pyfunc._spark_udf import spark_udf as spark_udf

__all__ = [
    "PyFuncModel",
    "PythonModel",
    "PythonModelContext",
    "load_model",
    "log_model",
    "save_model",
    "spark_udf",
]

__getattr__ = lazy_getattr(
    __name__,
    {
        "PyFuncModel": "hintsig.pyfunc._loaded",
        "PythonModel": "hintsig.pyfunc._python_model",
        "PythonModelContext": "hintsig.pyfunc._python_model",
        "load_model": "hintsig.pyfunc._persist",
        "log_model": "hintsig.pyfunc._persist",
        "save_model": "hintsig.pyfunc._persist",
        "spark_udf": "hintsig.pyfunc._spark_udf",
    },
    submodules=("utils",),
)
