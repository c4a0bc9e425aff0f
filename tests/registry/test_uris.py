"""`models:/<name>/<version>`, `models:/<name>/latest` and `models:/<name>@<alias>`."""

from __future__ import annotations

from pathlib import Path

import pytest

from hintsig.client import HintsigClient, get_registered_version, resolve_registered_uri
from hintsig.exceptions import HintsigException
from hintsig.models.model import get_model_info, set_signature

from .helpers import SIGNATURE, MakeModel


@pytest.fixture
def registered(client: HintsigClient, make_model: MakeModel) -> HintsigClient:
    """`churn` version 1 without a signature, version 2 with one; `prod` -> 1."""
    client.register_model(make_model("v1"), "churn")
    client.register_model(make_model("v2", signature=SIGNATURE), "churn")
    client.set_registered_model_alias("churn", "prod", 1)
    return client


@pytest.mark.parametrize(
    ("uri", "version"),
    [
        ("models:/churn/1", 1),
        ("models:/churn/2", 2),
        ("models:/churn/latest", 2),
        ("models:/churn/LATEST", 2),
        ("models:/churn@prod", 1),
    ],
)
def test_uris_resolve_to_the_version(registered: HintsigClient, uri: str, version: int) -> None:
    mv = registered.get_model_version("churn", version)
    assert get_registered_version(uri) == mv
    info = get_model_info(uri)
    assert info.signature == mv.signature
    assert info.model_uri == uri


@pytest.mark.parametrize(
    ("uri", "version"),
    [("models:/churn/1", 1), ("models:/churn@prod", 1), ("models:/churn/latest", 2)],
)
def test_load_model_from_the_registry(registered: HintsigClient, uri: str, version: int) -> None:
    from hintsig.pyfunc import load_model

    model = load_model(uri)
    assert model.metadata.signature == registered.get_model_version("churn", version).signature
    if version == 1:  # no signature, so any input reaches the model
        assert model.predict([1.0, 2.0]) == [2.0, 4.0]


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("models:/churn/9", "Registered model 'churn' has no version 9"),
        ("models:/nope/1", "Registered model 'nope' not found"),
        ("models:/churn@staging", "Registered model 'churn' has no alias 'staging'"),
        ("models:/churn/abc", "A model version must be a positive integer \\(got 'abc'\\)"),
    ],
)
def test_unknown_versions_are_clear_errors(
    registered: HintsigClient, uri: str, message: str
) -> None:
    with pytest.raises(HintsigException, match=message):
        get_model_info(uri)
    with pytest.raises(HintsigException, match=message):
        get_registered_version(uri)


def test_aliases_follow_their_version(registered: HintsigClient) -> None:
    assert get_model_info("models:/churn@prod").signature is None
    registered.set_registered_model_alias("churn", "prod", 2)
    assert get_model_info("models:/churn@prod").signature == SIGNATURE


def test_set_signature_goes_through_the_source(registered: HintsigClient) -> None:
    with pytest.raises(HintsigException, match="registered model versions do not change"):
        set_signature("models:/churn/1", SIGNATURE)
    set_signature(registered.get_model_version("churn", 1).source, SIGNATURE)
    assert get_model_info("models:/churn/1").signature is None  # the version is a copy


def test_a_registered_version_as_source(registered: HintsigClient) -> None:
    mv = registered.register_model("models:/churn@prod", "copy")
    assert mv.source == registered.get_model_version("churn", 1).storage_location
    assert mv.storage_location != mv.source


@pytest.mark.parametrize(
    "uri", ["saved/v1", "runs:/abc/model", "models:/m-0123456789abcdef", "file:///tmp/x"]
)
def test_other_uris_are_not_registered_versions(registered: HintsigClient, uri: str) -> None:
    assert get_registered_version(uri) is None


def test_get_registered_version_accepts_paths(registered: HintsigClient, tmp_path: Path) -> None:
    assert get_registered_version(tmp_path / "saved" / "v1") is None


@pytest.mark.parametrize(("version", "alias"), [(None, None), ("1", "prod")])
def test_resolve_needs_exactly_one_of_version_and_alias(
    registered: HintsigClient, version: str | None, alias: str | None
) -> None:
    with pytest.raises(HintsigException, match="exactly one of them"):
        resolve_registered_uri("churn", version, alias)


def test_resolve_returns_the_storage_location(registered: HintsigClient) -> None:
    mv = registered.get_model_version("churn", 2)
    assert resolve_registered_uri("churn", "2", None) == mv.storage_location
    assert resolve_registered_uri("churn", None, "prod") == (
        registered.get_model_version("churn", 1).storage_location
    )
