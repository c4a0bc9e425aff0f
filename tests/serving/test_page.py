"""`GET /`: the schema page, rendered on the server (the browser test drives it)."""

from __future__ import annotations

import base64
import hashlib
import html
import re
import shutil
from pathlib import Path

import httpx
import pytest

from hintsig.client import HintsigClient
from hintsig.models import set_signature
from hintsig.serving import create_app
from hintsig.types.schema import ColSpec, ModelSignature, ParamSchema, ParamSpec, Schema

from .helpers import running


def page(model: str | Path) -> httpx.Response:
    with running(create_app(model)) as url:
        response = httpx.get(f"{url}/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return response


def table(text: str, table_id: str) -> list[list[str]]:
    """The cells of the body rows of table `table_id`, unescaped, tags removed."""
    found = re.search(f'<table id="{table_id}">(.*?)</table>', text, re.S)
    assert found is not None, f"no table {table_id}"
    rows = re.findall(r"<tr>(.*?)</tr>", found.group(1).split("<tbody>")[1], re.S)
    return [
        [html.unescape(re.sub("<[^>]+>", "", cell)) for cell in re.findall(r"<td>(.*?)</td>", row)]
        for row in rows
    ]


def test_the_page_shows_inputs_outputs_and_the_example(saved_models: dict[str, Path]) -> None:
    text = page(saved_models["chat"]).text
    assert table(text, "inputs-table") == [
        ["(unnamed)", "{content: string (required), role: string (required)}", "yes"]
    ]
    assert table(text, "outputs-table") == [["(unnamed)", "string", "yes"]]
    assert "The model takes no params." in text
    example = (saved_models["chat"] / "serving_input_example.json").read_text()
    box = re.search(r'<textarea id="payload"[^>]*>(.*?)</textarea>', text, re.S)
    assert box is not None and html.unescape(box.group(1)) == example
    assert '<button id="send"' in text


def test_params_and_tensors(saved_models: dict[str, Path]) -> None:
    frame = page(saved_models["frame"]).text
    assert table(frame, "params-table") == [["scale", "double", "2.0"]]
    assert table(frame, "inputs-table") == [["x", "double", "yes"], ["name", "string", "yes"]]
    tensor = page(saved_models["tensor"]).text
    assert table(tensor, "inputs-table") == [["(unnamed)", "Tensor(float32, shape (-1, 2))", "yes"]]


def test_the_page_needs_nothing_from_elsewhere(saved_models: dict[str, Path]) -> None:
    text = page(saved_models["chat"]).text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    assert "<link" not in text


def test_only_the_inline_script_and_style_may_run(saved_models: dict[str, Path]) -> None:
    response = page(saved_models["chat"])
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    for tag in ("script", "style"):
        found = re.search(f"<{tag}>(.*?)</{tag}>", response.text, re.S)
        assert found is not None
        digest = base64.b64encode(hashlib.sha256(found.group(1).encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_model_text_is_escaped(saved_models: dict[str, Path], tmp_path: Path) -> None:
    model = tmp_path / "odd"
    shutil.copytree(saved_models["frame"], model)
    odd = '<img src=x onerror="alert(1)">'
    set_signature(
        model,
        ModelSignature(
            Schema([ColSpec("double", "x"), ColSpec("string", odd)]),
            params=ParamSchema([ParamSpec("scale", "string", "</textarea><b>")]),
        ),
    )
    text = page(model).text
    assert odd not in text and "</textarea><b>" not in text
    assert html.escape(odd) in text
    assert table(text, "inputs-table")[1][0] == odd


def test_a_registered_model_shows_its_name_and_version(
    saved_models: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", str(tmp_path / "runs"))
    monkeypatch.delenv("HINTSIG_REGISTRY_URI", raising=False)
    client = HintsigClient()
    client.register_model(saved_models["chat"], "support-bot")
    second = client.register_model(saved_models["chat"], "support-bot")
    client.set_registered_model_alias("support-bot", "champion", second.version)
    with running(create_app("models:/support-bot@champion")) as url:
        text = httpx.get(f"{url}/").text
        metadata = httpx.get(f"{url}/metadata").json()
    assert '<strong id="registered-name">support-bot</strong>' in text
    assert '<strong id="registered-version">2</strong>' in text
    assert "<title>support-bot v2 - hintsig</title>" in text
    assert metadata["registered_model"] == {
        "name": "support-bot",
        "version": 2,
        "aliases": ["champion"],
    }
    assert metadata["model_uri"] == "models:/support-bot@champion"
