"""Tags, descriptions, deletions and lookups by alias, with MLflow's `MlflowClient` names,
from the library (`HintsigClient`) and the command line (`hintsig registry ...`)."""

from __future__ import annotations

import inspect

import pytest
from click.testing import CliRunner, Result

from hintsig.cli import _commands, cli  # noqa: F401  (_commands registers the groups)
from hintsig.client import HintsigClient, ModelVersion, RegisteredModel
from hintsig.exceptions import HintsigException

from .helpers import SIGNATURE, MakeModel

#: MLflow 3.x `MlflowClient` parameters of each method (read from MLflow's own signatures).
MLFLOW_PARAMETERS = {
    "delete_model_version": ["name", "version"],
    "delete_registered_model_alias": ["name", "alias"],
    "set_model_version_tag": ["name", "version", "key", "value", "stage"],
    "delete_model_version_tag": ["name", "version", "key", "stage"],
    "set_registered_model_tag": ["name", "key", "value"],
    "delete_registered_model_tag": ["name", "key"],
    "update_model_version": ["name", "version", "description"],
    "update_registered_model": ["name", "description", "deployment_job_id"],
    "get_model_version_by_alias": ["name", "alias"],
    "set_registered_model_alias": ["name", "alias", "version"],
}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["registry", *args])


@pytest.fixture
def registered(client: HintsigClient, make_model: MakeModel) -> HintsigClient:
    client.register_model(make_model("v1"), "churn")
    client.register_model(make_model("v2", signature=SIGNATURE), "churn")
    client.set_registered_model_alias("churn", "champion", 1)
    return client


@pytest.mark.parametrize(("method", "parameters"), sorted(MLFLOW_PARAMETERS.items()))
def test_mlflow_method_names_and_parameters(method: str, parameters: list[str]) -> None:
    signature = inspect.signature(getattr(HintsigClient, method))
    assert list(signature.parameters)[1:] == parameters


def test_search_model_versions_takes_mlflows_first_two_parameters() -> None:
    names = list(inspect.signature(HintsigClient.search_model_versions).parameters)
    assert names[1:3] == ["filter_string", "max_results"]


# ------------------------------------------------------------------------------- library


def test_tags_on_models_and_versions(registered: HintsigClient) -> None:
    registered.set_registered_model_tag("churn", "team", "growth")
    registered.set_model_version_tag("churn", "2", "validated", True)
    assert registered.get_registered_model("churn").tags == {"team": "growth"}
    assert registered.get_model_version("churn", 2).tags == {"validated": "True"}
    assert registered.get_model_version("churn", 1).tags == {}
    found = registered.search_model_versions("name = 'churn' AND tags.validated = 'True'")
    assert [mv.version for mv in found] == [2]
    registered.delete_model_version_tag("churn", 2, "validated")
    registered.delete_registered_model_tag("churn", "team")
    assert registered.get_model_version("churn", 2).tags == {}
    assert registered.get_registered_model("churn").tags == {}
    with pytest.raises(HintsigException, match="Version 2 of 'churn' has no tag 'validated'"):
        registered.delete_model_version_tag("churn", 2, "validated")


def test_tag_errors(registered: HintsigClient) -> None:
    with pytest.raises(HintsigException, match="stages are not supported"):
        registered.set_model_version_tag("churn", 1, "k", "v", stage="Production")
    with pytest.raises(HintsigException, match="needs the version"):
        registered.set_model_version_tag("churn", key="k", value="v")
    with pytest.raises(HintsigException, match="has no version 7"):
        registered.set_model_version_tag("churn", 7, "k", "v")
    with pytest.raises(HintsigException, match="'nope' not found"):
        registered.set_registered_model_tag("nope", "k", "v")


def test_descriptions(registered: HintsigClient) -> None:
    before = registered.get_model_version("churn", 1).last_updated_timestamp
    model = registered.update_registered_model("churn", description="Churn classifier")
    assert isinstance(model, RegisteredModel) and model.description == "Churn classifier"
    version = registered.update_model_version("churn", "1", description="baseline")
    assert isinstance(version, ModelVersion) and version.description == "baseline"
    assert version.last_updated_timestamp >= before
    unchanged = registered.update_model_version("churn", 1)  # None: no change
    assert unchanged.description == "baseline"
    assert registered.get_model_version("churn", 2).description is None


def test_delete_a_version_and_an_alias(registered: HintsigClient) -> None:
    assert registered.get_model_version_by_alias("churn", "champion").version == 1
    registered.delete_registered_model_alias("churn", "champion")
    with pytest.raises(HintsigException, match="has no alias 'champion'"):
        registered.get_model_version_by_alias("churn", "champion")
    registered.delete_model_version("churn", "1")
    assert [mv.version for mv in registered.search_model_versions("name='churn'")] == [2]
    assert registered.search_model_versions("name = 'churn'", max_results=1)[0].version == 2


# ---------------------------------------------------------------------------- command line


def test_show_by_alias(registered: HintsigClient) -> None:
    for alias in ("champion", "@champion"):
        result = run("show", "churn", alias)
        assert result.exit_code == 0, result.stderr
        assert "Version:     1\n" in result.stdout
        assert "Aliases:     champion\n" in result.stdout
    assert "Version:     2\n" in run("show", "churn", "latest").stdout


def test_delete_command(registered: HintsigClient) -> None:
    result = run("delete", "churn", "1")
    assert (result.exit_code, result.stdout) == (0, "Deleted churn version 1\n")
    assert [mv.version for mv in registered.search_model_versions("name = 'churn'")] == [2]


def test_alias_delete_command(registered: HintsigClient) -> None:
    result = run("alias", "--delete", "churn", "champion")
    assert (result.exit_code, result.stdout) == (0, "Deleted alias churn@champion\n")
    assert registered.get_registered_model("churn").aliases == {}
    result = run("alias", "--delete", "churn", "champion", "1")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "no VERSION" in result.stderr


def test_tag_command(registered: HintsigClient) -> None:
    assert run("tag", "churn", "team", "growth").stdout == "churn: team=growth\n"
    assert run("tag", "churn", "2", "validated", "yes").stdout == "churn version 2: validated=yes\n"
    assert registered.get_registered_model("churn").tags == {"team": "growth"}
    assert registered.get_model_version("churn", 2).tags == {"validated": "yes"}
    result = run("tag", "churn", "team")
    assert result.exit_code == 2 and "expected NAME [VERSION] KEY VALUE" in result.stderr


def test_describe_command(registered: HintsigClient) -> None:
    assert run("describe", "churn", "Churn classifier").stdout == "Described churn\n"
    assert run("describe", "churn", "2", "with a signature").stdout == (
        "Described churn version 2\n"
    )
    assert registered.get_registered_model("churn").description == "Churn classifier"
    assert registered.get_model_version("churn", 2).description == "with a signature"
    assert "Description: with a signature" in run("show", "churn", "2").stdout
