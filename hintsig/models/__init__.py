"""Signatures, inference, saved-model metadata and schema enforcement (`hintsig.models`).

Names load lazily, so `import hintsig.models` stays free of numpy and pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hintsig._lazy import lazy_getattr

if TYPE_CHECKING:
    from hintsig.models._diff import diff_signatures as diff_signatures
    from hintsig.models._export import export_metadata as export_metadata
    from hintsig.models._json_schema import signature_to_json_schema as signature_to_json_schema
    from hintsig.models.enforcement import validate_schema as validate_schema
    from hintsig.models.model import set_model as set_model
    from hintsig.models.model import set_signature as set_signature
    from hintsig.models.signature import ModelSignature as ModelSignature
    from hintsig.models.signature import infer_signature as infer_signature
    from hintsig.models.utils import validate_serving_input as validate_serving_input

__all__ = [
    "ModelSignature",
    "diff_signatures",
    "export_metadata",
    "infer_signature",
    "set_model",
    "set_signature",
    "signature_to_json_schema",
    "validate_schema",
    "validate_serving_input",
]

__getattr__ = lazy_getattr(
    __name__,
    {
        "ModelSignature": "hintsig.models.signature",
        "diff_signatures": "hintsig.models._diff",
        "export_metadata": "hintsig.models._export",
        "infer_signature": "hintsig.models.signature",
        "set_model": "hintsig.models.model",
        "set_signature": "hintsig.models.model",
        "signature_to_json_schema": "hintsig.models._json_schema",
        "validate_schema": "hintsig.models.enforcement",
        "validate_serving_input": "hintsig.models.utils",
    },
    submodules=("enforcement", "model", "signature", "utils"),
)
