"""What `hintsig models serve` logs: one start-up line (model, URI, signature, URL), then one
access line per request (on by default, `--no-access-log` turns it off), never a body."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from hintsig.serving._served import ServedModel
from hintsig.serving._startup import signature_summary, startup_line
from hintsig.types.schema import ColSpec, DataType, ModelSignature, ParamSchema, ParamSpec, Schema

from .helpers import serving_process

SECRET = "do-not-log-this-value"


def _serve_and_call(model: Path, log: Path, *flags: str) -> list[str]:
    with serving_process(["-m", str(model), *flags], log) as (url, _):
        body = {"inputs": [{"role": "user", "content": SECRET}]}
        assert httpx.post(f"{url}/invocations", json=body).status_code == 200
        assert httpx.post(f"{url}/invocations", json={"inputs": [{}]}).status_code == 400
    return log.read_text().splitlines()


def test_one_startup_line_and_an_access_line_per_request(
    saved_models: dict[str, Path], tmp_path: Path
) -> None:
    lines = _serve_and_call(saved_models["chat"], tmp_path / "server.log")
    startup = [line for line in lines if "Serving model" in line]
    assert len(startup) == 1, lines
    assert startup[0].startswith("INFO:     Serving model 'chat' (")
    assert str(saved_models["chat"]) in startup[0]
    assert "inputs [object] -> outputs [string]" in startup[0]
    assert "at http://127.0.0.1:" in startup[0] and "/docs)" in startup[0]
    access = [line for line in lines if '"POST /invocations HTTP/1.1"' in line]
    assert [line.split('"')[-1].split()[0] for line in access] == ["200", "400"]
    assert not any(SECRET in line for line in lines)


def test_no_access_log(saved_models: dict[str, Path], tmp_path: Path) -> None:
    lines = _serve_and_call(saved_models["chat"], tmp_path / "server.log", "--no-access-log")
    assert sum("Serving model" in line for line in lines) == 1
    assert not any("/invocations" in line for line in lines), lines


@pytest.mark.parametrize(
    ("signature", "summary"),
    [
        (None, "no signature (inputs are not checked)"),
        (
            ModelSignature(
                Schema([ColSpec(DataType.double, f"x{i}") for i in range(6)]),
                Schema([ColSpec(DataType.long)]),
                ParamSchema([ParamSpec("top_k", DataType.long, 3)]),
            ),
            "inputs [x0: double, x1: double, x2: double, x3: double, ... and 2 more]"
            " -> outputs [long], params [top_k]",
        ),
    ],
)
def test_signature_summary(signature: ModelSignature | None, summary: str) -> None:
    assert signature_summary(signature) == summary


def test_the_url_of_an_ipv6_host(saved_models: dict[str, Path]) -> None:
    line = startup_line(ServedModel.load(saved_models["chat"]), "::1", 8080)
    assert line.endswith("at http://[::1]:8080 (Swagger UI: http://[::1]:8080/docs)")
