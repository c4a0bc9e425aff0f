"""`hintsig registry ...`: output, and one clear line on stderr for every failure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hintsig.cli import _commands, cli  # noqa: F401  (_commands registers the groups)
from hintsig.client import HintsigClient
from hintsig.types.schema import (
    AnyType,
    Array,
    ColSpec,
    DataType,
    Map,
    ModelSignature,
    Object,
    ParamSchema,
    ParamSpec,
    Property,
    Schema,
    TensorSpec,
)

from .helpers import SIGNATURE, MakeModel


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["registry", *args])


def assert_fails(result: Result, message: str, exit_code: int = 1) -> None:
    assert result.exit_code == exit_code, result.output
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


@pytest.fixture
def registered(client: HintsigClient, make_model: MakeModel) -> HintsigClient:
    client.register_model(make_model("v1"), "churn")
    client.register_model(make_model("v2", signature=SIGNATURE), "churn")
    client.set_registered_model_alias("churn", "prod", 2)
    client.create_registered_model("empty", description="nothing\nyet")
    return client


# -------------------------------------------------------------------------------------- init


def test_init_creates_the_registry(tracking_dir: Path) -> None:
    result = run("init")
    assert result.exit_code == 0
    uri = f"sqlite:///{tracking_dir / 'registry.db'}"
    assert result.stdout == f"Registry {uri} is ready (signature required: no)\n"
    assert (tracking_dir / "registry.db").is_file()


def test_init_sets_and_keeps_the_policy(client: HintsigClient) -> None:
    assert run("init", "--require-signature").stdout.endswith("(signature required: yes)\n")
    assert client.require_signature is True
    assert run("init").stdout.endswith("(signature required: yes)\n")
    assert run("init", "--no-require-signature").stdout.endswith("(signature required: no)\n")
    assert client.require_signature is False


def test_registry_uri_option(tmp_path: Path) -> None:
    result = run("--registry-uri", f"sqlite:///{tmp_path}/other.db", "init")
    assert result.exit_code == 0
    assert (tmp_path / "other.db").is_file()


# ------------------------------------------------------------------------------- list, versions


def test_list(registered: HintsigClient) -> None:
    result = run("list")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "NAME   LATEST  ALIASES  DESCRIPTION",
        "-----  ------  -------  -----------",
        "churn  2       prod=2   -",
        "empty  -       -        nothing yet",
    ]
    assert run("list", "--filter", "name = 'empty'").stdout.splitlines()[2:] == [
        "empty  -       -        nothing yet"
    ]


def test_list_empty() -> None:
    assert run("list").stdout == "No registered models.\n"


def test_versions(registered: HintsigClient) -> None:
    result = run("versions", "churn")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["VERSION", "CREATED", "SIGNATURE", "ALIASES", "RUN", "ID", "SOURCE"]
    v2, v1 = (registered.get_model_version("churn", n) for n in (2, 1))
    assert lines[2].split()[0] == "2"
    assert lines[2].split()[3:] == ["UTC", "yes", "prod", "-", v2.source]
    assert lines[3].split()[3:] == ["UTC", "none", "-", "-", v1.source]
    assert run("versions", "empty").stdout == "Registered model 'empty' has no versions.\n"


def test_versions_of_a_name_with_a_quote(client: HintsigClient, make_model: MakeModel) -> None:
    client.register_model(make_model(), "o'brien")
    assert run("versions", "o'brien").stdout.splitlines()[2].startswith("1 ")


# -------------------------------------------------------------------------------------- show


def test_show_prints_the_signature_as_a_table(registered: HintsigClient) -> None:
    mv = registered.get_model_version("churn", 2)
    result = run("show", "churn", "2")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == ["Model:       churn", "Version:     2", f"Source:      {mv.source}"]
    assert lines[6:9] == ["Aliases:     prod", "Tags:        -", "Description: -"]
    assert lines[10:] == [
        "Signature:",
        "  Inputs:",
        "    NAME   TYPE    REQUIRED",
        "    -----  ------  --------",
        "    x      double  yes",
        "    label  string  no",
        "  Outputs:",
        "    NAME  TYPE    REQUIRED",
        "    ----  ------  --------",
        "    -     double  yes",
        "  Params: none",
    ]
    assert run("show", "churn", "latest").stdout == result.stdout


def test_show_a_version_without_signature(registered: HintsigClient) -> None:
    result = run("show", "churn", "1")
    assert result.stdout.splitlines()[-1] == (
        "Signature: none (log the model with input_example= or call set_signature, "
        "then register a new version)"
    )


def test_show_renders_every_kind_of_type(client: HintsigClient, make_model: MakeModel) -> None:
    signature = ModelSignature(
        inputs=Schema(
            [
                ColSpec(Array(DataType.string), "tags"),
                ColSpec(Map(DataType.long), "counts"),
                ColSpec(
                    Object(
                        [Property("a", DataType.long), Property("b", AnyType(), required=False)]
                    ),
                    "obj",
                ),
            ]
        ),
        outputs=Schema([TensorSpec("float32", (-1, 3), "probs")]),
        params=ParamSchema(
            [
                ParamSpec("temperature", "double", 0.5),
                ParamSpec("stop", "string", ["."], (-1,)),
                ParamSpec("config", Object([Property("k", DataType.long)]), {"k": 1}),
            ]
        ),
    )
    client.register_model(make_model(signature=signature), "typed")
    lines = run("show", "typed", "1").stdout.splitlines()
    signature_lines = lines[lines.index("Signature:") :]
    assert signature_lines == [
        "Signature:",
        "  Inputs:",
        "    NAME    TYPE                      REQUIRED",
        "    ------  ------------------------  --------",
        "    tags    array<string>             yes",
        "    counts  map<string, long>         yes",
        "    obj     object{a: long, b?: any}  yes",
        "  Outputs:",
        "    NAME   TYPE                    REQUIRED",
        "    -----  ----------------------  --------",
        "    probs  tensor float32 (-1, 3)  yes",
        "  Params:",
        "    NAME         TYPE             DEFAULT   SHAPE",
        "    -----------  ---------------  --------  ------",
        "    temperature  double           0.5       scalar",
        '    stop         string           ["."]     list',
        '    config       object{k: long}  {"k": 1}  scalar',
    ]


# ----------------------------------------------------------------------------- register, alias


def test_register(client: HintsigClient, make_model: MakeModel) -> None:
    source = make_model(signature=SIGNATURE)
    result = run("register", str(source), "churn")
    assert result.exit_code == 0
    assert result.stdout == f"Registered churn version 1 (signature: yes; source: {source})\n"
    assert client.get_model_version("churn", 1).signature == SIGNATURE


def test_register_refused_by_the_policy(client: HintsigClient, make_model: MakeModel) -> None:
    client.set_require_signature(True)
    source = make_model()
    result = run("register", str(source), "churn")
    assert_fails(
        result,
        "This registry requires every model version to have a signature with an input schema, "
        f"and the model at {source} has no signature, so it cannot become a version of "
        "'churn'. Add one: save or log the model with input_example= (or signature=), or call "
        f"hintsig.models.set_signature({str(source)!r}, signature); then register it again.",
    )


def test_alias(registered: HintsigClient) -> None:
    result = run("alias", "churn", "champion", "1")
    assert (result.exit_code, result.stdout) == (0, "churn@champion -> version 1\n")
    assert registered.get_model_version_by_alias("churn", "champion").version == 1


# ------------------------------------------------------------------------------------ failures


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("versions", "nope"), "Registered model 'nope' not found"),
        (("show", "churn", "9"), "Registered model 'churn' has no version 9"),
        (("show", "churn", "x"), "Registered model 'churn' has no alias 'x'"),
        (
            ("alias", "churn", "latest", "1"),
            "The alias 'latest' is reserved: 'latest' and 'v<number>' name versions",
        ),
        (("alias", "churn", "a", "7"), "Registered model 'churn' has no version 7"),
        (
            ("list", "--filter", "color = 'red'"),
            "Invalid filter string at character 1: unknown "
            "field 'color'; expected one of: name, tags.<key>",
        ),
    ],
)
def test_failures_are_one_line(
    registered: HintsigClient, args: tuple[str, ...], message: str
) -> None:
    assert_fails(run(*args), message)


def test_register_a_folder_that_is_not_a_model(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    result = run("register", str(tmp_path / "plain"), "churn")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: No MLmodel file in ")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        (("versions",), r"hintsig registry versions: Missing argument 'NAME'\."),
        (("show", "churn"), r"hintsig registry show: Missing argument 'VERSION_OR_ALIAS'\."),
        (("init", "--bogus"), r"hintsig registry init: No such option:? '?--bogus'?\.?"),
        (
            ("alias", "a", "b", "c", "d"),
            r"hintsig registry alias: Got unexpected extra argument \(d\)",
        ),
        (("nothing",), r"hintsig registry: No such command 'nothing'\."),
    ],
)
def test_usage_mistakes_are_one_line(args: tuple[str, ...], pattern: str) -> None:
    result = CliRunner().invoke(cli, ["registry", *args], prog_name="hintsig")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert re.fullmatch(f"Error: {pattern}\n", result.stderr), result.stderr


def test_a_file_that_is_not_a_registry(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("not a database")
    result = run("--registry-uri", f"sqlite:///{bad}", "list")
    assert_fails(
        result,
        f"The registry database {bad} is not a SQLite database; give the registry a path of "
        "its own (HINTSIG_REGISTRY_URI=sqlite:///PATH)",
    )
    assert bad.read_text() == "not a database"


def test_bad_registry_uri(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HINTSIG_REGISTRY_URI", "mysql://user:pw@host/db")
    assert_fails(
        run("list"),
        "Unsupported registry URI scheme 'mysql': the registry is a SQLite file, given as "
        "sqlite:///PATH or as a plain file path",
    )


def test_help_still_works() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("init", "list", "versions", "show", "register", "alias"):
        assert command in result.stdout
