"""The registry's signature policy: with `require_signature` on, every version needs a
signature with an input schema (the rule Unity Catalog applies to registered models).
"""

from __future__ import annotations

from hintsig.exceptions import HintsigException
from hintsig.types.schema import ModelSignature

__all__ = ["REQUIRE_SIGNATURE", "check_signature_policy"]

#: The `registry_settings` key that holds the policy ("true" or "false").
REQUIRE_SIGNATURE = "require_signature"


def check_signature_policy(name: str, source: str, signature: ModelSignature | None) -> None:
    """Refuse a version whose model has no signature or no input schema, saying how to fix it."""
    if signature is None:
        problem = "has no signature"
    elif signature.inputs is None:
        problem = "has a signature without an input schema"
    else:
        return
    raise HintsigException(
        f"This registry requires every model version to have a signature with an input "
        f"schema, and the model at {source} {problem}, so it cannot become a version of "
        f"{name!r}. Add one: save or log the model with input_example= (or signature=), or "
        f"call hintsig.models.set_signature({source!r}, signature); then register it again."
    )
