"""Flavour paths in MLmodel are confined to the model directory (issue 14, item 7):
absolute paths, `..` and symlinks leaving the directory are refused with a clear error,
before anything is read or imported."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
import yaml

import hintsig.pyfunc
from hintsig.exceptions import HintsigException
from hintsig.pyfunc import PythonModel


class Echo(PythonModel):
    def predict(self, model_input: list[float]) -> list[float]:
        return model_input


def _saved(tmp_path: Path) -> Path:
    path = tmp_path / "model"
    hintsig.pyfunc.save_model(path, python_model=Echo(), input_example=[1.0])
    return path


def _edit(path: Path, **changes: Any) -> None:
    file = path / "MLmodel"
    data = yaml.safe_load(file.read_text())
    data["flavors"]["python_function"].update(changes)
    file.write_text(yaml.safe_dump(data))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A pickle outside the model directory (a valid one: refusing it proves the check)."""
    file = tmp_path / "elsewhere.pkl"
    file.write_bytes(pickle.dumps([1]))
    return file


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"python_model": "{outside}"}, "not absolute"),
        ({"python_model": "../elsewhere.pkl"}, "leave the model directory"),
        ({"python_model": "sub/../../elsewhere.pkl"}, "leave the model directory"),
        ({"code": "/usr/lib/python3"}, "not absolute"),
        ({"data": "../data"}, "leave the model directory"),
        ({"model_code_path": "C:\\code.py"}, "not absolute"),
        ({"artifacts": {"w": {"path": "/etc/passwd"}}}, r"artifacts\['w'\]"),
        ({"loader_module": "../evil"}, "dotted module name"),
        ({"loader_module": "hintsig.pyfunc\n"}, "dotted module name"),
    ],
)
def test_paths_leaving_the_model_are_refused(
    tmp_path: Path, outside: Path, changes: dict[str, Any], message: str
) -> None:
    path = _saved(tmp_path)
    _edit(
        path,
        **{
            k: v.replace("{outside}", str(outside)) if isinstance(v, str) else v
            for k, v in changes.items()
        },
    )
    with pytest.raises(HintsigException, match=message):
        hintsig.pyfunc.load_model(path)


def test_a_symlink_leaving_the_model_is_refused(tmp_path: Path, outside: Path) -> None:
    path = _saved(tmp_path)
    (path / "link.pkl").symlink_to(outside)
    _edit(path, python_model="link.pkl")
    with pytest.raises(HintsigException, match="through a symlink"):
        hintsig.pyfunc.load_model(path)


def test_a_symlink_inside_the_model_is_fine(tmp_path: Path) -> None:
    path = _saved(tmp_path)
    (path / "alias.pkl").symlink_to(path / "python_model.pkl")
    _edit(path, python_model="alias.pkl")
    assert hintsig.pyfunc.load_model(path).predict([2.0]) == [2.0]
