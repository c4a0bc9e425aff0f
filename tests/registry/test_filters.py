"""Filter strings: the grammar, and what each filter selects in a real registry."""

from __future__ import annotations

import pytest

from hintsig._registry._filters import FilterField, compile_filter
from hintsig.client import HintsigClient
from hintsig.exceptions import HintsigException

FIELDS = {"name": FilterField("rm.name"), "version": FilterField("mv.version", integer=True)}
TAG = "EXISTS (t.key = ? AND {value})"


@pytest.fixture
def client(tmp_path_factory: pytest.TempPathFactory) -> HintsigClient:
    client = HintsigClient(tmp_path_factory.mktemp("filters") / "registry.db")
    for name, tags in [
        ("alpha", {"team": "fraud", "stage": "dev"}),
        ("Alpha2", {"team": "Fraud"}),
        ("beta", {"team": "growth", "owner's": "o'brien"}),
        ("o'brien", {}),
        ("a_c", {}),
    ]:
        client.create_registered_model(name, tags=tags)
    return client


@pytest.mark.parametrize(
    ("filter_string", "expected"),
    [
        (None, ["Alpha2", "a_c", "alpha", "beta", "o'brien"]),
        ("   ", ["Alpha2", "a_c", "alpha", "beta", "o'brien"]),
        ("name = 'alpha'", ["alpha"]),
        ('name = "alpha"', ["alpha"]),
        ("name='alpha'", ["alpha"]),
        ("name != 'alpha'", ["Alpha2", "a_c", "beta", "o'brien"]),
        ("name <> 'alpha'", ["Alpha2", "a_c", "beta", "o'brien"]),
        ("name LIKE 'alpha%'", ["alpha"]),
        ("name like 'Alpha%'", ["Alpha2"]),
        ("name ILIKE 'alpha%'", ["Alpha2", "alpha"]),
        ("name LIKE '%ta'", ["beta"]),
        ("name LIKE 'a_c'", ["a_c"]),
        ("name LIKE '_lpha'", ["alpha"]),
        ("name = 'o''brien'", ["o'brien"]),
        ('name = "o\'brien"', ["o'brien"]),
        ("name IN ('alpha', 'beta', 'nope')", ["alpha", "beta"]),
        ("name in ('beta')", ["beta"]),
        ("tags.team = 'fraud'", ["alpha"]),
        ("tags.team ILIKE 'fraud'", ["Alpha2", "alpha"]),
        ("tags.team = 'fraud' AND tags.stage = 'dev'", ["alpha"]),
        ("tags.team = 'fraud' and name = 'beta'", []),
        ("tags.`owner's` = 'o''brien'", ["beta"]),
        ("tags.team != 'fraud'", ["Alpha2", "beta"]),
        ("tags.missing = 'x'", []),
        ("name LIKE '%'", ["Alpha2", "a_c", "alpha", "beta", "o'brien"]),
    ],
)
def test_registered_model_filters(
    client: HintsigClient, filter_string: str | None, expected: list[str]
) -> None:
    found = [m.name for m in client.search_registered_models(filter_string)]
    assert found == expected


@pytest.mark.parametrize(
    ("filter_string", "message"),
    [
        (
            "owner = 'x'",
            " at character 1: unknown field 'owner'; expected one of: name, tags.<key>",
        ),
        ("'x' = name", " at character 1: unknown field; expected one of: name, tags.<key>"),
        ("name", ": the filter ends where an operator should follow"),
        ("name =", ": the filter ends where a value should follow"),
        ("name = alpha", " at character 8: field 'name' needs a quoted string"),
        ("name = 3", " at character 8: field 'name' needs a quoted string"),
        (
            "name < 'a'",
            " at character 6: field 'name' takes the operators =, !=, <>, LIKE, ILIKE, IN",
        ),
        (
            "name = 'a' OR name = 'b'",
            " at character 12: OR is not supported; combine conditions with AND",
        ),
        ("name = 'a' name = 'b'", " at character 12: expected AND between two conditions"),
        ("name = 'a' AND", ": the filter ends where a field name should follow"),
        ("name = 'unclosed", " at character 8: unexpected character or unclosed quote"),
        ("name = 'a' ; DROP TABLE x", " at character 12: unexpected character or unclosed quote"),
        ("name IN 'a'", " at character 9: expected '('"),
        ("name IN ('a' 'b')", " at character 14: expected ',' or ')'"),
        ("name IN ()", " at character 10: field 'name' needs a quoted string"),
        ("name IN ('a',", ": the filter ends where a value should follow"),
    ],
)
def test_bad_filters_are_clear_errors(
    client: HintsigClient, filter_string: str, message: str
) -> None:
    with pytest.raises(HintsigException) as info:
        client.search_registered_models(filter_string)
    assert info.value.message == f"Invalid filter string{message}"


def test_values_never_reach_sql_text() -> None:
    compiled = compile_filter("name = 'x'' OR 1=1 --' AND tags.k IN ('a', 'b')", FIELDS, TAG)
    assert compiled.where == "rm.name = ? AND EXISTS (t.key = ? AND t.value IN (?, ?))"
    assert compiled.params == ("x' OR 1=1 --", "k", "a", "b")


@pytest.mark.parametrize(
    ("filter_string", "where", "params"),
    [
        ("version = 3", "mv.version = ?", (3,)),
        ("version >= 2 AND version < 5", "mv.version >= ? AND mv.version < ?", (2, 5)),
        ("version IN (1, 2)", "mv.version IN (?, ?)", (1, 2)),
        ("version != 1", "mv.version IS NOT ?", (1,)),
        ("name ILIKE 'A%'", "hintsig_like(rm.name, ?, 0)", ("A%",)),
        ("name LIKE 'A%'", "hintsig_like(rm.name, ?, 1)", ("A%",)),
    ],
)
def test_compiled_sql(filter_string: str, where: str, params: tuple[object, ...]) -> None:
    compiled = compile_filter(filter_string, FIELDS, TAG)
    assert (compiled.where, compiled.params) == (where, params)


@pytest.mark.parametrize(
    ("filter_string", "message"),
    [
        ("version = '3'", "field 'version' needs an integer"),
        ("version = 9223372036854775808", "the number for field 'version' is out of range"),
        ("version LIKE 3", "field 'version' takes the operators =, !=, <>, <, <=, >, >=, IN"),
    ],
)
def test_number_field_errors(filter_string: str, message: str) -> None:
    with pytest.raises(HintsigException, match=message):
        compile_filter(filter_string, FIELDS, TAG)


def test_filter_must_be_a_string() -> None:
    with pytest.raises(HintsigException, match="A filter string must be a str, got int"):
        compile_filter(3, FIELDS, TAG)  # type: ignore[arg-type]
