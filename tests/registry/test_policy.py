"""The signature policy: stored in the registry, refusing models without an input schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from hintsig.client import HintsigClient, register_model
from hintsig.exceptions import HintsigException
from hintsig.models.model import set_signature
from hintsig.types.schema import ColSpec, ModelSignature, Schema

from .helpers import SIGNATURE, MakeModel

OUTPUTS_ONLY = ModelSignature(outputs=Schema([ColSpec("double")]))


def test_policy_is_off_by_default(client: HintsigClient, make_model: MakeModel) -> None:
    assert client.require_signature is False
    assert client.register_model(make_model(), "churn").signature is None


def test_policy_is_stored_in_the_registry(client: HintsigClient) -> None:
    client.set_require_signature(True)
    assert HintsigClient().require_signature is True
    HintsigClient().set_require_signature(False)
    assert client.require_signature is False


@pytest.mark.parametrize(
    ("signature", "problem"),
    [(None, "has no signature"), (OUTPUTS_ONLY, "has a signature without an input schema")],
)
def test_policy_refuses_models_without_inputs(
    client: HintsigClient,
    make_model: MakeModel,
    tracking_dir: Path,
    signature: ModelSignature | None,
    problem: str,
) -> None:
    source = make_model(signature=signature)
    client.create_registered_model("churn")
    client.set_require_signature()
    with pytest.raises(HintsigException) as info:
        HintsigClient().create_model_version("churn", source)
    assert info.value.message == (
        "This registry requires every model version to have a signature with an input schema, "
        f"and the model at {source} {problem}, so it cannot become a version of 'churn'. "
        "Add one: save or log the model with input_example= (or signature=), or call "
        f"hintsig.models.set_signature({str(source)!r}, signature); then register it again."
    )
    assert "\n" not in info.value.message
    assert client.search_model_versions() == []
    assert not any((tracking_dir / "registry-models").iterdir())  # the copy is cleaned up
    # the refused attempt used no version number
    set_signature(source, SIGNATURE)
    assert client.create_model_version("churn", source).version == 1


def test_policy_accepts_signed_models(client: HintsigClient, make_model: MakeModel) -> None:
    client.set_require_signature(True)
    assert client.register_model(make_model(signature=SIGNATURE), "churn").signature == SIGNATURE


def test_refused_register_model_creates_no_registered_model(
    client: HintsigClient, make_model: MakeModel
) -> None:
    client.set_require_signature(True)
    with pytest.raises(HintsigException, match="has no signature"):
        register_model(make_model(), "churn")
    assert client.search_registered_models() == []


def test_policy_does_not_touch_existing_versions(
    client: HintsigClient, make_model: MakeModel
) -> None:
    unsigned = client.register_model(make_model(), "churn")
    client.set_require_signature(True)
    assert client.get_model_version("churn", 1) == unsigned
    client.set_require_signature(False)
    assert client.register_model(make_model(), "churn").version == 2


def test_policy_flag_must_be_a_bool(client: HintsigClient) -> None:
    with pytest.raises(HintsigException, match="require_signature must be a bool, got str"):
        client.set_require_signature("yes")  # type: ignore[arg-type]
