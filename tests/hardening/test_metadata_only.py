"""Commands that only read metadata never unpickle the model (issue 14, item 7).

The saved model's pickle is replaced by one that writes a marker file when it is loaded:
`models signature` (with and without `--json-schema`), `models export` and
`get_model_info` must leave no marker; `models predict`, which runs the model, does.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

import hintsig.pyfunc
from hintsig.cli import _commands, cli  # noqa: F401  (_commands registers the groups)
from hintsig.models.model import get_model_info
from hintsig.pyfunc import PythonModel


class _Touch:
    """Unpickling this calls `Path.touch(marker)`."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (str(self.marker),))  # type: ignore[return-value]


class Hinted(PythonModel):
    def predict(self, model_input: list[float]) -> list[float]:
        return model_input


@pytest.fixture
def trapped(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "model"
    hintsig.pyfunc.save_model(path, python_model=Hinted(), input_example=[1.0])
    marker = tmp_path / "unpickled"
    (path / "python_model.pkl").write_bytes(pickle.dumps(_Touch(marker)))
    return path, marker


@pytest.mark.parametrize(
    "args",
    [
        ["models", "signature", "-m", "{m}"],
        ["models", "signature", "-m", "{m}", "--json-schema"],
        ["models", "export", "-m", "{m}", "-f", "kserve-v2"],
    ],
)
def test_metadata_commands_never_unpickle(trapped: tuple[Path, Path], args: list[str]) -> None:
    path, marker = trapped
    result = CliRunner().invoke(cli, [a.replace("{m}", str(path)) for a in args])
    assert result.exit_code == 0, result.output
    assert not marker.exists()


def test_the_json_schema_still_knows_a_hinted_model(trapped: tuple[Path, Path]) -> None:
    path, _ = trapped
    result = CliRunner().invoke(cli, ["models", "signature", "-m", str(path), "--json-schema"])
    document = json.loads(result.output)
    assert set(document["properties"]) - {"params"} == {"inputs"}  # a list hint: `inputs` only


def test_get_model_info_never_unpickles(trapped: tuple[Path, Path]) -> None:
    path, marker = trapped
    assert get_model_info(str(path)).signature is not None
    assert not marker.exists()


def test_the_trap_works_when_the_model_is_run(trapped: tuple[Path, Path], tmp_path: Path) -> None:
    path, marker = trapped
    body = tmp_path / "body.json"
    body.write_text('{"inputs": [1.0]}')
    CliRunner().invoke(cli, ["models", "predict", "-m", str(path), "-i", str(body)])
    assert marker.exists()
    os.remove(marker)
