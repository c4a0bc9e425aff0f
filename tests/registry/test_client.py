"""Every `HintsigClient` call, `register_model`, and what a version records."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import hintsig
from hintsig.client import HintsigClient, ModelVersion, RegisteredModel, register_model
from hintsig.exceptions import HintsigException
from hintsig.models._uri import resolve_model_uri
from hintsig.models.model import get_model_info, set_signature

from .helpers import SIGNATURE, MakeModel, doubler


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def _storage(tracking_dir: Path) -> list[str]:
    root = tracking_dir / "registry-models"
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


# --------------------------------------------------------------------------- registered models


def test_create_registered_model(client: HintsigClient) -> None:
    before = _now_ms()
    model = client.create_registered_model("churn", description="who leaves", tags={"n": 3})
    assert isinstance(model, RegisteredModel)
    assert (model.name, model.description, model.tags) == ("churn", "who leaves", {"n": "3"})
    assert (model.aliases, model.latest_versions) == ({}, ())
    assert before <= model.creation_timestamp == model.last_updated_timestamp <= _now_ms()
    assert client.get_registered_model("churn") == model


def test_create_registered_model_twice_is_an_error(client: HintsigClient) -> None:
    client.create_registered_model("churn")
    with pytest.raises(HintsigException, match="Registered model 'churn' already exists") as info:
        client.create_registered_model("churn")
    assert info.value.error_code == "RESOURCE_ALREADY_EXISTS"


def test_get_missing_registered_model(client: HintsigClient) -> None:
    with pytest.raises(HintsigException, match="Registered model 'nope' not found") as info:
        client.get_registered_model("nope")
    assert info.value.error_code == "RESOURCE_DOES_NOT_EXIST"


def test_search_registered_models_sorted_by_name(client: HintsigClient) -> None:
    for name in ["b", "c", "a"]:
        client.create_registered_model(name)
    assert [m.name for m in client.search_registered_models()] == ["a", "b", "c"]
    assert [m.name for m in client.search_registered_models("name = 'b'")] == ["b"]


def test_delete_registered_model_removes_versions_aliases_and_copies(
    client: HintsigClient, make_model: MakeModel, tracking_dir: Path
) -> None:
    source = make_model()
    client.register_model(source, "churn")
    client.register_model(source, "churn")
    client.set_registered_model_alias("churn", "prod", 2)
    client.register_model(source, "other")
    client.delete_registered_model("churn")
    with pytest.raises(HintsigException, match="not found"):
        client.get_registered_model("churn")
    assert [mv.name for mv in client.search_model_versions()] == ["other"]
    assert _storage(tracking_dir) == [
        Path(client.get_model_version("other", 1).storage_location).name
    ]
    assert source.is_dir()  # the source stays
    # the name can be registered again, and counts from 1 again
    assert client.register_model(source, "churn").version == 1


def test_delete_missing_registered_model(client: HintsigClient) -> None:
    with pytest.raises(HintsigException, match="Registered model 'nope' not found"):
        client.delete_registered_model("nope")


# ----------------------------------------------------------------------------------- versions


def test_create_model_version_records_everything(
    client: HintsigClient, make_model: MakeModel, tracking_dir: Path
) -> None:
    source = make_model(signature=SIGNATURE)
    client.create_registered_model("churn")
    before = _now_ms()
    mv = client.create_model_version(
        "churn", source, run_id="run-1", description="first", tags={"stage": "dev"}
    )
    assert isinstance(mv, ModelVersion)
    assert (mv.name, mv.version, mv.status) == ("churn", 1, "READY")
    assert mv.source == str(source)
    assert Path(mv.storage_location).parent == tracking_dir / "registry-models"
    assert (Path(mv.storage_location) / "MLmodel").is_file()
    assert (mv.run_id, mv.description, mv.tags, mv.aliases) == (
        "run-1",
        "first",
        {"stage": "dev"},
        (),
    )
    assert mv.signature == SIGNATURE
    assert before <= mv.creation_timestamp == mv.last_updated_timestamp <= _now_ms()
    assert mv.model_uri == "models:/churn/1"
    assert client.get_model_version("churn", 1) == mv
    model = client.get_registered_model("churn")
    assert model.latest_versions == (mv,)
    assert model.last_updated_timestamp == mv.creation_timestamp


def test_versions_count_up_per_name(client: HintsigClient, make_model: MakeModel) -> None:
    source = make_model()
    client.create_registered_model("a")
    client.create_registered_model("b")
    numbers = [client.create_model_version(name, source).version for name in "aabab"]
    assert numbers == [1, 2, 1, 3, 2]


def test_create_model_version_needs_a_registered_model(
    client: HintsigClient, make_model: MakeModel, tracking_dir: Path
) -> None:
    with pytest.raises(HintsigException, match="Registered model 'churn' not found"):
        client.create_model_version("churn", make_model())
    assert _storage(tracking_dir) == []


@pytest.mark.parametrize("relative", [False, True])
def test_source_that_is_not_a_saved_model(
    client: HintsigClient, tmp_path: Path, tracking_dir: Path, relative: bool
) -> None:
    client.create_registered_model("churn")
    folder = tmp_path / "empty"
    folder.mkdir()
    with pytest.raises(HintsigException, match="No MLmodel file"):
        client.create_model_version("churn", "empty" if relative else folder)
    with pytest.raises(HintsigException, match="No model directory"):
        client.create_model_version("churn", tmp_path / "missing")
    assert _storage(tracking_dir) == []
    assert client.search_model_versions() == []


def test_source_forms(client: HintsigClient, make_model: MakeModel, tmp_path: Path) -> None:
    source = make_model("m")
    client.create_registered_model("churn")
    forms: list[str | Path] = ["saved/m", source, source.as_uri(), str(source)]
    versions = [client.create_model_version("churn", form) for form in forms]
    assert {mv.source for mv in versions} == {str(source)}
    assert [mv.version for mv in versions] == [1, 2, 3, 4]


def test_source_from_a_run_records_the_run(client: HintsigClient) -> None:
    from hintsig.pyfunc import log_model

    with hintsig.start_run() as run:
        info = log_model(name="churn_model", python_model=doubler(), signature=SIGNATURE)
    mv = register_model(f"runs:/{run.info.run_id}/churn_model", "churn")
    assert mv.run_id == run.info.run_id
    assert mv.signature == SIGNATURE
    assert mv.source == str(resolve_model_uri(info.model_uri))
    by_id = client.create_model_version("churn", f"models:/{info.model_id}")
    assert (by_id.version, by_id.run_id, by_id.source) == (2, run.info.run_id, mv.source)


def test_log_model_with_registered_model_name(client: HintsigClient) -> None:
    from hintsig.pyfunc import log_model

    with hintsig.start_run() as run:
        log_model(name="m", python_model=doubler(), registered_model_name="churn")
    mv = client.get_model_version("churn", 1)
    assert mv.run_id == run.info.run_id


def test_get_model_version_accepts_numeric_strings(
    client: HintsigClient, make_model: MakeModel
) -> None:
    mv = client.register_model(make_model(), "churn")
    assert client.get_model_version("churn", "1") == mv


@pytest.mark.parametrize(
    ("version", "shown"),
    [
        (0, "a value of type int"),
        (-1, "a value of type int"),
        (2**63, "a value of type int"),
        ("x", "'x'"),
        ("²", "'²'"),
        ("99999999999999999999", "'99999999999999999999'"),
        (True, "a value of type bool"),
        (1.0, "a value of type float"),
        ("", "''"),
    ],
)
def test_bad_version_numbers(client: HintsigClient, version: object, shown: str) -> None:
    with pytest.raises(
        HintsigException, match=f"A model version must be a positive integer \\(got {shown}\\)"
    ):
        client.get_model_version("churn", version)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["", "  ", "a/b", "a@b", 3, None])
def test_bad_registered_model_names(client: HintsigClient, name: object) -> None:
    with pytest.raises(HintsigException, match="A registered model name must be a non-empty"):
        client.create_registered_model(name)  # type: ignore[arg-type]


def test_missing_version(client: HintsigClient, make_model: MakeModel) -> None:
    client.register_model(make_model(), "churn")
    with pytest.raises(HintsigException, match="Registered model 'churn' has no version 7"):
        client.get_model_version("churn", 7)
    with pytest.raises(HintsigException, match="Registered model 'nope' not found"):
        client.get_model_version("nope", 1)


def test_search_model_versions(client: HintsigClient, make_model: MakeModel) -> None:
    source = make_model()
    client.create_registered_model("a")
    client.create_registered_model("b")
    client.create_model_version("a", source, run_id="r1", tags={"k": "x"})
    client.create_model_version("a", source, run_id="r2")
    client.create_model_version("b", source, run_id="r1")

    def found(filter_string: str | None) -> list[tuple[str, int]]:
        return [(mv.name, mv.version) for mv in client.search_model_versions(filter_string)]

    assert found(None) == [("a", 2), ("a", 1), ("b", 1)]
    assert found("name='a'") == [("a", 2), ("a", 1)]
    assert found("run_id='r1'") == [("a", 1), ("b", 1)]
    assert found("name = 'a' AND run_id = 'r1'") == [("a", 1)]
    assert found("run_id IN ('r2', 'r9')") == [("a", 2)]
    assert found("version >= 2") == [("a", 2)]
    assert found("version_number = 1 AND name != 'a'") == [("b", 1)]
    assert found("tags.k = 'x'") == [("a", 1)]
    assert found(f"source = '{source}'") == [("a", 2), ("a", 1), ("b", 1)]
    assert found("source_path LIKE '%nowhere%'") == []
    with pytest.raises(HintsigException, match="unknown field 'stage'"):
        found("stage = 'x'")


def test_delete_model_version(
    client: HintsigClient, make_model: MakeModel, tracking_dir: Path
) -> None:
    source = make_model()
    first = client.register_model(source, "churn")
    second = client.register_model(source, "churn")
    client.set_registered_model_alias("churn", "prod", 2)
    client.delete_model_version("churn", 2)
    assert _storage(tracking_dir) == [Path(first.storage_location).name]
    assert not Path(second.storage_location).exists()
    assert client.get_registered_model("churn").aliases == {}
    assert client.get_latest_version("churn") == first
    # a deleted number is never given out again
    assert client.register_model(source, "churn").version == 3
    with pytest.raises(HintsigException, match="has no version 2"):
        client.delete_model_version("churn", 2)


def test_latest_version(client: HintsigClient, make_model: MakeModel) -> None:
    client.create_registered_model("churn")
    with pytest.raises(HintsigException, match="Registered model 'churn' has no versions"):
        client.get_latest_version("churn")
    with pytest.raises(HintsigException, match="Registered model 'nope' not found"):
        client.get_latest_version("nope")
    client.create_model_version("churn", make_model())
    assert client.create_model_version("churn", make_model()).version == 2
    assert client.get_latest_version("churn").version == 2


# ------------------------------------------------------------------------------------ aliases


def test_aliases(client: HintsigClient, make_model: MakeModel) -> None:
    source = make_model()
    client.register_model(source, "churn")
    client.register_model(source, "churn")
    client.set_registered_model_alias("churn", "champion", 1)
    client.set_registered_model_alias("churn", "challenger", "2")
    assert client.get_model_version_by_alias("churn", "champion").version == 1
    assert client.get_model_version("churn", 1).aliases == ("champion",)
    assert client.get_registered_model("churn").aliases == {"challenger": 2, "champion": 1}

    client.set_registered_model_alias("churn", "champion", 2)  # moves the alias
    assert client.get_model_version("churn", 2).aliases == ("challenger", "champion")
    assert client.get_model_version("churn", 1).aliases == ()

    client.delete_registered_model_alias("churn", "challenger")
    with pytest.raises(
        HintsigException, match="Registered model 'churn' has no alias 'challenger'"
    ):
        client.get_model_version_by_alias("churn", "challenger")
    with pytest.raises(HintsigException, match="has no alias 'challenger'"):
        client.delete_registered_model_alias("churn", "challenger")


def test_alias_needs_an_existing_version(client: HintsigClient, make_model: MakeModel) -> None:
    client.register_model(make_model(), "churn")
    with pytest.raises(HintsigException, match="Registered model 'churn' has no version 5"):
        client.set_registered_model_alias("churn", "prod", 5)
    with pytest.raises(HintsigException, match="Registered model 'nope' not found"):
        client.set_registered_model_alias("nope", "prod", 1)
    with pytest.raises(HintsigException, match="Registered model 'nope' not found"):
        client.get_model_version_by_alias("nope", "prod")


@pytest.mark.parametrize(
    ("alias", "message"),
    [
        ("latest", "The alias 'latest' is reserved"),
        ("LATEST", "The alias 'LATEST' is reserved"),
        ("v3", "The alias 'v3' is reserved"),
        ("", "An alias must be 1 to 255 letters, digits, '_' or '-' \\(got ''\\)"),
        ("a b", "An alias must be"),
        ("x" * 256, "An alias must be"),
        (3, "An alias must be .* \\(got a value of type int\\)"),
    ],
)
def test_bad_aliases(client: HintsigClient, alias: object, message: str) -> None:
    with pytest.raises(HintsigException, match=message):
        client.set_registered_model_alias("churn", alias, 1)  # type: ignore[arg-type]


# ----------------------------------------------------------------------- register_model


def test_register_model_creates_the_registered_model(make_model: MakeModel) -> None:
    mv = hintsig.register_model(str(make_model()), "churn", tags={"via": "top-level"})
    assert (mv.name, mv.version, mv.tags) == ("churn", 1, {"via": "top-level"})
    assert register_model(make_model(), "churn").version == 2
    assert HintsigClient().get_registered_model("churn").latest_versions[0].version == 2


def test_registry_uri_argument(make_model: MakeModel, tmp_path: Path) -> None:
    other = HintsigClient(f"sqlite:///{tmp_path}/other.db")
    assert other.registry_uri == f"sqlite:///{tmp_path}/other.db"
    other.register_model(make_model(), "churn")
    assert (tmp_path / "other-models").is_dir()
    assert HintsigClient().search_registered_models() == []


# ------------------------------------------------------------------------- immutability


def test_versions_do_not_change_when_the_source_does(
    client: HintsigClient, make_model: MakeModel
) -> None:
    """The guide's registry flow: set the signature on the source, register a new version."""
    source = make_model()
    first = client.register_model(source, "churn")
    assert first.signature is None
    set_signature(first.source, SIGNATURE)
    second = client.create_model_version(name="churn", source=first.source, run_id=first.run_id)
    assert second.version == 2
    assert second.signature == SIGNATURE
    assert client.get_model_version("churn", 1).signature is None
    assert get_model_info("models:/churn/1").signature is None
    assert get_model_info("models:/churn/2").signature == SIGNATURE


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"description": 3}, "description must be a str or None, got int"),
        ({"tags": ["a"]}, "tags must be a mapping, got list"),
        ({"tags": {"": "x"}}, "Tag keys must be non-empty strings"),
        ({"tags": {1: "x"}}, "Tag keys must be non-empty strings"),
    ],
)
def test_bad_arguments(client: HintsigClient, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(HintsigException, match=message):
        client.create_registered_model("churn", **kwargs)  # type: ignore[arg-type]


def test_bad_run_id_and_source(client: HintsigClient, make_model: MakeModel) -> None:
    client.create_registered_model("churn")
    with pytest.raises(HintsigException, match="run_id must be a str or None, got int"):
        client.create_model_version("churn", make_model(), run_id=3)  # type: ignore[arg-type]
    with pytest.raises(HintsigException, match="source must be a model URI or path, got int"):
        client.create_model_version("churn", 3)  # type: ignore[arg-type]
